/**
 * A worker of a large `parse` or `check` batch (batch.ts): parses each file it is given and
 * answers with the file's output already rendered (rendering.ts).
 */
import { workerData } from 'node:worker_threads';
import { parsePath, type ParseOptions } from '../pipeline.js';
import { serveFiles } from '../workers/serve.js';
import { renderResult, type Rendering } from './rendering.js';

export interface RenderInit {
  options: ParseOptions;
  rendering: Rendering;
}

const init = workerData as RenderInit;

serveFiles(async (path) => renderResult(await parsePath(path, init.options), init.rendering));
