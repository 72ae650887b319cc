// One bench worker: parses its share of the files and reports counts.
import { parentPort, workerData } from 'node:worker_threads';
import { parsePath } from '../dist/pipeline.js';

let reports = 0;
let errors = 0;
for (const f of workerData) {
  const r = await parsePath(f);
  if ('error' in r) errors++;
  else reports++;
}
parentPort.postMessage({ reports, errors });
