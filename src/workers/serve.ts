/**
 * The worker side of WorkerPool (./pool.ts): answer each file path the pool posts with its
 * outcome, in the order they came, and say "ready" once the module (and so the parser it
 * imports) has loaded — from then on an error is about a file, not about starting.
 */
import { parentPort } from 'node:worker_threads';

export interface FileTask {
  id: number;
  path: string;
}

export type WorkerAnswer<Outcome> = { id: number; outcome: Outcome } | { ready: true };

export function serveFiles<Outcome>(handle: (path: string) => Promise<Outcome>): void {
  const port = parentPort;
  if (!port) throw new Error('serveFiles runs in a worker thread');
  port.on('message', async (task: FileTask) => {
    const outcome = await handle(task.path);
    port.postMessage({ id: task.id, outcome } satisfies WorkerAnswer<Outcome>);
  });
  port.postMessage({ ready: true } satisfies WorkerAnswer<Outcome>);
}
