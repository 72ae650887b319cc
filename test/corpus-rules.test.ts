/**
 * The cross-report rules, on SQLite and PostgreSQL, on real reports of the same body in
 * consecutive years (洪泽区 2023 → 2024), on real reports of two bodies that copy each other
 * (平潭综合实验区 2011 / 平潭县 2012), and on deliberately altered and copied reports.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/corpus/ingest.js';
import { runCorpusCheck } from '../src/corpus/check.js';
import { fingerprint, overlap } from '../src/corpus/duplicate.js';
import { proseSections } from '../src/corpus/record.js';
import { openStore, type Store } from '../src/corpus/store.js';
import type { Report } from '../src/model/report.js';
import { parseBuffer, parsePath } from '../src/pipeline.js';
import { renderReportText } from '../src/render/report-text.js';
import { BACKENDS, cli, fixture, freshLocation, place, requireBackend, skipBackend, tempDir, type Backend, type Location } from './corpus-helpers.js';

interface Built {
  store: Store;
  location: Location;
  folder: ReturnType<typeof tempDir>;
}

async function build(backend: Backend, tag: string, fill: (dir: string) => void): Promise<Built> {
  const location = freshLocation(backend, tag);
  const folder = tempDir(tag);
  fill(folder.dir);
  const store = await openStore(location.url);
  const s = await ingest(store, [folder.dir], { progress: 'none' });
  if (s.failed) throw new Error(`fixtures failed to ingest: ${JSON.stringify(s.failures)}`);
  return { store, location, folder };
}

async function dispose(b: Built | undefined) {
  await b?.store.close();
  await b?.location.dispose();
  b?.folder.dispose();
}

/** The corpus findings of the report stored from `file`, with the path of the report each is about. */
async function corpusFindings(store: Store, file: string) {
  const rows = await store.db
    .selectFrom('findings as f')
    .innerJoin('reports as r', 'r.id', 'f.report_id')
    .leftJoin('reports as o', 'o.id', 'f.related_report_id')
    .select(['f.code', 'f.severity', 'f.message', 'f.paths', 'f.expected', 'f.actual', 'f.loc', 'f.detail', 'f.excerpt', 'o.path as related'])
    .where('f.scope', '=', 'corpus')
    .where('r.path', 'like', `%/${file}`)
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ ...r, related: r.related?.split('/').pop() ?? null, detail: r.detail ? JSON.parse(r.detail) : null, loc: r.loc ? JSON.parse(r.loc) : null, paths: r.paths ? JSON.parse(r.paths) : null }));
}

const parsed = async (text: string, name: string) => {
  const r = await parseBuffer(Buffer.from(text), name);
  if ('error' in r) throw new Error(r.error.message);
  return r as Report;
};

for (const backend of BACKENDS) {
  describe.skipIf(skipBackend(backend))(`cross-report rules (${backend})`, () => {
    beforeAll(() => requireBackend(backend));

    describe('real reports: 洪泽区 2023 → 2024, 平潭 2019 / 2021, 平潭综合实验区 2011 / 平潭县 2012', () => {
      let b: Built;
      beforeAll(async () => {
        b = await build(backend, 'rules-real', (dir) => {
          for (const f of ['real/hongze-2023.layout.txt', 'real/hongze-2024.layout.txt', 'real/pingtan-2019.html', 'real/pingtan-2021.html', 'real/pingtan-2011.html', 'real/pingtan-county-2012.html']) place(dir, f);
        });
      }, 120_000);
      afterAll(() => dispose(b));

      it('finds 洪泽区 2024 consistent with 2023 (结转 0 → 0; 现行有效 5 + 3 − 0 = 8)', async () => {
        expect(await corpusFindings(b.store, 'hongze-2024.layout.txt')).toEqual([]);
        // and it did compare: the same pair with 2024's figures changed is flagged (below)
        const h24 = await b.store.db.selectFrom('reports').select(['body_id', 'year']).where('path', 'like', '%hongze-2024.layout.txt').executeTakeFirstOrThrow();
        const h23 = await b.store.db.selectFrom('reports').select(['body_id', 'year']).where('path', 'like', '%hongze-2023.layout.txt').executeTakeFirstOrThrow();
        expect([h23.body_id, h23.year! + 1]).toEqual([h24.body_id, h24.year]);
      });

      it('does not compare years that are not consecutive (平潭 2019 → 2021)', async () => {
        expect(await corpusFindings(b.store, 'pingtan-2021.html')).toEqual([]);
      });

      it('finds the prose 平潭县 2012 shares with 平潭综合实验区 2011, two different bodies', async () => {
        const zone = await corpusFindings(b.store, 'pingtan-2011.html');
        const county = await corpusFindings(b.store, 'pingtan-county-2012.html');
        expect(zone.map((f) => [f.code, f.related])).toEqual([['TEXT_DUPLICATE', 'pingtan-county-2012.html']]);
        expect(county.map((f) => [f.code, f.related])).toEqual([['TEXT_DUPLICATE', 'pingtan-2011.html']]);
        for (const f of [...zone, ...county]) {
          expect(f.severity).toBe('warning');
          expect(f.detail.relation).toBe('other-body');
          expect(f.detail.share).toBeGreaterThanOrEqual(0.5);
          expect(f.detail.examples.length).toBeGreaterThan(0);
          expect(f.paths.every((p: string) => p.startsWith('sections.'))).toBe(true);
        }
        // 洪泽区 2024 repeats far less of 2023 (different text, same body): measured, and below 50 %
        const a = (await parsePath(fixture('real/hongze-2024.layout.txt'))) as Report;
        const c = (await parsePath(fixture('real/hongze-2023.layout.txt'))) as Report;
        const share = overlap(fingerprint(proseSections(a), a.meta.agency).passages, fingerprint(proseSections(c), c.meta.agency).passages).share;
        expect(share).toBeGreaterThan(0.05);
        expect(share).toBeLessThan(0.5);
      });
    });

    describe('洪泽区 2024 with its carried-over and in-force figures altered', () => {
      let b: Built;
      beforeAll(async () => {
        b = await build(backend, 'rules-altered', (dir) => {
          place(dir, 'real/hongze-2023.layout.txt');
          place(dir, 'real/hongze-2024.layout.txt', (t) =>
            t
              .replace(/^(二、上年结转政府信息公开申请数量\s+)0(\s+0\s+0\s+0\s+0\s+0\s+)0$/m, '$12$22')
              .replace(/^(行政规范性文件\s+3\s+0\s+)8$/m, '$19'),
          );
        });
      }, 120_000);
      afterAll(() => dispose(b));

      it('XYEAR_CARRYOVER: 二、上年结转 ≠ last year’s 四、结转下年度继续办理, per column', async () => {
        const f = (await corpusFindings(b.store, 'hongze-2024.layout.txt')).filter((x) => x.code === 'XYEAR_CARRYOVER');
        expect(f.map((x) => [x.paths[0], x.expected, x.actual, x.severity, x.related])).toEqual([
          ['table3.carriedOver.naturalPerson', 0, 2, 'warning', 'hongze-2023.layout.txt'],
          ['table3.carriedOver.total', 0, 2, 'warning', 'hongze-2023.layout.txt'],
        ]);
        expect(f[0].loc).toEqual(expect.objectContaining({ line: 96 }));
        expect(f[1].message).toContain('2023 年度报告 四、结转下年度继续办理 为 0');
      });

      it('XYEAR_IN_FORCE: 现行有效 9 ≠ 5 + 3 − 0', async () => {
        const f = (await corpusFindings(b.store, 'hongze-2024.layout.txt')).filter((x) => x.code === 'XYEAR_IN_FORCE');
        expect(f.map((x) => [x.paths[0], x.expected, x.actual, x.severity])).toEqual([['table2.normativeDocuments.inForce', 8, 9, 'warning']]);
      });

      it('gongkai check --corpus prints them (warnings: exit 0, or 1 past --max-warnings); a check of one rule leaves the others’ findings', async () => {
        const stored = await corpusFindings(b.store, 'hongze-2024.layout.txt');
        const r = cli(['check', '--corpus', '--db', b.location.url]);
        expect(r.status).toBe(0);
        expect(r.stdout).toMatch(/hongze-2024\.layout\.txt:96 +warning +XYEAR_CARRYOVER/);
        expect(cli(['check', '--corpus', '--db', b.location.url, '--max-warnings', '0']).status).toBe(1);
        expect(r.stdout).toContain('XYEAR_IN_FORCE');
        const json = JSON.parse(cli(['check', '--corpus', '--db', b.location.url, '--format', 'json', '--rule', 'XYEAR_IN_FORCE']).stdout);
        expect(json.meta.agency).toBe('淮安市洪泽区人民政府');
        expect(json.findings.map((x: { code: string }) => x.code)).toEqual(['XYEAR_IN_FORCE']);
        expect(await corpusFindings(b.store, 'hongze-2024.layout.txt')).toEqual(stored);
      });

      it('recomputes on demand and keeps one set of findings', async () => {
        const before = await corpusFindings(b.store, 'hongze-2024.layout.txt');
        const r = await runCorpusCheck(b.store);
        expect([r.errors, r.warnings]).toEqual([0, before.filter((f) => f.severity === 'warning').length]);
        expect(await corpusFindings(b.store, 'hongze-2024.layout.txt')).toEqual(before);
      });
    });

    describe('a report copied: to another body, and to the same body the next year', () => {
      let b: Built;
      const SEED = 'seeds/004_2e038facf9d8feda.txt';
      beforeAll(async () => {
        b = await build(backend, 'rules-copied', (dir) => {
          place(dir, SEED, undefined, 'zhongqi-2023.txt');
          place(dir, SEED, (t) => t.replaceAll('乌拉特中旗', '乌拉特前旗').replaceAll('0478-5917900', '0478-3210000'), 'qianqi-2023.txt');
          place(dir, SEED, (t) => t.replaceAll('2023', '2024').replaceAll('2024年1月9日', '2025年1月9日'), 'zhongqi-2024.txt');
        });
      }, 120_000);
      afterAll(() => dispose(b));

      it('TEXT_DUPLICATE between bodies: the copy under another name', async () => {
        const f = await corpusFindings(b.store, 'qianqi-2023.txt');
        expect(f.map((x) => x.code)).toEqual(['TEXT_DUPLICATE']);
        expect(f[0].detail.relation).toBe('other-body');
        expect(f[0].detail.share).toBe(1);
        expect(['zhongqi-2023.txt', 'zhongqi-2024.txt']).toContain(f[0].related);
        expect(f[0].message).toMatch(/^正文 100% 与乌拉特中旗卫生健康委员会 202[34] 年度报告逐句相同/);
        expect(f[0].detail.sections.map((s: { key: string }) => s.key).sort()).toEqual(['other', 'overview', 'problems']);
        expect(f[0].excerpt).toBeTruthy();
      });

      it('TEXT_DUPLICATE against last year: the same body’s prose repeated', async () => {
        const f = (await corpusFindings(b.store, 'zhongqi-2024.txt')).filter((x) => x.detail?.relation === 'previous-year');
        expect(f).toHaveLength(1);
        expect(f[0]).toMatchObject({ code: 'TEXT_DUPLICATE', related: 'zhongqi-2023.txt', expected: 0.5, actual: 1 });
        expect(f[0].message).toContain('上年度（2023 年度）报告');
        // last year's report has no previous year of its own
        expect((await corpusFindings(b.store, 'zhongqi-2023.txt')).filter((x) => x.detail?.relation === 'previous-year')).toEqual([]);
      });
    });

    describe('the same body next year with half its prose rewritten', () => {
      let b: Built;
      let share = 0;
      beforeAll(async () => {
        const seed = readFileSync(fixture('seeds/004_2e038facf9d8feda.txt'), 'utf8');
        const other = (await parsePath(fixture('real/pingtan-2021.html'))) as Report;
        const fresh = other.sections.find((s) => s.key === 'overview')!.text.split('\n').filter((l) => l.length > 40);
        const lines = seed.replaceAll('2023', '2024').split('\n');
        // the three long paragraphs of 一、总体情况 rewritten; 五、六 kept
        for (const [i, n] of [13, 16, 22].entries()) lines[n] = fresh[i] ?? fresh[0];
        const next = lines.join('\n');
        const [a, c] = [await parsed(next, 'x.txt'), await parsed(seed, 'y.txt')];
        share = overlap(fingerprint(proseSections(a), a.meta.agency).passages, fingerprint(proseSections(c), c.meta.agency).passages).share;
        b = await build(backend, 'rules-rewritten', (dir) => {
          place(dir, 'seeds/004_2e038facf9d8feda.txt', undefined, 'zhongqi-2023.txt');
          writeFileSync(join(dir, 'zhongqi-2024.txt'), next);
        });
      }, 120_000);
      afterAll(() => dispose(b));

      it('is not a duplicate below 50 % repeated', async () => {
        expect(share).toBeGreaterThan(0.1);
        expect(share).toBeLessThan(0.5);
        expect((await corpusFindings(b.store, 'zhongqi-2024.txt')).filter((x) => x.code === 'TEXT_DUPLICATE')).toEqual([]);
      });
    });

    describe('2019 trial format: 上一年项目数量 follows last year’s count and change', () => {
      let b: Built;
      beforeAll(async () => {
        const y2020 = (await parsePath(fixture('seeds/000_c47e9c5f12649720.txt'))) as Report;
        const t2 = structuredClone(y2020.table2!);
        // 2020 prints 上一年项目数量 18 / 3 / 292 / 0 / 0: 2019's counts and changes lead there, except 行政许可 (20 + 3 ≠ 18)
        t2.licensing = { previousItems: 20, change: 3, decisions: 100 };
        t2.otherServices = { previousItems: 3, change: 0, decisions: 10 };
        t2.penalty = { previousItems: 300, change: -8, decisions: 5 };
        const y2019 = renderReportText({
          ...y2020,
          meta: { ...y2020.meta, year: 2019, title: '乌苏市卫生健康委员会政府信息公开工作2019年度报告', date: '2020-01-15' },
          table2: t2,
        });
        b = await build(backend, 'rules-items', (dir) => {
          place(dir, 'seeds/000_c47e9c5f12649720.txt', undefined, 'wusu-2020.txt');
          writeFileSync(join(dir, 'wusu-2019.txt'), y2019);
        });
      }, 120_000);
      afterAll(() => dispose(b));

      it('XYEAR_ITEMS flags 行政许可 only', async () => {
        const f = (await corpusFindings(b.store, 'wusu-2020.txt')).filter((x) => x.code === 'XYEAR_ITEMS');
        expect(f.map((x) => [x.paths[0], x.expected, x.actual, x.related])).toEqual([['table2.licensing.previousItems', 23, 18, 'wusu-2019.txt']]);
        expect(f[0].message).toContain('行政许可');
      });
    });
  });
}
