/**
 * Ingest, on SQLite and PostgreSQL: the fixtures twice → every report once; bad files recorded
 * with their error and the batch going on; bodies linked across years and spellings but not
 * across bodies; the standard queries answering with the fixtures' real figures.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, type IngestSummary } from '../src/corpus/ingest.js';
import { findings, QueryError, rank, rawSql, search, series, summary, total } from '../src/corpus/query.js';
import { openStore, type Store } from '../src/corpus/store.js';
import { BACKENDS, fixture, freshLocation, place, requireBackend, skipBackend, tempDir, type Location } from './corpus-helpers.js';

const REPORT_FILE = /\.(txt|md|html?|pdf|docx|doc|wps)$/i;
const fixtureFiles = ['seeds', 'real'].flatMap((d) => readdirSync(fixture(d)).filter((f) => REPORT_FILE.test(f)).map((f) => `${d}/${f}`));

for (const backend of BACKENDS) {
  describe.skipIf(skipBackend(backend))(`ingest (${backend})`, () => {
    let location: Location;
    let store: Store;
    let extra: ReturnType<typeof tempDir>;
    let first: IngestSummary;
    let second: IngestSummary;
    const count = async (table: 'files' | 'reports' | 'cells' | 'sections' | 'bodies') =>
      Number((await store.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const reportOf = async (path: string) => store.db.selectFrom('reports').selectAll().where('path', 'like', `%${path}`).executeTakeFirstOrThrow();

    beforeAll(async () => {
      requireBackend(backend);
      location = freshLocation(backend, 'ingest');
      store = await openStore(location.url);
      // bad input beside the fixtures: a broken PDF, an empty file, and one content under two names
      extra = tempDir('ingest-extra');
      writeFileSync(join(extra.dir, 'broken.pdf'), '%PDF-1.4\nthis is not a PDF at all');
      writeFileSync(join(extra.dir, 'empty.txt'), '');
      place(extra.dir, 'seeds/000_c47e9c5f12649720.txt', undefined, 'same-content-again.txt');
      const inputs = [fixture('seeds'), fixture('real'), extra.dir];
      first = await ingest(store, inputs, { progress: 'none' });
      second = await ingest(store, inputs, { progress: 'none' });
    }, 300_000);

    afterAll(async () => {
      await store?.close();
      await location?.dispose();
      extra?.dispose();
    });

    it('stores every readable fixture once, and again nothing', async () => {
      const files = fixtureFiles.length + 3;
      expect(first.files).toBe(files);
      // the copy of seed 000 has the same content: skipped in the same run
      expect(first.skipped).toBe(1);
      expect(first.reports + first.failed).toBe(files - 1);
      expect(first.failed).toBe(2);
      expect(await count('reports')).toBe(first.reports);
      expect(await count('files')).toBe(files - 1);
      expect(second).toMatchObject({ files, reports: 0, failed: 0, skipped: files });
      expect(await count('reports')).toBe(first.reports);
    });

    it('records bad files with their error and goes on', async () => {
      const bad = await store.db.selectFrom('files').selectAll().where('status', '=', 'error').orderBy('path').execute();
      expect(bad.map((f) => f.path.split('/').pop())).toEqual(['broken.pdf', 'empty.txt']);
      expect(bad.every((f) => f.error_code && f.error_message && f.sha256)).toBe(true);
      expect(first.failures.map((f) => f.code).sort()).toEqual(bad.map((f) => f.error_code).sort());
      // --retry-errors parses them again (and they fail again, still one row each)
      const retry = await ingest(store, [extra.dir], { progress: 'none', retryErrors: true });
      expect(retry).toMatchObject({ reports: 0, failed: 2, skipped: 1 });
      expect(await count('files')).toBe(fixtureFiles.length + 2);
    });

    it('keeps every report whole: its cells, sections and findings', async () => {
      const broken = await store.db
        .selectFrom('reports as r')
        .select(['r.path', 'r.n_cells', (eb) => eb.selectFrom('cells').select(sql<number>`count(*)`.as('n')).whereRef('cells.report_id', '=', 'r.id').as('cells')])
        .execute();
      for (const r of broken) expect(Number(r.cells), r.path).toBe(r.n_cells);
      expect(await count('cells')).toBeGreaterThan(first.reports * 20);
      const seed = await reportOf('seeds/004_2e038facf9d8feda.txt');
      const sections = await store.db.selectFrom('sections').select('key').where('report_id', '=', seed.id).orderBy('ord').execute();
      expect(sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'reviewLitigation', 'problems', 'other']);
      const h24 = await reportOf('real/hongze-2024.layout.txt');
      const cell = await store.db.selectFrom('cells').selectAll().where('report_id', '=', h24.id).where('tbl', '=', 'table3').where('row_key', '=', 'newReceived').where('col_key', '=', 'total').executeTakeFirstOrThrow();
      expect(cell).toMatchObject({ value: 95, raw: '95' });
      expect(JSON.parse(cell.loc!).line).toBe(95);
    });

    it('links a body across years and spellings, and keeps different bodies apart', async () => {
      const h23 = await reportOf('real/hongze-2023.layout.txt');
      const h24 = await reportOf('real/hongze-2024.layout.txt');
      expect([h23.agency, h24.agency]).toEqual(['洪泽区人民政府', '淮安市洪泽区人民政府']);
      expect(h23.body_id).not.toBeNull();
      expect(h24.body_id).toBe(h23.body_id);
      const body = await store.db.selectFrom('bodies').selectAll().where('id', '=', h23.body_id!).executeTakeFirstOrThrow();
      expect(body.name).toBe('淮安市洪泽区人民政府');
      const huaian = await reportOf('real/huaian-2024.layout.txt');
      expect(huaian.body_id).not.toBe(h23.body_id);
      const zone = await reportOf('real/pingtan-2011.html');
      const county = await reportOf('real/pingtan-county-2012.html');
      expect([zone.agency, county.agency]).toEqual(['平潭综合实验区', '平潭县人民政府']);
      expect(zone.body_id).not.toBe(county.body_id);
      expect((await reportOf('real/pingtan-2021.html')).body_id).toBe(zone.body_id);
    });

    it('uses one copy of a report stored several times', async () => {
      const copies = await store.db.selectFrom('reports').select(['path', 'is_primary']).where('year', '=', 2023).where('agency', '=', '洪泽区人民政府').execute();
      expect(copies.length).toBeGreaterThanOrEqual(2);
      expect(copies.filter((c) => c.is_primary === 1)).toHaveLength(1);
    });

    it('answers the standard questions with the real figures', async () => {
      const s = await series(store, '洪泽区人民政府', ['table3.newReceived.total', 'table2.normativeDocuments.inForce']);
      expect(s.rows.map((r) => [r[0], r[3], r[4]])).toEqual([
        [2023, 21, 5],
        [2024, 95, 8],
      ]);
      const r = await rank(store, 2024, 'table3.newReceived.total');
      const byAgency = Object.fromEntries(r.rows.map((row) => [row[2], row[3]]));
      expect(byAgency['淮安市洪泽区人民政府']).toBe(95);
      expect(r.rows.map((row) => row[3] as number)).toEqual([...r.rows.map((row) => row[3] as number)].sort((a, b) => b - a));
      const t = await total(store, 'table3.newReceived.total');
      const y2024 = t.rows.find((row) => row[0] === 2024)!;
      expect(y2024[2]).toBe(r.rows.reduce((a, row) => a + (row[3] as number), 0));
      const viaSql = await rawSql(store, "select sum(c.value) as s from cells c join reports r on r.id = c.report_id where r.year = 2024 and r.is_primary = 1 and c.tbl = 'table3' and c.row_key = 'newReceived' and c.col_key = 'total'");
      expect(Number(viaSql.rows[0][0])).toBe(y2024[2]);
      const f = await findings(store, 'T4_BLOCK_SUM');
      expect(f.rows.some((row) => row[0] === 2023 && row[1] === '洪泽区人民政府')).toBe(true);
      const sum = await summary(store);
      expect(sum.rows.find((row) => row[0] === 2024)).toEqual([2024, 2, 2, 0]);
    });

    it('searches the prose (trigram index, and short words)', async () => {
      const hits = await search(store, '信息处理费', { limit: 100 });
      expect(hits.rows.length).toBeGreaterThan(0);
      expect(hits.rows.every((row) => String(row[3]).includes('信息处理费'))).toBe(true);
      const short = await search(store, '洪泽', { limit: 100 });
      expect(short.rows.some((row) => String(row[1]).includes('洪泽区'))).toBe(true);
      const none = await search(store, '不存在的词语组合甲乙丙');
      expect(none.rows).toEqual([]);
    });

    it('refuses to change the database through --sql, and names unknown bodies', async () => {
      await expect(rawSql(store, 'delete from reports')).rejects.toThrow(QueryError);
      // PostgreSQL accepts a data-modifying WITH; the transaction around it is rolled back
      await rawSql(store, 'with x as (delete from reports returning id) select * from x').catch(() => null);
      expect(await count('reports')).toBe(first.reports);
      await expect(series(store, '不存在县人民政府')).rejects.toThrow(/no body named/);
    });
  });
}
