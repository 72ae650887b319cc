/**
 * A pool of file workers (worker_threads): each takes a file path and answers with an outcome
 * (the ingest's record of a file, the CLI's rendering of a report). Each worker is handed several
 * files ahead, so it never waits for this thread — which may be busy writing to a database or to
 * standard output — to give it the next one. A worker that makes no progress for the time limit,
 * or dies, is replaced: the file it was on gets a failed outcome, the files queued behind it go
 * to the new worker, and the batch goes on.
 *
 * The worker module answers the protocol of serveFiles (./serve.ts).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { tuneJit } from '../jit.js';
import type { FileTask, WorkerAnswer } from './serve.js';

interface Job<Outcome> {
  id: number;
  path: string;
  resolve: (o: Outcome) => void;
  reject: (e: Error) => void;
}

interface Slot<Outcome> {
  worker: Worker;
  /** Jobs posted to the worker, in the order it works through them. */
  jobs: Job<Outcome>[];
  /** When the worker last answered (or was given work while idle). */
  lastProgress: number;
  online: boolean;
}

/**
 * A compiled worker module, `path` relative to src/ (e.g. "corpus/worker.js"): in the tree this
 * module runs from, or — when the sources run directly (tests) — in dist/.
 */
export function builtWorker(path: string): URL {
  const here = new URL(`../${path}`, import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL(`../../dist/${path}`, import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`the worker ${path} is not built: run \`npm run build\``);
}

/** The outcome for a file its worker could not finish (stuck past the time limit, or died on it). */
export type FailedOutcome<Outcome> = (path: string, code: 'TIMEOUT' | 'INTERNAL', message: string) => Outcome;

/** The parse workers could not start at all (not a problem of one file). */
export class PoolError extends Error {}
/** Files queued in each worker: enough to bridge a long database commit. */
const AHEAD = 64;

export class WorkerPool<Init, Outcome> {
  readonly size: number;
  private readonly slots: Slot<Outcome>[] = [];
  private readonly waiting: Job<Outcome>[] = [];
  private readonly timeoutMs: number;
  private readonly watchdog: NodeJS.Timeout;
  private nextId = 0;
  private closed = false;
  /** Set when a worker failed before it started: every file would fail the same way. */
  private fatal: Error | null = null;

  private readonly resourceLimits: ResourceLimits | undefined;

  /**
   * `url`: the worker module (see builtWorker); `init`: its workerData; `resourceLimits`: the
   * workers' heap limits (Node's defaults when absent).
   */
  constructor(
    private readonly url: URL,
    private readonly init: Init,
    private readonly failed: FailedOutcome<Outcome>,
    options: { threads?: number; timeoutMs?: number; resourceLimits?: ResourceLimits } = {},
  ) {
    tuneJit(); // before the workers' isolates exist: they read it when created
    this.size = Math.max(1, options.threads ?? availableParallelism());
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.resourceLimits = options.resourceLimits;
    for (let i = 0; i < this.size; i++) this.slots.push(this.spawn());
    this.watchdog = setInterval(() => this.check(), Math.min(1000, this.timeoutMs / 4));
    this.watchdog.unref();
  }

  /** How many files the pool can hold without anyone waiting: hand it this many ahead. */
  get capacity(): number {
    return this.size * AHEAD;
  }

  run(path: string): Promise<Outcome> {
    if (this.fatal) return Promise.reject(this.fatal);
    return new Promise((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, path, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot<Outcome> {
    const slot: Slot<Outcome> = { worker: new Worker(this.url, { workerData: this.init, resourceLimits: this.resourceLimits }), jobs: [], lastProgress: Date.now(), online: false };
    slot.worker.on('message', (msg: WorkerAnswer<Outcome>) => {
      if ('ready' in msg) {
        slot.online = true;
        return;
      }
      const at = slot.jobs.findIndex((j) => j.id === msg.id);
      if (at < 0) return;
      const [job] = slot.jobs.splice(at, 1);
      slot.lastProgress = Date.now();
      job.resolve(msg.outcome);
      this.dispatch();
    });
    slot.worker.on('error', (e) => {
      if (!slot.online) this.fail(new PoolError(`the parse workers cannot start: ${e.message}`));
      else this.replace(slot, 'INTERNAL', `the parser stopped on this file: ${e.message}`);
    });
    slot.worker.on('exit', (code) => {
      if (!this.closed && !this.fatal) this.replace(slot, 'INTERNAL', `the parser exited (code ${code}) on this file`);
    });
    return slot;
  }

  private dispatch(): void {
    while (this.waiting.length) {
      // the least loaded worker takes the next file
      let slot: Slot<Outcome> | null = null;
      for (const s of this.slots) if (s.jobs.length < AHEAD && (!slot || s.jobs.length < slot.jobs.length)) slot = s;
      if (!slot) return;
      const job = this.waiting.shift()!;
      if (!slot.jobs.length) slot.lastProgress = Date.now();
      slot.jobs.push(job);
      slot.worker.postMessage({ id: job.id, path: job.path } satisfies FileTask);
    }
  }

  private fail(e: Error): void {
    if (this.fatal) return;
    this.fatal = e;
    const jobs = [...this.waiting, ...this.slots.flatMap((s) => s.jobs)];
    this.waiting.length = 0;
    for (const s of this.slots) s.jobs = [];
    for (const j of jobs) j.reject(e);
    void this.close();
  }

  private check(): void {
    const now = Date.now();
    for (const slot of [...this.slots]) {
      if (slot.jobs.length && now - slot.lastProgress > this.timeoutMs) {
        this.replace(slot, 'TIMEOUT', `parsing took longer than ${Math.round(this.timeoutMs / 1000)} s; the file was skipped`);
      }
    }
  }

  /** The worker is stuck or gone: the file it was on fails, the rest go back in the queue. */
  private replace(slot: Slot<Outcome>, code: 'TIMEOUT' | 'INTERNAL', message: string): void {
    if (this.closed || this.fatal) return;
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const [stuck, ...rest] = slot.jobs;
    slot.jobs = [];
    this.slots[index] = this.spawn();
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    void slot.worker.terminate();
    this.waiting.unshift(...rest);
    if (stuck) stuck.resolve(this.failed(stuck.path, code, message));
    this.dispatch();
  }
}
