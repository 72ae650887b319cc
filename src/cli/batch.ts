/**
 * The files of a `parse` or `check` run, rendered (rendering.ts) and handed on one by one in the
 * order they were given, as soon as each is ready: a batch of any size is never held in memory
 * whole. A large batch is parsed by worker threads (see defaultThreads); each worker compiles the
 * whole pipeline before it is fast, so a small batch is parsed on this thread.
 */
import { availableParallelism } from 'node:os';
import { PARSE_WORKER_LIMITS } from '../jit.js';
import { failedResult, parseBuffer, parsePath } from '../pipeline.js';
import { builtWorker, WorkerPool } from '../workers/pool.js';
import type { RenderInit } from './render-worker.js';
import { renderResult, type Rendered } from './rendering.js';

/**
 * Fewest files per worker: below this a worker's start and warm-up (about a quarter of a second
 * for its first 100 files on a 2-core machine) cost more than it saves. It is a floor for
 * machines with a core for each worker, where it was not measured; on 2 cores, where two workers
 * also take each other's time, even 350 files each were slower than the main thread alone (see
 * defaultThreads, which gives such a machine no workers).
 */
export const FILES_PER_WORKER = 50;

/**
 * One worker per core but one: that core is left to this thread, which writes the output, and to
 * the workers' optimising compilers. On a 2-core machine that is no worker at all. There, 1,000
 * files took 1.54 s on this thread and 1.63–1.65 s with two workers; with the later JIT and heap
 * settings, two workers were about 3% faster in 5 of 6 pairs of runs, and on a faster 2-core VM
 * (2026-11-24) 5% faster in 8 of 8 pairs for 1,000 files, but 29%, 24%, 14% and 6% slower for
 * 100, 200, 400 and 700 files (each worker loads and warms up the pipeline again). Two workers pay
 * off there only from about 850 files, so the default stays; `--threads 2` is for larger runs.
 */
export const defaultThreads = (): number => Math.max(1, availableParallelism() - 1);

export async function* renderEach(inputs: string[], init: RenderInit, threads = defaultThreads()): AsyncGenerator<Rendered> {
  // standard input is read by this thread: such a run is parsed here
  const workers = inputs.includes('-') ? 1 : Math.min(threads, Math.floor(inputs.length / FILES_PER_WORKER));
  if (workers < 2) {
    for (const input of inputs) {
      const result = input === '-' ? await parseBuffer(await readStdin(), '-', init.options) : await parsePath(input, init.options);
      yield renderResult(result, init.rendering);
    }
    return;
  }
  const failed = (path: string, code: string, message: string) => renderResult(failedResult(path, code, message), init.rendering);
  const pool = new WorkerPool<RenderInit, Rendered>(builtWorker('cli/render-worker.js'), init, failed, { threads: workers, resourceLimits: PARSE_WORKER_LIMITS });
  try {
    // the workers finish files in any order; no more are in flight than the pool holds ahead
    const pending = new Map<number, Promise<Rendered>>();
    let next = 0;
    for (let i = 0; i < inputs.length; i++) {
      while (next < inputs.length && pending.size < pool.capacity) {
        const outcome = pool.run(inputs[next]);
        outcome.catch(() => {}); // awaited in its turn; until then a failing pool must not be an unhandled rejection
        pending.set(next++, outcome);
      }
      const outcome = pending.get(i)!;
      pending.delete(i);
      yield await outcome;
    }
  } finally {
    await pool.close();
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
