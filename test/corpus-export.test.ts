/**
 * Export, on SQLite and PostgreSQL, checked by content: CSV headers and a known figure, the
 * XLSX workbook read back (a sheet per table, Chinese headers), JSON Lines that parse into the
 * report model — through the CLI, as users run it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, cli, freshLocation, place, requireBackend, skipBackend, tempDir, type Location } from './corpus-helpers.js';

/** A minimal RFC 4180 reader (quoted fields may hold commas, quotes and newlines). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field.replace(/\r$/, '')), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

const HONGZE_2024 = 'hongze-2024.layout.txt';

for (const backend of BACKENDS) {
  describe.skipIf(skipBackend(backend))(`export (${backend})`, () => {
    let location: Location;
    let folder: ReturnType<typeof tempDir>;
    let out: ReturnType<typeof tempDir>;

    beforeAll(() => {
      requireBackend(backend);
      location = freshLocation(backend, 'export');
      folder = tempDir('export-in');
      out = tempDir('export-out');
      for (const f of ['real/hongze-2023.layout.txt', `real/${HONGZE_2024}`, 'real/pingtan-2011.html', 'seeds/000_c47e9c5f12649720.txt', 'seeds/001_f41306fad5832fd5.txt']) place(folder.dir, f);
      const r = cli(['ingest', folder.dir, '--db', location.url, '-q']);
      if (r.status !== 0) throw new Error(r.stderr || r.stdout);
    }, 120_000);

    afterAll(async () => {
      await location?.dispose();
      folder?.dispose();
      out?.dispose();
    });

    it('reports as CSV: one row per report, a column per figure, blanks empty', () => {
      const r = cli(['export', '--db', location.url, '--format', 'csv']);
      expect(r.status).toBe(0);
      const [header, ...rows] = readCsv(r.stdout);
      expect(header.slice(0, 6)).toEqual(['id', 'path', 'sha256', 'body', 'agency', 'year']);
      expect(header).toContain('table3.newReceived.total');
      expect(header).toContain('legacy.requests.received');
      expect(rows).toHaveLength(5);
      const at = (name: string) => header.indexOf(name);
      const hongze = rows.find((row) => row[at('path')].endsWith(HONGZE_2024))!;
      expect(hongze[at('agency')]).toBe('淮安市洪泽区人民政府');
      expect(hongze[at('table3.newReceived.total')]).toBe('95');
      expect(hongze[at('table2.normativeDocuments.inForce')]).toBe('8');
      // a figure the report's format does not have is empty, never 0
      expect(hongze[at('table2.procurement.amount')]).toBe('');
      expect(hongze[at('legacy.requests.received')]).toBe('');
    });

    it('reports as XLSX: a sheet per table, headed in Chinese', async () => {
      const file = join(out.dir, 'reports.xlsx');
      const r = cli(['export', '--db', location.url, '--format', 'xlsx', '--out', file]);
      expect(r.status).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      expect(book.worksheets.map((w) => w.name)).toEqual(['报告', '表二（2021年格式）', '表二（2019年试行格式）', '表三', '表四', '统计表（2019年以前格式）']);
      const header = (name: string) => (book.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
      expect(header('报告').slice(0, 5)).toEqual(['编号', '文件', '机关（报告所写）', '机关（规范名称）', '年度']);
      const t3 = book.getWorksheet('表三')!;
      const t3Header = header('表三') as string[];
      const col = t3Header.indexOf('一、本年新收政府信息公开申请数量·总计') + 1;
      expect(col).toBeGreaterThan(0);
      expect(t3Header).toContain('（三）不予公开1.属于国家秘密·自然人');
      const rows = t3.getSheetValues().slice(2) as unknown[][];
      const hongze = rows.find((row) => row[2] === '淮安市洪泽区人民政府')!;
      expect(hongze[col]).toBe(95);
      expect(header('表二（2021年格式）')).toContain('行政规范性文件·现行有效件数');
      expect(header('表四')).toContain('行政诉讼·复议后起诉·总计');
      // the pre-2019 report is on its own sheet, by the table's own labels
      const legacy = book.getWorksheet('统计表（2019年以前格式）')!;
      expect(legacy.rowCount).toBe(2);
      expect(header('统计表（2019年以前格式）')).toContain('收到申请数（件）');
      // 2019 sheet: seed 000 only
      expect(book.getWorksheet('表二（2019年试行格式）')!.rowCount).toBe(2);
    });

    it('cells as CSV and JSON Lines: one row per figure', () => {
      const csv = readCsv(cli(['export', '--db', location.url, '--what', 'cells', '--format', 'csv', '--body', '淮安市洪泽区人民政府']).stdout);
      expect(csv[0]).toEqual(['report_id', 'path', 'agency', 'year', 'figure', 'table', 'row', 'column', 'value', 'raw', 'loc']);
      const figure = csv.filter((row) => row[4] === 'table3.newReceived.total').map((row) => [row[3], row[8]]).sort();
      expect(figure).toEqual([
        ['2023', '21'],
        ['2024', '95'],
      ]);
      const lines = cli(['export', '--db', location.url, '--what', 'cells', '--format', 'jsonl', '--year', '2024']).stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.every((l) => l.year === 2024)).toBe(true);
      expect(lines.find((l) => l.figure === 'table3.newReceived.total')).toMatchObject({ value: 95, raw: '95', loc: { line: 95 } });
    });

    it('reports as JSON Lines: the report model', () => {
      const lines = cli(['export', '--db', location.url, '--format', 'jsonl']).stdout.trim().split('\n');
      expect(lines).toHaveLength(5);
      const reports = lines.map((l) => JSON.parse(l));
      const hongze = reports.find((r) => r.source.path.endsWith(HONGZE_2024));
      expect(hongze.schema).toBe('gongkai/report/v1');
      expect(hongze.meta).toMatchObject({ agency: '淮安市洪泽区人民政府', year: 2024, template: '2021' });
      expect(hongze.table3.newReceived.total).toBe(95);
      expect(Object.keys(hongze.table3)[0]).toBe('newReceived');
      expect(hongze.cells.find((c: { path: string }) => c.path === 'table3.newReceived.total')).toMatchObject({ raw: '95', value: 95, loc: { line: 95 } });
      expect(hongze.sections.map((s: { key: string }) => s.key)).toContain('overview');
      const legacy = reports.find((r) => r.source.path.endsWith('pingtan-2011.html'));
      expect(legacy.legacy.indicators).toBeTruthy();
      expect(legacy.table3).toBeNull();
    });

    it('findings as CSV and XLSX', async () => {
      const csv = readCsv(cli(['export', '--db', location.url, '--what', 'findings', '--format', 'csv', '--code', 'T4_BLOCK_SUM']).stdout);
      expect(csv[0].slice(0, 8)).toEqual(['report_id', 'path', 'agency', 'year', 'scope', 'code', 'severity', 'message']);
      expect(csv.length).toBeGreaterThan(1);
      expect(csv.slice(1).every((row) => row[5] === 'T4_BLOCK_SUM' && row[3] === '2023')).toBe(true);
      const file = join(out.dir, 'findings.xlsx');
      expect(cli(['export', '--db', location.url, '--what', 'findings', '--format', 'xlsx', '--out', file]).status).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.getWorksheet('问题')!;
      expect((sheet.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['编号', '文件', '机关', '年度', '范围', '代码', '严重程度']);
      expect(sheet.rowCount).toBeGreaterThan(1);
      expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    });

    it('says clearly what is wrong with a bad request', () => {
      expect(cli(['export', '--db', location.url, '--format', 'pdf']).status).toBe(2);
      const r = cli(['export', '--db', location.url, '--body', '不存在县人民政府']);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('no body named');
    });
  });
}
