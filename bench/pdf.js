// PDF parsing time, gongkai next to `pdftotext -layout` (poppler, the tool the text fixtures were
// made with), on the real PDF fixtures. Run after `npm run build`.
//
// What is measured, per file:
// - gongkai: `parseBuffer` (dist/pipeline.js) from the file's bytes in memory to a checked
//   report — pdf.js parsing, tables, recognition and every rule — in this process, warm (pdf.js
//   is loaded and compiled once, before the timing, as in a corpus run or a server);
// - pdftotext: one `pdftotext -layout FILE -` process, spawned and waited for, its output read
//   from the pipe — so its time includes starting the process (`pdftotext -v` alone is shown for
//   that share), and its output is plain text, not a report.
// Each is timed in runs of BLOCK back-to-back repeats (its steady state: alternating single
// runs slows both, by cache and background-GC effects), and the runs of the two alternate, file
// by file, for ROUNDS rounds, so that a machine that gets busier slows both alike. The ratio is
// of the medians. BENCH_PDF_REPEAT sets the repeats per file (default 15 = 3 rounds of 5).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBuffer } from '../dist/pipeline.js';
import { setUpJit } from './jit.js';

const FIXTURES = new URL('../test/fixtures/real/', import.meta.url).pathname;
const REPEAT = Number(process.env.BENCH_PDF_REPEAT ?? 15);
const BLOCK = Math.min(5, REPEAT);
const ROUNDS = Math.ceil(REPEAT / BLOCK);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function pdftotextAvailable() {
  const r = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  return !r.error;
}

async function gongkai(name, data) {
  const t = performance.now();
  const r = await parseBuffer(data, name);
  const ms = performance.now() - t;
  if ('error' in r) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return ms;
}

function pdftotext(path) {
  const t = performance.now();
  const r = spawnSync('pdftotext', ['-layout', path, '-'], { maxBuffer: 64 << 20 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`pdftotext failed on ${path}`);
  return ms;
}

function processStart() {
  const t = performance.now();
  spawnSync('pdftotext', ['-v']);
  return performance.now() - t;
}

export async function run() {
  const files = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.pdf'))
    .sort()
    .map((f) => ({ name: f, path: join(FIXTURES, f), data: readFileSync(join(FIXTURES, f)) }));
  const hasPdftotext = pdftotextAvailable();
  // warm up: the first PDF pays for loading pdf.js and compiling it
  for (const f of files) await gongkai(f.name, f.data);
  const times = Object.fromEntries(files.map((f) => [f.name, { gongkai: [], pdftotext: [] }]));
  const start = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const f of files) {
      const n = Math.min(BLOCK, REPEAT - round * BLOCK);
      for (let i = 0; i < n; i++) times[f.name].gongkai.push(await gongkai(f.name, f.data));
      if (hasPdftotext) for (let i = 0; i < n; i++) times[f.name].pdftotext.push(pdftotext(f.path));
    }
    if (hasPdftotext) for (let i = 0; i < BLOCK; i++) start.push(processStart());
  }
  const ours = files.flatMap((f) => times[f.name].gongkai);
  const theirs = files.flatMap((f) => times[f.name].pdftotext);
  console.log(`PDF parsing, median of ${REPEAT} per file (${ROUNDS} alternating rounds of ${BLOCK})`);
  console.log('  gongkai: parseBuffer, bytes in memory → checked report, in-process, warm');
  console.log('  pdftotext: `pdftotext -layout FILE -` as a process, start included → plain text');
  // the best run of each is shown too: on a busy machine the medians move, the best runs less
  const best = (xs) => Math.min(...xs).toFixed(1);
  for (const f of files) {
    const t = times[f.name];
    const g = median(t.gongkai);
    const line = `  ${f.name}: gongkai ${g.toFixed(1)} ms (best ${best(t.gongkai)})`;
    if (!hasPdftotext) console.log(line);
    else {
      const p = median(t.pdftotext);
      console.log(`${line}, pdftotext -layout ${p.toFixed(1)} ms (best ${best(t.pdftotext)}), ratio ${(g / p).toFixed(2)}`);
    }
  }
  const x = median(ours);
  const out = { 'pdf files': files.length, 'pdf repeats': REPEAT, 'pdf ms/file': +x.toFixed(1) };
  if (hasPdftotext) {
    const y = median(theirs);
    out['pdftotext -layout ms/file'] = +y.toFixed(1);
    out['pdftotext process start ms'] = +median(start).toFixed(1);
    out['ratio'] = +(x / y).toFixed(2);
  } else out['pdftotext -layout ms/file'] = 'pdftotext not installed';
  for (const [k, v] of Object.entries(out)) console.log(`  ${k}: ${v}`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setUpJit();
  await run();
}
