// Each benchmark's process is set up as the CLI sets itself up (tuneJit: V8's optimiser settings
// for batches), whether it runs under `npm run bench` or alone (`node bench/text.js`): run alone,
// the text bench measured V8's defaults and made 983–1,010 reports/s against 1,110–1,232 under
// run.js, on the same machine. BENCH_JIT=default measures V8's defaults instead.
import { tuneJit } from '../dist/jit.js';

export function setUpJit() {
  if (process.env.BENCH_JIT !== 'default') tuneJit();
}
