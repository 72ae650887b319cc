// One bench worker: parses its share of the files and reports counts and timings. The first
// files run before V8 has optimised the code, so their time is reported apart (the warm-up).
import { parentPort, workerData } from 'node:worker_threads';

const started = performance.now();
const { parsePath } = await import('../dist/pipeline.js');
const loaded = performance.now();
const WARM_UP = 100;

let reports = 0;
let errors = 0;
let warm = loaded;
for (const [i, f] of workerData.entries()) {
  const r = await parsePath(f);
  if ('error' in r) errors++;
  else reports++;
  if (i + 1 === WARM_UP) warm = performance.now();
}
const done = performance.now();
parentPort.postMessage({
  reports,
  errors,
  loadMs: loaded - started,
  warmUpMs: warm - loaded,
  steadyMs: done - warm,
  steadyFiles: Math.max(0, workerData.length - WARM_UP),
});
