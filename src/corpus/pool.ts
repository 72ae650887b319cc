/**
 * The ingest's parse workers: a WorkerPool (../workers/pool.ts) whose workers answer each file
 * with what the store keeps of it (record.ts).
 */
import { builtWorker, WorkerPool } from '../workers/pool.js';
import { failedFile, type FileOutcome } from './record.js';
import type { WorkerInit } from './worker.js';

export class ParsePool extends WorkerPool<WorkerInit, FileOutcome> {
  constructor(init: WorkerInit, options: { threads?: number; timeoutMs?: number } = {}) {
    super(builtWorker('corpus/worker.js'), init, failedFile, options);
  }
}
