/**
 * `gongkai export`: reports, cells or findings of a store as CSV, XLSX or JSON Lines.
 *
 * - reports: CSV one row per report with every figure as a column (model paths as headers);
 *   JSON Lines the report objects of MODEL.md §1; XLSX a sheet 报告 and one sheet per table,
 *   headed with the form's own labels.
 * - cells: one row per figure (report, table, row, column, value, raw text, location); XLSX a
 *   sheet per table.
 * - findings: one row per finding, the report's own and the cross-report ones.
 * Reports are read a page at a time, so the export of a large corpus streams in flat memory.
 */
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { sql } from 'kysely';
import { FIGURES, TABLE_NAMES, cellLabel, tableFigures, type Figure } from './figures.js';
import { loadReports, orderTables, type StoredReport } from './load.js';
import { csvLine } from './output.js';
import { findBody } from './query.js';
import type { Store } from './store.js';

export type ExportWhat = 'reports' | 'cells' | 'findings';
export type ExportFormat = 'csv' | 'xlsx' | 'jsonl';

export interface ExportFilter {
  year?: number;
  /** A body's name (any spelling the corpus links to it). */
  body?: string;
  /** Findings: only this code. */
  code?: string;
  /** Only the primary copy of each (body, year). */
  primary?: boolean;
}

export class ExportError extends Error {}

/** An XLSX sheet holds 1,048,576 rows, the header included. */
export const XLSX_MAX_ROWS = 1_048_575;
const PAGE = 250;

interface ReportRow {
  id: number;
  path: string;
  agency: string | null;
  body: string | null;
  year: number | null;
  template: string;
  date: string | null;
  body_type: string;
  is_primary: number;
  errors: number;
  warnings: number;
  infos: number;
  sha256: string | null;
}

/** The reports the filter selects, a page at a time, in id order. */
async function* reportPages(store: Store, filter: ExportFilter): AsyncGenerator<ReportRow[]> {
  const bodyId = filter.body ? (await findBody(store.db, filter.body)).id : undefined;
  let after = 0;
  for (;;) {
    let q = store.db
      .selectFrom('reports as r')
      .innerJoin('files as f', 'f.id', 'r.file_id')
      .leftJoin('bodies as b', 'b.id', 'r.body_id')
      .select(['r.id', 'r.path', 'r.agency', 'b.name as body', 'r.year', 'r.template', 'r.date', 'r.body_type', 'r.is_primary', 'r.errors', 'r.warnings', 'r.infos', 'f.sha256'])
      .where('r.id', '>', after);
    if (filter.year !== undefined) q = q.where('r.year', '=', filter.year);
    if (bodyId !== undefined) q = q.where('r.body_id', '=', bodyId);
    if (filter.primary) q = q.where('r.is_primary', '=', 1);
    const page = await q.orderBy('r.id').limit(PAGE).execute();
    if (!page.length) return;
    yield page;
    after = page[page.length - 1].id;
  }
}

/** Writes with backpressure: waits when the stream's buffer is full. */
async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

type Values = Map<number, Map<string, number | null>>;

async function figureValues(store: Store, ids: number[], tables?: string[]): Promise<Values> {
  let q = store.db.selectFrom('cells').select(['report_id', 'tbl', 'row_key', 'col_key', 'value']).where('report_id', 'in', ids);
  if (tables) q = q.where('tbl', 'in', tables);
  const out: Values = new Map(ids.map((id) => [id, new Map()]));
  for (const c of await q.execute()) out.get(c.report_id)?.set(c.tbl === 'legacy' ? `legacy.${c.row_key}` : `${c.tbl}.${c.row_key}.${c.col_key}`, c.value);
  return out;
}

const META_COLUMNS = ['id', 'path', 'sha256', 'body', 'agency', 'year', 'template', 'date', 'body_type', 'primary', 'errors', 'warnings', 'infos'] as const;
const meta = (r: ReportRow) => [r.id, r.path, r.sha256, r.body, r.agency, r.year, r.template, r.date, r.body_type, r.is_primary, r.errors, r.warnings, r.infos];

export async function exportCorpus(store: Store, what: ExportWhat, format: ExportFormat, filter: ExportFilter, out: Writable): Promise<{ rows: number }> {
  if (format === 'xlsx') return exportXlsx(store, what, filter, out);
  let rows = 0;
  if (what === 'reports') {
    if (format === 'csv') await write(out, csvLine([...META_COLUMNS, ...FIGURES.map((f) => f.path)]));
    for await (const page of reportPages(store, filter)) {
      const ids = page.map((r) => r.id);
      if (format === 'csv') {
        const values = await figureValues(store, ids);
        let text = '';
        for (const r of page) text += csvLine([...meta(r), ...FIGURES.map((f) => values.get(r.id)?.get(f.path) ?? null)]);
        await write(out, text);
      } else {
        const reports = await loadReports(store.db, ids, { cells: true, sections: true, findings: 'all' });
        let text = '';
        for (const id of ids) {
          const r = reports.get(id);
          if (r) text += `${JSON.stringify(asModel(r))}\n`;
        }
        await write(out, text);
      }
      rows += page.length;
    }
    return { rows };
  }
  if (what === 'cells') {
    const columns = ['report_id', 'path', 'agency', 'year', 'figure', 'table', 'row', 'column', 'value', 'raw', 'loc'];
    if (format === 'csv') await write(out, csvLine(columns));
    for await (const page of reportPages(store, filter)) {
      const byId = new Map(page.map((r) => [r.id, r]));
      const cells = await store.db.selectFrom('cells').selectAll().where('report_id', 'in', [...byId.keys()]).orderBy('report_id').orderBy('tbl').orderBy('row_key').orderBy('col_key').execute();
      let text = '';
      for (const c of cells) {
        const r = byId.get(c.report_id)!;
        const figurePath = c.tbl === 'legacy' ? `legacy.${c.row_key}` : c.tbl === 'legacy.extra' ? `legacy.extra.${c.row_key}` : `${c.tbl}.${c.row_key}.${c.col_key}`;
        const row = [r.id, r.path, r.agency, r.year, figurePath, c.tbl, c.row_key, c.col_key, c.value, c.raw, c.loc];
        text += format === 'csv' ? csvLine(row) : `${JSON.stringify(Object.fromEntries(columns.map((k, i) => [k, k === 'loc' && row[i] ? JSON.parse(row[i] as string) : row[i]])))}\n`;
        rows++;
      }
      await write(out, text);
    }
    return { rows };
  }
  const columns = ['report_id', 'path', 'agency', 'year', 'scope', 'code', 'severity', 'message', 'paths', 'expected', 'actual', 'loc', 'related_path'];
  if (format === 'csv') await write(out, csvLine(columns));
  for await (const page of reportPages(store, filter)) {
    let text = '';
    for (const f of await findingRows(store, page, filter.code)) {
      text += format === 'csv' ? csvLine(f) : `${JSON.stringify(Object.fromEntries(columns.map((k, i) => [k, (k === 'paths' || k === 'loc') && f[i] ? JSON.parse(f[i] as string) : f[i]])))}\n`;
      rows++;
    }
    await write(out, text);
  }
  return { rows };
}

async function findingRows(store: Store, page: ReportRow[], code?: string): Promise<unknown[][]> {
  const byId = new Map(page.map((r) => [r.id, r]));
  let q = store.db
    .selectFrom('findings as f')
    .leftJoin('reports as o', 'o.id', 'f.related_report_id')
    .select(['f.report_id', 'f.scope', 'f.code', 'f.severity', 'f.message', 'f.paths', 'f.expected', 'f.actual', 'f.loc', 'o.path as related_path'])
    .where('f.report_id', 'in', [...byId.keys()]);
  if (code) q = q.where('f.code', '=', code.toUpperCase());
  const found = await q.orderBy('f.report_id').orderBy('f.id').execute();
  return found.map((f) => {
    const r = byId.get(f.report_id)!;
    return [r.id, r.path, r.agency, r.year, f.scope, f.code, f.severity, f.message, f.paths, f.expected, f.actual, f.loc, f.related_path];
  });
}

/** A stored report as the report JSON of MODEL.md §1 (the store's own ids left out). */
function asModel(r: StoredReport) {
  const { id: _id, bodyId: _b, bodyName: _n, isPrimary: _p, ...report } = orderTables(r);
  return report;
}

// ---------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------

const REPORT_HEADERS = ['编号', '文件', '机关（报告所写）', '机关（规范名称）', '年度', '格式', '日期', '机关类型', '主版本', '错误', '警告', '提示'];
const reportCells = (r: ReportRow) => [r.id, r.path, r.agency, r.body, r.year, r.template, r.date, r.body_type, r.is_primary ? '是' : '否', r.errors, r.warnings, r.infos];

interface TableSheet {
  name: string;
  tbl: string;
  figures: Figure[];
  /** Whether a report's values belong on this sheet (表二 has two generations). */
  has: (values: Map<string, number | null>) => boolean;
}

function tableSheets(): TableSheet[] {
  const any = (prefix: string) => (v: Map<string, number | null>) => [...v.keys()].some((k) => k.startsWith(prefix));
  return [
    { name: '表二（2021年格式）', tbl: 'table2', figures: tableFigures('table2', '2021'), has: (v) => v.has('table2.regulations.inForce') || v.has('table2.fees.amount') },
    { name: '表二（2019年试行格式）', tbl: 'table2', figures: tableFigures('table2', '2019'), has: (v) => v.has('table2.regulations.newlyMade') || v.has('table2.procurement.projects') },
    { name: '表三', tbl: 'table3', figures: tableFigures('table3'), has: any('table3.') },
    { name: '表四', tbl: 'table4', figures: tableFigures('table4'), has: any('table4.') },
    { name: '统计表（2019年以前格式）', tbl: 'legacy', figures: tableFigures('legacy'), has: any('legacy.') },
  ];
}

async function countRows(store: Store, what: ExportWhat, filter: ExportFilter): Promise<number> {
  let n = 0;
  for await (const page of reportPages(store, filter)) {
    const ids = page.map((r) => r.id);
    if (what === 'reports') n += ids.length;
    else if (what === 'cells') {
      const per = await store.db.selectFrom('cells').select(['tbl', sql<number>`count(*)`.as('n')]).where('report_id', 'in', ids).groupBy('tbl').execute();
      n = Math.max(n, ...per.map((p) => Number(p.n)));
    } else {
      let q = store.db.selectFrom('findings').select(sql<number>`count(*)`.as('n')).where('report_id', 'in', ids);
      if (filter.code) q = q.where('code', '=', filter.code.toUpperCase());
      n += Number((await q.executeTakeFirstOrThrow()).n);
    }
  }
  return n;
}

async function exportXlsx(store: Store, what: ExportWhat, filter: ExportFilter, out: Writable): Promise<{ rows: number }> {
  const needed = await countRows(store, what, filter);
  if (needed > XLSX_MAX_ROWS) {
    throw new ExportError(`${needed.toLocaleString('en')} rows do not fit in an XLSX sheet (at most ${XLSX_MAX_ROWS.toLocaleString('en')}); export CSV, or narrow the export with --year or --body`);
  }
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  let rows = 0;
  const sheet = (name: string, headers: string[]) => {
    const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const header = ws.addRow(headers);
    header.font = { bold: true };
    header.commit();
    return ws;
  };
  if (what === 'reports') {
    const ws = sheet('报告', REPORT_HEADERS);
    for await (const page of reportPages(store, filter)) for (const r of page) ws.addRow(reportCells(r)).commit();
    ws.commit();
    for (const t of tableSheets()) {
      const tws = sheet(t.name, ['编号', '机关', '年度', ...t.figures.map((f) => f.label)]);
      for await (const page of reportPages(store, filter)) {
        const values = await figureValues(store, page.map((r) => r.id), [t.tbl]);
        for (const r of page) {
          const v = values.get(r.id)!;
          if (!t.has(v)) continue;
          tws.addRow([r.id, r.agency, r.year, ...t.figures.map((f) => v.get(f.path) ?? null)]).commit();
          rows++;
        }
      }
      tws.commit();
    }
  } else if (what === 'cells') {
    for (const tbl of ['table2', 'table3', 'table4', 'legacy', 'legacy.extra']) {
      const ws = sheet(TABLE_NAMES[tbl].split(' ')[0], ['编号', '文件', '机关', '年度', '项目', '数值', '原文', '位置', '路径']);
      for await (const page of reportPages(store, filter)) {
        const byId = new Map(page.map((r) => [r.id, r]));
        const cells = await store.db.selectFrom('cells').selectAll().where('report_id', 'in', [...byId.keys()]).where('tbl', '=', tbl).orderBy('report_id').orderBy('row_key').orderBy('col_key').execute();
        for (const c of cells) {
          const r = byId.get(c.report_id)!;
          const path = tbl === 'legacy' ? `legacy.${c.row_key}` : tbl === 'legacy.extra' ? `legacy.extra.${c.row_key}` : `${tbl}.${c.row_key}.${c.col_key}`;
          ws.addRow([r.id, r.path, r.agency, r.year, cellLabel(c.tbl, c.row_key, c.col_key), c.value, c.raw, c.loc, path]).commit();
          rows++;
        }
      }
      ws.commit();
    }
  } else {
    const ws = sheet('问题', ['编号', '文件', '机关', '年度', '范围', '代码', '严重程度', '说明', '涉及单元格', '应为', '实为', '位置', '相关报告']);
    const scope: Record<string, string> = { report: '本报告', corpus: '跨报告' };
    const severity: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
    for await (const page of reportPages(store, filter)) {
      for (const f of await findingRows(store, page, filter.code)) {
        ws.addRow([f[0], f[1], f[2], f[3], scope[f[4] as string], f[5], severity[f[6] as string], f[7], f[8], f[9], f[10], f[11], f[12]]).commit();
        rows++;
      }
    }
    ws.commit();
  }
  await book.commit();
  return { rows };
}
