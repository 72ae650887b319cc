// One bench worker: parses files, taking the next one from a counter shared with the other
// workers, and reports counts and timings. The first files run before V8 has optimised the code,
// so their time is reported apart (the warm-up).
import { parentPort, workerData } from 'node:worker_threads';

const started = performance.now();
const { parsePath } = await import('../dist/pipeline.js');
const loaded = performance.now();
const WARM_UP = 100;

const { files, next } = workerData;
let reports = 0;
let errors = 0;
let warm = -1;
for (let i = Atomics.add(next, 0, 1); i < files.length; i = Atomics.add(next, 0, 1)) {
  const r = await parsePath(files[i]);
  if ('error' in r) errors++;
  else reports++;
  if (reports + errors === WARM_UP) warm = performance.now();
}
const done = performance.now();
const parsed = reports + errors;
if (warm < 0) warm = done; // fewer files than the warm-up: all of them were warm-up
parentPort.postMessage({
  reports,
  errors,
  loadMs: loaded - started,
  warmUpMs: warm - loaded,
  steadyMs: done - warm,
  steadyFiles: Math.max(0, parsed - WARM_UP),
});
