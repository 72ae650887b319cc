// `npm run bench`: every benchmark of the project, one after the other, then a summary.
// BENCH_ONLY=text,pdf runs a subset; the machine's own speed is always measured first. The
// process is set up as the CLI sets itself up (see jit.js).
import { setUpJit } from './jit.js';

setUpJit();
const sections = [
  ['machine', './machine.js'],
  ['text', './text.js'],
  ['docx', './docx.js'],
  ['pdf', './pdf.js'],
  ['ingest', './ingest.js'],
];
const only = process.env.BENCH_ONLY?.split(',');
const summary = {};
for (const [name, module] of sections) {
  if (only && !only.includes(name) && name !== 'machine') continue;
  console.log(`\n== ${name} ==`);
  const { run } = await import(module);
  Object.assign(summary, await run());
}
console.log('\n== summary ==');
for (const [k, v] of Object.entries(summary)) console.log(`${k}: ${v}`);
