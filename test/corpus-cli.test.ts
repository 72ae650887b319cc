/**
 * The README's quick start, run as a user would in an empty folder: `gongkai ingest examples/`
 * (default database gongkai.db in the current directory), then `gongkai query …`; the same
 * against PostgreSQL; and clear errors for bad requests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { cli, freshLocation, requireBackend, skipBackend, tempDir, type Location } from './corpus-helpers.js';

const EXAMPLES = join(ROOT, 'examples');

describe('quick start: gongkai ingest examples/ && gongkai query', () => {
  let cwd: ReturnType<typeof tempDir>;
  let first: ReturnType<typeof cli>;
  beforeAll(() => {
    cwd = tempDir('quickstart');
    first = cli(['ingest', EXAMPLES], cwd.dir);
  }, 120_000);
  afterAll(() => cwd?.dispose());

  it('ingests the five examples into ./gongkai.db', () => {
    expect(first.status).toBe(0);
    expect(existsSync(join(cwd.dir, 'gongkai.db'))).toBe(true);
    expect(first.stdout).toMatch(/^gongkai\.db: 5 reports stored \(4 new bodies\), 0 already stored, 0 with errors/);
    expect(first.stdout).toContain('cross-report rules:');
    // not a terminal: progress as plain lines on stderr
    expect(first.stderr).toMatch(/^ingest: 5\/5 files in/m);
  });

  it('a second run stores nothing', () => {
    const r = cli(['ingest', EXAMPLES], cwd.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 reports stored (0 new bodies), 5 already stored');
  });

  it('summarises the corpus', () => {
    const r = cli(['query'], cwd.dir);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^year\s+reports\s+bodies\s+with_errors$/);
    expect(lines.find((l) => l.startsWith('2020'))).toMatch(/^2020\s+3\s+3\s+1$/);
    expect(r.stdout).toContain('5 files stored, 0 with errors, 4 bodies');
  });

  it('answers a body’s series, a ranking, a total, a search and SQL', () => {
    const series = cli(['query', '--body', '乌苏市卫健委', '--figure', 'table2.licensing.decisions', '--format', 'json'], cwd.dir);
    expect(JSON.parse(series.stdout)).toEqual([expect.objectContaining({ year: 2020, agency: '乌苏市卫生健康委员会', template: '2019', 'table2.licensing.decisions': 2256 })]);
    const ranked = cli(['query', '--year', '2020', '--rank', 'table2.licensing.decisions', '--format', 'csv'], cwd.dir);
    expect(ranked.stdout.split('\r\n')[0]).toBe('rank,body,agency,table2.licensing.decisions,path');
    expect(ranked.stdout.split('\r\n')[1]).toMatch(/^1,乌苏市卫生健康委员会,乌苏市卫生健康委员会,2256,/);
    const sum = cli(['query', '--sql', 'select count(*) as n from reports'], cwd.dir);
    expect(sum.stdout).toMatch(/^n\n─+\n5\n/);
    const search = cli(['query', '--search', '双随机', '--format', 'jsonl'], cwd.dir);
    const hits = search.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.excerpt.includes('双随机'))).toBe(true);
  });

  it('checks the corpus', () => {
    const r = cli(['check', '--corpus'], cwd.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/reports? checked across the corpus: 0 errors/);
  });

  it('lists and explains the cross-report rules', () => {
    const rules = cli(['rules'], cwd.dir).stdout;
    for (const code of ['XYEAR_CARRYOVER', 'XYEAR_IN_FORCE', 'XYEAR_ITEMS', 'TEXT_DUPLICATE']) expect(rules).toMatch(new RegExp(`^${code}\\s+\\w+\\s+corpus`, 'm'));
    const explain = cli(['explain', 'TEXT_DUPLICATE'], cwd.dir).stdout;
    expect(explain).toContain('与上年度重复率大于50%');
    expect(explain).toContain('(warning, corpus)');
  });

  it('says clearly what is wrong', () => {
    const figure = cli(['query', '--year', '2020', '--rank', 'table3.nothing.total'], cwd.dir);
    expect(figure.status).toBe(2);
    expect(figure.stderr).toContain('unknown figure "table3.nothing.total"');
    const noYear = cli(['query', '--rank', 'table3.newReceived.total'], cwd.dir);
    expect([noYear.status, noYear.stderr]).toEqual([2, 'gongkai: --rank needs --year\n']);
    const missing = cli(['query', '--db', 'elsewhere.db'], cwd.dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no corpus at elsewhere.db');
    expect(existsSync(join(cwd.dir, 'elsewhere.db'))).toBe(false);
    const nothing = cli(['ingest', join(cwd.dir, 'no-such-folder')], cwd.dir);
    expect(nothing.status).toBe(1);
    expect(nothing.stderr).toContain('nothing to ingest at');
    const notDb = cli(['query', '--db', join(EXAMPLES, '000_c47e9c5f12649720.txt')], cwd.dir);
    expect(notDb.status).toBe(2);
    expect(notDb.stderr).toMatch(/cannot be used as a gongkai database|not a database/);
    const both = cli(['check', '--corpus', join(EXAMPLES, '000_c47e9c5f12649720.txt')], cwd.dir);
    expect(both.status).toBe(2);
    const none = cli(['check'], cwd.dir);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("missing required argument 'files'");
  });
});

describe.skipIf(skipBackend('postgres'))('quick start against PostgreSQL', () => {
  let location: Location;
  beforeAll(() => {
    requireBackend('postgres');
    location = freshLocation('postgres', 'quickstart');
  });
  afterAll(() => location?.dispose());

  it('ingests and queries through --db postgres://…', () => {
    const r = cli(['ingest', EXAMPLES, '--db', location.url]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^postgres:\/\/.*: 5 reports stored \(4 new bodies\)/);
    const q = cli(['query', '--db', location.url, '--format', 'json']);
    expect(JSON.parse(q.stdout)).toContainEqual({ year: 2020, reports: 3, bodies: 3, with_errors: 1 });
  });

  it('says which server cannot be reached', () => {
    const r = cli(['query', '--db', 'postgres://nobody@127.0.0.1:1/none']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot connect to PostgreSQL at 127.0.0.1:1/none');
  });
});
