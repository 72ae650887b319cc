/** The command line as a process: formats, standard input, options and exit codes. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILES_PER_WORKER } from '../src/cli/batch.js';
import { FIXTURES, runCli } from './helpers.js';

const seed = (n: string) => join(FIXTURES, 'seeds', n);
const S000 = seed('000_c47e9c5f12649720.txt');
const S002 = seed('002_78d436c7c7a06db1.txt');
const S004 = seed('004_2e038facf9d8feda.txt');

describe('gongkai parse', () => {
  it('text: a readable rendering of the recognised tables', () => {
    const r = runCli(['parse', S000]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('乌苏市卫生健康委员会');
    expect(r.stdout).toMatch(/行政处罚\s+上一年项目数量 292\s+本年增\/减 -141\s+处理决定数量 35/);
    expect(r.stdout).toMatch(/四、结转下年度继续办理(\s+0){7}/);
  });

  it('json: the report object of MODEL.md', () => {
    const r = runCli(['parse', S000, '--format', 'json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.schema).toBe('gongkai/report/v1');
    expect(out.source).toMatchObject({ path: S000, format: 'txt', bytes: readFileSync(S000).length });
    expect(out.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.meta).toMatchObject({ agency: '乌苏市卫生健康委员会', year: 2020, template: '2019' });
    expect(out.cells.find((c: { path: string }) => c.path === 'table2.penalty.change')).toMatchObject({ raw: '-141', value: -141, loc: { line: 53 } });
  });

  it('jsonl: one report per line in argument order; - reads standard input', () => {
    const r = runCli(['parse', S002, '-', '--format', 'jsonl'], readFileSync(S000));
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.meta.agency)).toEqual(['南关区卫生健康局', '乌苏市卫生健康委员会']);
    expect(lines[1].source.path).toBe('-');
    expect(lines[1].source.format).toBe('stdin');
  });

  it('bad usage exits 2', () => {
    expect(runCli(['parse']).status).toBe(2);
    expect(runCli(['parse', S000, '--format', 'yaml']).status).toBe(2);
    expect(runCli(['frobnicate']).status).toBe(2);
  });

  it('--help and --version exit 0', () => {
    expect(runCli(['--help']).status).toBe(0);
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('a large batch (parse and check on worker threads)', () => {
  // the text and HTML fixtures over and over, with an image, an empty file and a missing one among
  // them: enough files that --threads 2 runs two workers
  let dir: string;
  let files: string[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-batch-'));
    const sources = ['seeds', 'real'].flatMap((d) => readdirSync(join(FIXTURES, d)).filter((n) => /\.(txt|html)$/.test(n)).map((n) => join(FIXTURES, d, n)));
    files = [];
    for (let i = 0; files.length < 2 * FILES_PER_WORKER + 20; i++) {
      const f = join(dir, `${i}-${sources[i % sources.length].split('/').pop()}`);
      copyFileSync(sources[i % sources.length], f);
      files.push(f);
    }
    writeFileSync(join(dir, 'picture.txt'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    writeFileSync(join(dir, 'empty.txt'), '');
    files.splice(7, 0, join(dir, 'picture.txt'));
    files.splice(40, 0, join(dir, 'empty.txt'));
    files.splice(90, 0, join(dir, 'missing.txt'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parse: the same bytes, exit code and error lines on two workers as on the main thread, in argument order', () => {
    for (const format of ['jsonl', 'json', 'text']) {
      const one = runCli(['parse', ...files, '--format', format, '--threads', '1']);
      const two = runCli(['parse', ...files, '--format', format, '--threads', '2']);
      expect(two.stdout).toBe(one.stdout);
      expect([one.status, two.status]).toEqual([1, 1]);
      expect(two.stderr.split('\n').sort()).toEqual(one.stderr.split('\n').sort());
      if (format === 'jsonl') {
        const lines = two.stdout.trim().split('\n').map((l) => JSON.parse(l));
        expect(lines.map((l) => l.source.path)).toEqual(files);
        expect(lines.filter((l) => l.error).map((l) => l.error.code)).toEqual(['BINARY', 'EMPTY', 'NOT_FOUND']);
      }
      if (format === 'json') {
        // one array, printed exactly as JSON.stringify prints it
        const all = JSON.parse(two.stdout);
        expect(all).toHaveLength(files.length);
        expect(two.stdout).toBe(`${JSON.stringify(all, null, 2)}\n`);
      }
      if (format === 'text') expect(two.stderr.trim().split('\n')).toHaveLength(3);
    }
  });

  it('check: the same diagnostics and summary on two workers as on the main thread', () => {
    const one = runCli(['check', ...files, '--threads', '1']);
    const two = runCli(['check', ...files, '--threads', '2']);
    expect(two.stdout).toBe(one.stdout);
    expect(two.status).toBe(1);
    expect(two.stdout.trim().split('\n').at(-1)).toMatch(new RegExp(`^✖ ${files.length} files: \\d+ errors?, \\d+ warnings?, \\d+ info, 3 unreadable$`));
    const json = runCli(['check', ...files, '--format', 'jsonl', '--threads', '2', '--severity', 'error']);
    expect(json.stdout).toBe(runCli(['check', ...files, '--format', 'jsonl', '--threads', '1', '--severity', 'error']).stdout);
  });

  it('--threads takes a whole number of at least 1', () => {
    for (const bad of ['0', '-2', '1.5', 'many']) {
      const r = runCli(['parse', files[0], '--threads', bad]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--threads takes a whole number of at least 1/);
    }
  });
});

describe('gongkai check', () => {
  it('text: compiler-style diagnostics with the source line and a summary; exit 1 on errors', () => {
    const r = runCli(['check', S004]);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n');
    const date = lines.findIndex((l) => l.includes('DATE_BEFORE_PERIOD_END'));
    expect(lines[date]).toMatch(new RegExp(`^${S004.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S*\\s+error\\s+DATE_BEFORE_PERIOD_END\\s+`));
    const label = lines.find((l) => l.includes('ROW_LABEL_MISSING'))!;
    expect(label).toMatch(/:\d+\s+warning\s+ROW_LABEL_MISSING/);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/1 file: 1 error, \d+ warnings?, \d+ info/);
  });

  it('exit 0 when no report has an error', () => {
    const r = runCli(['check', S000]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/✔ 1 file: 0 errors/);
  });

  it('--format json prints the report with its findings', () => {
    const r = runCli(['check', S002, '--format', 'json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings.map((f: { code: string }) => f.code)).toEqual(expect.arrayContaining(['TEMPLATE_OUTDATED', 'TABLE_MISSING', 'NARRATIVE_TABLE_MISMATCH', 'NARRATIVE_SUM_MISMATCH']));
  });

  it('--rule and --disable select rules; --severity filters', () => {
    const only = JSON.parse(runCli(['check', S002, '--format', 'json', '--rule', 'NARRATIVE_SUM_MISMATCH']).stdout);
    expect([...new Set(only.findings.map((f: { code: string }) => f.code))]).toEqual(['NARRATIVE_SUM_MISMATCH']);
    const r = runCli(['check', S002, '--disable', 'TABLE_MISSING,TEMPLATE_OUTDATED']);
    expect(r.status).toBe(0);
    const errorsOnly = JSON.parse(runCli(['check', S002, '--format', 'json', '--severity', 'error']).stdout);
    expect(errorsOnly.findings.every((f: { severity: string }) => f.severity === 'error')).toBe(true);
  });

  it('--max-warnings turns warnings into a failing exit', () => {
    expect(runCli(['check', S002, '--disable', 'TABLE_MISSING,TEMPLATE_OUTDATED', '--max-warnings', '0']).status).toBe(1);
    expect(runCli(['check', S002, '--disable', 'TABLE_MISSING,TEMPLATE_OUTDATED', '--max-warnings', '100']).status).toBe(0);
  });

  it('an unknown rule is bad usage', () => {
    const r = runCli(['check', S000, '--rule', 'NO_SUCH_RULE']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown rule "NO_SUCH_RULE"/);
  });

  it('colour only on request or a TTY', () => {
    expect(runCli(['check', S004]).stdout).not.toMatch(/\u001b\[/);
    expect(runCli(['check', S004, '--color'], undefined, { NO_COLOR: '' }).stdout).toMatch(/\u001b\[31m/);
  });
});

describe('gongkai rules, explain, schema', () => {
  it('rules lists the whole catalogue of MODEL.md §3', () => {
    const r = runCli(['rules', '--format', 'json']);
    const codes = JSON.parse(r.stdout).map((m: { code: string }) => m.code);
    for (const code of ['T3_BALANCE', 'T3_RESULTS_SUM', 'T3_ROW_SUM', 'T4_BLOCK_SUM', 'LEGACY_SUM', 'CELL_BLANK', 'CELL_NORMALISED', 'CELL_INVALID', 'ROW_LABEL_MISSING', 'TABLE_MISSING', 'SECTION_MISSING', 'TEMPLATE_OUTDATED', 'META_AGENCY_MISSING', 'META_YEAR_MISSING', 'DATE_BEFORE_PERIOD_END', 'DATE_AFTER_DEADLINE', 'NARRATIVE_TABLE_MISMATCH', 'NARRATIVE_SUM_MISMATCH'])
      expect(codes).toContain(code);
    expect(runCli(['rules']).stdout).toMatch(/^T3_BALANCE\s+error\s+report\s+表三各列/m);
  });

  it('explain prints both languages and the basis', () => {
    const r = runCli(['explain', 't3_balance']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('第一项加第二项之和，等于第三项加第四项之和');
    expect(r.stdout).toContain('carried forward');
    expect(r.stdout).toMatch(/Basis: /);
    expect(runCli(['explain', 'NOPE']).status).toBe(2);
  });

  it('schema prints a JSON Schema that describes the report', () => {
    const s = JSON.parse(runCli(['schema']).stdout);
    expect(s.$schema).toMatch(/json-schema/);
    const text = JSON.stringify(s);
    for (const key of ['carriedForward', 'litigationAfterReconsideration', 'procurement', 'inForce', 'sha256']) expect(text).toContain(key);
  });
});

describe('JIT settings for batches (src/jit.ts)', () => {
  // V8 prints "Error: unrecognized flag" for a flag it does not have: every flag set must exist
  it('are accepted by this Node without a word on stderr, once however often they are asked for', () => {
    const jit = new URL('../dist/jit.js', import.meta.url).href;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import { tuneJit } from '${jit}'; tuneJit(); tuneJit(); console.log('ok');`], { encoding: 'utf8' });
    expect([r.status, r.stdout.trim(), r.stderr]).toEqual([0, 'ok', '']);
  });

  it('the CLI sets them up quietly', () => {
    const r = runCli(['parse', S000, '--format', 'json']);
    expect([r.status, r.stderr]).toEqual([0, '']);
  });
});
