/**
 * The ingest's parse workers: a WorkerPool (../workers/pool.ts) whose workers answer each file
 * with what the store keeps of it (record.ts).
 */
import { formatOf } from '../pipeline.js';
import { builtWorker, WorkerPool } from '../workers/pool.js';
import type { FileOutcome } from './record.js';
import type { WorkerInit } from './worker.js';

export class ParsePool extends WorkerPool<WorkerInit, FileOutcome> {
  constructor(init: WorkerInit, options: { threads?: number; timeoutMs?: number } = {}) {
    super(builtWorker('corpus/worker.js'), init, (path, code, message) => ({ kind: 'failed', path, sha256: null, bytes: null, format: formatOf(path), code, message }), options);
  }
}
