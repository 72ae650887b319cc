/**
 * A parse worker of the ingest: answers each file path with what the store keeps of the file
 * (record.ts). The content hashes already stored come with the worker's start so a stored file
 * is recognised by its hash without being parsed.
 */
import { workerData } from 'node:worker_threads';
import type { ParseOptions } from '../pipeline.js';
import { serveFiles } from '../workers/serve.js';
import { processFile } from './record.js';

export interface WorkerInit {
  skip: string[];
  options: ParseOptions;
}

const init = workerData as WorkerInit;
const skip = new Set(init.skip);

serveFiles((path) => processFile(path, skip, init.options));
