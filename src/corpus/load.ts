/**
 * Stored reports back as the report model (MODEL.md §1): identity from `reports`, the tables
 * from their JSON copy, and — when asked — provenance from the cell rows, the sections and the
 * findings. Used by the cross-report rules (tables only: fast) and by export (everything).
 */
import { SCHEMA_ID, type Cell, type Finding, type LegacyExtra, type NumericRow, type Report, type Section } from '../model/report.js';
import { LEGACY_INDICATORS, TABLE2, TABLE3_COLUMN_KEYS, TABLE3_ROWS, TABLE4_BLOCKS, TABLE4_COLUMNS } from '../model/template.js';
import type { FindingsTable } from './schema.js';
import type { Db } from './store.js';

/** A stored report: the model plus its id and body in the store. */
export interface StoredReport extends Report {
  id: number;
  bodyId: number | null;
  bodyName: string | null;
  isPrimary: boolean;
}

export interface LoadOptions {
  /** The tables; default true. */
  tables?: boolean;
  /** `cells`: every figure's raw text and location (provenance); default false. */
  cells?: boolean;
  sections?: boolean;
  /** Which findings to include: none, the report's own, or also the corpus rules'. */
  findings?: 'none' | 'report' | 'all';
}

const parse = <T>(s: string | null): T | undefined => (s ? (JSON.parse(s) as T) : undefined);
const CHUNK = 500;

type Tables = Pick<Report, 'table2' | 'table3' | 'table4' | 'legacy'>;

export async function loadReports(db: Db, ids: number[], options: LoadOptions = {}): Promise<Map<number, StoredReport>> {
  const out = new Map<number, StoredReport>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    if (!chunk.length) continue;
    const rows = await db
      .selectFrom('reports')
      .innerJoin('files', 'files.id', 'reports.file_id')
      .leftJoin('bodies', 'bodies.id', 'reports.body_id')
      .leftJoin('report_data as d', 'd.report_id', 'reports.id')
      .select([
        'reports.id', 'reports.body_id', 'reports.path', 'reports.format', 'reports.title', 'reports.agency', 'reports.year', 'reports.template',
        'reports.date', 'reports.body_type', 'reports.is_primary', 'd.extra', 'files.sha256', 'files.bytes', 'bodies.name as body_name',
      ])
      .$if(options.tables !== false, (q) => q.select('d.tables'))
      .where('reports.id', 'in', chunk)
      .execute();
    for (const r of rows) {
      const extra = parse<{ source?: Record<string, unknown> }>(r.extra) ?? {};
      const tables = parse<Tables>((r as { tables?: string | null }).tables ?? null);
      out.set(r.id, {
        id: r.id,
        bodyId: r.body_id,
        bodyName: r.body_name,
        isPrimary: r.is_primary === 1,
        schema: SCHEMA_ID,
        source: { path: r.path, format: r.format, sha256: r.sha256 ?? undefined, bytes: r.bytes ?? undefined, ...(extra.source ?? {}) },
        meta: {
          title: r.title,
          agency: r.agency,
          year: r.year,
          template: r.template as Report['meta']['template'],
          date: r.date,
          bodyType: r.body_type as Report['meta']['bodyType'],
        },
        sections: [],
        table2: tables?.table2 ?? null,
        table3: tables?.table3 ?? null,
        table4: tables?.table4 ?? null,
        legacy: tables?.legacy ?? null,
        cells: [],
        findings: [],
      });
    }
    if (options.cells) await loadCells(db, chunk, out);
    if (options.sections) await loadSections(db, chunk, out);
    if (options.findings && options.findings !== 'none') await loadFindings(db, chunk, out, options.findings);
  }
  return out;
}

/** The model path of a stored cell row. */
export function cellPath(tbl: string, row: string, col: string, extra?: LegacyExtra[]): string {
  if (tbl === 'legacy') return `legacy.indicators.${row}`;
  if (tbl === 'legacy.extra') return `legacy.extra.${extra ? extra.findIndex((_, i) => extraKey(extra, i) === row) : row}`;
  return `${tbl}.${row}.${col}`;
}

async function loadCells(db: Db, ids: number[], out: Map<number, StoredReport>): Promise<void> {
  const rows = await db.selectFrom('cells').selectAll().where('report_id', 'in', ids).where((eb) => eb.or([eb('raw', 'is not', null), eb('loc', 'is not', null)])).execute();
  for (const c of rows) {
    const report = out.get(c.report_id);
    if (!report) continue;
    const cell: Cell = { path: cellPath(c.tbl, c.row_key, c.col_key, report.legacy?.extra), raw: c.raw ?? '', value: c.value, loc: parse(c.loc) ?? {} };
    if (c.marker) cell.marker = c.marker as Cell['marker'];
    if (c.unit) cell.unit = c.unit;
    if (c.inferred) cell.inferred = c.inferred;
    if (c.normalised) cell.normalised = c.normalised;
    report.cells.push(cell);
  }
}

/** The row key record.ts gives the i-th extra item: its label, "#n" for a repeated label. */
export function extraKey(extra: LegacyExtra[], i: number): string {
  const n = extra.slice(0, i + 1).filter((e) => e.label === extra[i].label).length;
  return n === 1 ? extra[i].label : `${extra[i].label}#${n}`;
}

async function loadSections(db: Db, ids: number[], out: Map<number, StoredReport>): Promise<void> {
  const rows = await db.selectFrom('sections').selectAll().where('report_id', 'in', ids).orderBy('report_id').orderBy('ord').execute();
  for (const s of rows) {
    const section: Section = { key: s.key, heading: s.heading, loc: s.line === null ? {} : { line: s.line }, text: s.text };
    out.get(s.report_id)?.sections.push(section);
  }
}

/** A stored finding row (the columns a finding needs) back to a finding. */
export function findingFromRow(f: Pick<FindingsTable, 'code' | 'severity' | 'message' | 'paths' | 'expected' | 'actual' | 'loc' | 'excerpt' | 'detail'>): Finding {
  const finding: Finding = { code: f.code, severity: f.severity, message: f.message };
  const paths = parse<string[]>(f.paths);
  if (paths) finding.paths = paths;
  if (f.expected !== null) finding.expected = f.expected;
  if (f.actual !== null) finding.actual = f.actual;
  const loc = parse<Finding['loc']>(f.loc);
  if (loc) finding.loc = loc;
  if (f.excerpt) finding.excerpt = f.excerpt;
  if (parse<{ assessable?: boolean }>(f.detail)?.assessable === false) finding.assessable = false;
  return finding;
}

async function loadFindings(db: Db, ids: number[], out: Map<number, StoredReport>, which: 'report' | 'all'): Promise<void> {
  let q = db.selectFrom('findings').selectAll().where('report_id', 'in', ids);
  if (which === 'report') q = q.where('scope', '=', 'report');
  for (const f of await q.orderBy('id').execute()) out.get(f.report_id)?.findings.push(findingFromRow(f));
}

/** Where a figure was read, from its cell row (for findings the cross-report rules make). */
export async function cellLoc(db: Db, reportId: number, path: string): Promise<Cell['loc'] | undefined> {
  const m = /^(table[234])\.(.+)\.([^.]+)$/.exec(path);
  if (!m) return undefined;
  const row = await db.selectFrom('cells').select('loc').where('report_id', '=', reportId).where('tbl', '=', m[1]).where('row_key', '=', m[2]).where('col_key', '=', m[3]).executeTakeFirst();
  return parse(row?.loc ?? null);
}

/** Rows and columns in the form's order (as the report model prints them). */
function ordered(table: Record<string, NumericRow> | null, rows: { key: string; columns: string[] }[]): Record<string, NumericRow> | null {
  if (!table) return null;
  const out: Record<string, NumericRow> = {};
  for (const r of rows) {
    const row = table[r.key];
    if (!row) continue;
    out[r.key] = Object.fromEntries([...r.columns.filter((c) => c in row).map((c) => [c, row[c]]), ...Object.entries(row).filter(([c]) => !r.columns.includes(c))]);
  }
  for (const [k, v] of Object.entries(table)) if (!(k in out)) out[k] = v;
  return out;
}

export function orderTables<T extends Report>(report: T): T {
  const t2 = report.table2;
  const gen = t2 && (t2.regulations?.inForce !== undefined || t2.fees?.amount !== undefined) ? '2021' : '2019';
  const legacy = report.legacy && {
    indicators: Object.fromEntries([
      ...LEGACY_INDICATORS.filter((d) => d.key in report.legacy!.indicators).map((d) => [d.key, report.legacy!.indicators[d.key]]),
      ...Object.entries(report.legacy.indicators).filter(([k]) => !LEGACY_INDICATORS.some((d) => d.key === k)),
    ]),
    extra: report.legacy.extra,
  };
  return {
    ...report,
    table2: ordered(t2, TABLE2[gen].map((r) => ({ key: r.key, columns: r.columns.map((c) => c.key) }))),
    table3: ordered(report.table3, TABLE3_ROWS.map((r) => ({ key: r.key, columns: TABLE3_COLUMN_KEYS }))),
    table4: ordered(report.table4, TABLE4_BLOCKS.map((b) => ({ key: b.key, columns: TABLE4_COLUMNS.map((c) => c.key) }))),
    legacy,
  };
}
