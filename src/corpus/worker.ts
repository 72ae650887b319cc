/**
 * A parse worker: receives file paths, answers with what the store keeps of each file
 * (record.ts). The content hashes already stored come with the worker's start so a stored file
 * is recognised by its hash without being parsed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ParseOptions } from '../pipeline.js';
import { processFile } from './record.js';

export interface WorkerInit {
  skip: string[];
  options: ParseOptions;
}

export interface WorkerTask {
  id: number;
  path: string;
}

const init = workerData as WorkerInit;
const skip = new Set(init.skip);

parentPort!.on('message', async (task: WorkerTask) => {
  const outcome = await processFile(task.path, skip, init.options);
  parentPort!.postMessage({ id: task.id, outcome });
});
// the parser is loaded: from now on an error is about a file, not about starting
parentPort!.postMessage({ ready: true });
