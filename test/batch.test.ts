/**
 * renderEach (src/cli/batch.ts): when a batch goes to worker threads, and that what comes back
 * from them, in argument order, is what the main thread makes of the same files.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FILES_PER_WORKER, renderEach } from '../src/cli/batch.js';
import { PARSE_WORKER_LIMITS } from '../src/jit.js';
import type { RenderInit } from '../src/cli/render-worker.js';
import type { Rendered } from '../src/cli/rendering.js';
import { FIXTURES } from './helpers.js';

// every pool made, with its number of workers and their heap limits
const pools = vi.hoisted(() => [] as number[]);
const limits = vi.hoisted(() => [] as unknown[]);
vi.mock('../src/workers/pool.js', async (original) => {
  const m = await original<typeof import('../src/workers/pool.js')>();
  class CountedPool<I, O> extends m.WorkerPool<I, O> {
    constructor(...args: ConstructorParameters<typeof m.WorkerPool<I, O>>) {
      super(...args);
      pools.push(this.size);
      limits.push(args[3]?.resourceLimits);
    }
  }
  return { ...m, WorkerPool: CountedPool };
});

let dir: string;
let files: string[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-render-each-'));
  const sources = ['seeds', 'real'].flatMap((d) => readdirSync(join(FIXTURES, d)).filter((n) => /\.(txt|html)$/.test(n)).map((n) => join(FIXTURES, d, n)));
  files = Array.from({ length: 2 * FILES_PER_WORKER + 1 }, (_, i) => {
    const f = join(dir, `${i}-${sources[i % sources.length].split('/').pop()}`);
    copyFileSync(sources[i % sources.length], f);
    return f;
  });
  files.splice(3, 0, join(dir, 'missing.txt'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const all = async (inputs: string[], init: RenderInit, threads: number) => {
  const out: Rendered[] = [];
  for await (const r of renderEach(inputs, init, threads)) out.push(r);
  return out;
};
const jsonl: RenderInit = { options: {}, rendering: { kind: 'json', pretty: false, inArray: false } };

describe('renderEach', () => {
  it('a large batch goes to the workers asked for, and comes back in argument order as the main thread renders it', async () => {
    pools.length = 0;
    limits.length = 0;
    const two = await all(files, jsonl, 2);
    expect(pools).toEqual([2]);
    expect(limits).toEqual([PARSE_WORKER_LIMITS]);
    const one = await all(files, jsonl, 1);
    expect(pools).toEqual([2]); // --threads 1: no pool
    expect(two).toEqual(one);
    expect(two.map((r) => JSON.parse(r.out).source.path)).toEqual(files);
    expect(two[3]).toMatchObject({ failure: { path: files[3], code: 'NOT_FOUND' }, unreadable: 1 });
  });

  it('no more workers than the batch has files for, and none for a small batch', async () => {
    pools.length = 0;
    await all(files, jsonl, 8);
    expect(pools).toEqual([2]); // 2 × FILES_PER_WORKER files and a few: two workers
    await all(files.slice(0, 2 * FILES_PER_WORKER - 1), jsonl, 8);
    expect(pools).toEqual([2]);
  });

  it('diagnostics carry the counts the exit code is made of', async () => {
    const r = await all(files.slice(0, 5), { options: {}, rendering: { kind: 'diagnostics', color: false } }, 1);
    expect(r[3]).toMatchObject({ unreadable: 1, errors: 0, out: `${files[3]}  error    NOT_FOUND  cannot open ${files[3]}: ENOENT\n` });
    expect(r.filter((x) => !x.unreadable).every((x) => x.errors + x.warnings + x.infos === x.out.split('\n').filter((l) => / {2}(error|warning|info) {2,}/.test(l)).length)).toBe(true);
  });
});
