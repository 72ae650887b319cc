/**
 * The ingest's parse workers: a WorkerPool (../workers/pool.ts) whose workers answer each file
 * with what the store keeps of it (record.ts).
 */
import { builtWorker, WorkerPool } from '../workers/pool.js';
import type { FileOutcome } from './record.js';
import type { WorkerInit } from './worker.js';

const ext = (path: string) => /\.([A-Za-z0-9]+)$/.exec(path)?.[1].toLowerCase() ?? 'unknown';

export class ParsePool extends WorkerPool<WorkerInit, FileOutcome> {
  constructor(init: WorkerInit, options: { threads?: number; timeoutMs?: number } = {}) {
    super(builtWorker('corpus/worker.js'), init, (path, code, message) => ({ kind: 'failed', path, sha256: null, bytes: null, format: ext(path), code, message }), options);
  }
}
