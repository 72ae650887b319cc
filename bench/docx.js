// DOCX throughput: the DOCX fixtures replicated to about 200 files, parsed one after another in
// one process (read → recognise → check), as `gongkai parse` does. Run after `npm run build`.
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setUpJit } from './jit.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'docx');
const TARGET_FILES = 200;

export async function run() {
  const { parsePath } = await import(pathToFileURL(join(ROOT, 'dist', 'pipeline.js')).href);
  const sources = readdirSync(FIXTURES).filter((n) => n.endsWith('.docx'));
  if (!sources.length) throw new Error(`no DOCX fixtures in ${FIXTURES}`);
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-docx-'));
  try {
    const files = [];
    for (let i = 0; files.length < TARGET_FILES; i++) {
      const name = sources[i % sources.length];
      const file = join(dir, `${i}-${name}`);
      copyFileSync(join(FIXTURES, name), file);
      files.push(file);
    }
    // warm-up: module loading and JIT are not what is measured
    for (const name of sources) await parsePath(join(FIXTURES, name));
    const started = process.hrtime.bigint();
    for (const file of files) {
      const out = await parsePath(file);
      if (out.error) throw new Error(`${file}: ${out.error.code} ${out.error.message}`);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const result = { 'docx reports/s': Math.round((files.length / seconds) * 10) / 10 };
    console.log(`docx: ${files.length} reports in ${seconds.toFixed(2)} s → ${result['docx reports/s']} reports/s`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  setUpJit();
  await run();
}
