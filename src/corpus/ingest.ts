/**
 * `gongkai ingest`: files → store. Worker threads read, hash and parse (pool.ts, record.ts);
 * this thread only writes, in batched transactions (writer.ts). A file already stored (same
 * content hash) is skipped without being parsed, so a second run, or a run after a kill,
 * does only what is missing. At most a bounded number of files is in flight, so memory stays
 * flat however many files there are. When the files are in, the cross-report rules run for
 * the new reports (check.ts).
 */
import { runCorpusCheck, type CorpusCheckResult } from './check.js';
import { expandInputs } from './inputs.js';
import { ParsePool } from './pool.js';
import { createProgress } from './progress.js';
import type { FileOutcome } from './record.js';
import { analyse, type Store } from './store.js';
import { Writer } from './writer.js';

export interface IngestOptions {
  /** Parse workers (default: every core, os.availableParallelism()). */
  threads?: number;
  /** Reports per transaction (default 200). */
  batchSize?: number;
  /** Commit at least this often, in seconds (default 2). */
  batchSeconds?: number;
  /** Parse again the files stored with an error. */
  retryErrors?: boolean;
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
  /** Run the cross-report rules for the new reports afterwards (default true). */
  check?: boolean;
  progress?: 'bar' | 'lines' | 'none';
  /** Time limit for one file, in ms (default 120 s). */
  timeoutMs?: number;
}

export interface IngestSummary {
  /** Files found in the inputs. */
  files: number;
  /** Reports stored by this run. */
  reports: number;
  /** Files already stored (or the same content twice in this run). */
  skipped: number;
  /** Files recorded with an error by this run. */
  failed: number;
  bodies: number;
  unmatched: string[];
  /** The files that failed in this run (the store keeps them all). */
  failures: { path: string; code: string; message: string }[];
  seconds: number;
  /** Peak resident memory of the process (all threads), in bytes. */
  peakRss: number;
  corpus?: Omit<CorpusCheckResult, 'reports'> & { seconds: number };
}

const MAX_LISTED_FAILURES = 1000;

async function countReports(store: Store): Promise<number> {
  return Number((await store.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

export async function storedHashes(store: Store, retryErrors: boolean): Promise<string[]> {
  let q = store.db.selectFrom('files').select('sha256').where('sha256', 'is not', null);
  if (retryErrors) q = q.where('status', '=', 'ok');
  return (await q.execute()).map((r) => r.sha256!);
}

export async function ingest(store: Store, inputs: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const started = Date.now();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  try {
    const { files, unmatched } = await expandInputs(inputs);
    const summary: IngestSummary = { files: files.length, reports: 0, skipped: 0, failed: 0, bodies: 0, unmatched, failures: [], seconds: 0, peakRss: 0 };
    const writer = await Writer.open(store);
    const skip = await storedHashes(store, options.retryErrors ?? false);
    const progress = createProgress({ total: files.length, mode: options.progress });
    for (const u of unmatched) progress.log(`gongkai: nothing to ingest at ${u}`);
    const newIds: number[] = [];

    if (files.length) {
      const pool = new ParsePool({ skip, options: { maxBytes: options.maxBytes } }, { threads: options.threads, timeoutMs: options.timeoutMs });
      const batchSize = options.batchSize ?? 200;
      const batchMs = (options.batchSeconds ?? 2) * 1000;
      // files handed out ahead: every worker's queue full, whatever this thread is busy with
      const window = pool.capacity + batchSize;
      const seen = new Set<string>();
      const ready: FileOutcome[] = [];
      let wake: (() => void) | null = null;
      let fatal: Error | null = null;
      let next = 0;
      let active = 0;
      let done = 0;
      let batch: FileOutcome[] = [];
      let batchStarted = Date.now();

      const launch = () => {
        while (next < files.length && active < window) {
          const path = files[next++];
          active++;
          pool.run(path).then(
            (o) => {
              active--;
              ready.push(o);
              wake?.();
            },
            (e: Error) => {
              fatal ??= e;
              wake?.();
            },
          );
        }
      };
      const flush = async () => {
        if (!batch.length) return;
        const written = await writer.write(batch);
        newIds.push(...written.reports);
        summary.reports += written.reports.length;
        summary.failed += written.failed;
        summary.bodies += written.bodies;
        batch = [];
        batchStarted = Date.now();
      };

      try {
        launch();
        while (done < files.length) {
          if (!ready.length && !fatal) await new Promise<void>((r) => (wake = r));
          wake = null;
          if (fatal) throw fatal;
          while (ready.length) {
            const o = ready.shift()!;
            done++;
            // the same content under two names in one run: stored once
            if (o.kind === 'skipped' || (o.sha256 && seen.has(o.sha256))) {
              summary.skipped++;
              progress.tick(false);
              continue;
            }
            if (o.sha256) seen.add(o.sha256);
            if (o.kind === 'failed' && summary.failures.length < MAX_LISTED_FAILURES) summary.failures.push({ path: o.path, code: o.code, message: o.message });
            if (!batch.length) batchStarted = Date.now();
            batch.push(o);
            progress.tick(o.kind === 'failed');
          }
          if (batch.length >= batchSize || (batch.length && Date.now() - batchStarted >= batchMs)) await flush();
          launch();
        }
        await flush();
      } finally {
        progress.stop();
        await pool.close();
      }
    } else progress.stop();

    if (options.check !== false && newIds.length) {
      const t = Date.now();
      if (options.progress !== 'none') process.stderr.write(`cross-report rules: checking the ${newIds.length} new report${newIds.length === 1 ? '' : 's'} against the corpus…\n`);
      const { reports: _reports, ...corpus } = await runCorpusCheck(store, { changed: newIds });
      summary.corpus = { ...corpus, seconds: (Date.now() - t) / 1000 };
    }
    // fresh planner statistics when the corpus grew by a tenth or more (cheap, but not free at 3 GB)
    if (summary.reports && summary.reports * 10 >= (await countReports(store))) await analyse(store);
    summary.seconds = (Date.now() - started) / 1000;
    summary.peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return summary;
  } finally {
    clearInterval(sampler);
  }
}
