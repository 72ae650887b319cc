// PDF parsing time: each PDF fixture parsed to a report (read → recognise → check) several
// times in this process, next to `pdftotext -layout` (poppler) run on the same file as a
// process — the tool the text fixtures were made with. Run after `npm run build`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePath } from '../dist/pipeline.js';

const FIXTURES = new URL('../test/fixtures/real/', import.meta.url).pathname;
const REPEAT = Number(process.env.BENCH_PDF_REPEAT ?? 10);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function pdftotextAvailable() {
  const r = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  return !r.error;
}

export async function run() {
  const files = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => join(FIXTURES, f));
  const hasPdftotext = pdftotextAvailable();
  // warm up: the first PDF pays for loading pdf.js and compiling it
  for (const f of files) await parsePath(f);
  const perFile = {};
  const ours = [];
  const theirs = [];
  for (const f of files) {
    const times = [];
    for (let i = 0; i < REPEAT; i++) {
      const t = performance.now();
      const r = await parsePath(f);
      times.push(performance.now() - t);
      if ('error' in r) throw new Error(`${f}: ${r.error.code} ${r.error.message}`);
    }
    const name = f.split('/').pop();
    perFile[name] = { gongkai: median(times) };
    ours.push(...times);
    if (hasPdftotext) {
      const ptimes = [];
      for (let i = 0; i < REPEAT; i++) {
        const t = performance.now();
        const r = spawnSync('pdftotext', ['-layout', f, '-'], { maxBuffer: 64 << 20 });
        ptimes.push(performance.now() - t);
        if (r.status !== 0) throw new Error(`pdftotext failed on ${f}`);
      }
      perFile[name].pdftotext = median(ptimes);
      theirs.push(...ptimes);
    }
  }
  const x = median(ours);
  const out = { 'pdf files': files.length, 'pdf repeats': REPEAT, 'pdf ms/file': +x.toFixed(1) };
  if (hasPdftotext) {
    const y = median(theirs);
    out['pdftotext -layout ms/file'] = +y.toFixed(1);
    out['ratio'] = +(x / y).toFixed(2);
  } else out['pdftotext -layout ms/file'] = 'pdftotext not installed';
  console.log('PDF parsing (median per file)');
  for (const [name, t] of Object.entries(perFile)) {
    console.log(`  ${name}: gongkai ${t.gongkai.toFixed(1)} ms${t.pdftotext !== undefined ? `, pdftotext -layout ${t.pdftotext.toFixed(1)} ms` : ''}`);
  }
  for (const [k, v] of Object.entries(out)) console.log(`  ${k}: ${v}`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
