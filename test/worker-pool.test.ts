/**
 * The generic file-worker pool (src/workers/pool.ts), with a worker module of its own written for
 * the test: what the workers are started with, and that answers come back to the file they are for.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { PARSE_WORKER_LIMITS } from '../src/jit.js';
import { WorkerPool } from '../src/workers/pool.js';
import { tempDir } from './corpus-helpers.js';

// the protocol of serveFiles: "ready" once loaded, then one answer per file, in order
const WORKER = `
import { parentPort, resourceLimits } from 'node:worker_threads';
parentPort.on('message', (task) => parentPort.postMessage({ id: task.id, outcome: { path: task.path, limits: resourceLimits } }));
parentPort.postMessage({ ready: true });
`;

describe('worker pool', () => {
  const dir = tempDir('worker-pool');
  afterAll(() => dir.dispose());
  const url = pathToFileURL(join(dir.dir, 'echo-worker.mjs'));
  writeFileSync(url, WORKER);
  const failed = (path: string, code: string) => ({ path, limits: null, code });

  it('starts its workers with the heap limits it is given, and answers each file', async () => {
    expect(PARSE_WORKER_LIMITS).toEqual({ maxYoungGenerationSizeMb: 192 });
    const pool = new WorkerPool(url, null, failed, { threads: 2, resourceLimits: PARSE_WORKER_LIMITS });
    try {
      const answers = await Promise.all(['a', 'b', 'c'].map((p) => pool.run(p)));
      expect(answers.map((a) => a.path)).toEqual(['a', 'b', 'c']);
      for (const a of answers) expect(a.limits).toMatchObject({ maxYoungGenerationSizeMb: 192 });
    } finally {
      await pool.close();
    }
  });

  it("without limits, its workers have Node's own", async () => {
    const own = await new Promise((resolve) => {
      const w = new Worker('require("node:worker_threads").parentPort.postMessage(require("node:worker_threads").resourceLimits)', { eval: true });
      w.once('message', (m) => void w.terminate().then(() => resolve(m)));
    });
    const pool = new WorkerPool(url, null, failed, { threads: 1 });
    try {
      expect((await pool.run('a')).limits).toEqual(own);
      expect(own).not.toMatchObject({ maxYoungGenerationSizeMb: 192 });
    } finally {
      await pool.close();
    }
  });
});
