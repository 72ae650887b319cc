/**
 * One file → what the store keeps of it, computed in a worker thread so the thread that writes
 * to the database only binds values: the content hash (computed before parsing, so a stored file
 * is skipped unparsed), the parsed report flattened into cell, section and finding rows, and the
 * fingerprint of its prose.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { Cell, Report } from '../model/report.js';
import { isReadError } from '../model/report.js';
import { formatOf, parseBuffer, parsePath, type ParseOptions } from '../pipeline.js';
import { DEFAULT_MAX_BYTES } from '../read/index.js';
import { fingerprint, toBytes, type ProseSection } from './duplicate.js';

export const CELL_COLUMNS = ['report_id', 'figure', 'tbl', 'row_key', 'col_key', 'value', 'raw', 'loc', 'marker', 'unit', 'inferred', 'normalised'] as const;
export const SECTION_COLUMNS = ['report_id', 'ord', 'key', 'heading', 'text', 'line'] as const;
export const FINDING_COLUMNS = ['report_id', 'scope', 'code', 'severity', 'message', 'paths', 'expected', 'actual', 'loc', 'excerpt', 'related_report_id', 'detail'] as const;

type Value = string | number | null;

export interface ReportRecord {
  format: string;
  title: string | null;
  agency: string | null;
  year: number | null;
  template: string;
  date: string | null;
  bodyType: string;
  errors: number;
  warnings: number;
  infos: number;
  nValues: number;
  tables: string;
  extra: string | null;
  /**
   * Cell rows, CELL_COLUMNS.length values each, ready to bind: the first two values of every
   * row, the report id and the figure id, are 0 until the writer knows them and sets them in place.
   */
  cells: Value[];
  /** Section rows, as cells. */
  sections: Value[];
  /** Finding rows, as cells. */
  findings: Value[];
  signature: Uint8Array;
  passages: Uint8Array;
}

export type FileOutcome =
  | { kind: 'skipped'; path: string; sha256: string }
  | { kind: 'failed'; path: string; sha256: string | null; bytes: number | null; format: string; code: string; message: string }
  | { kind: 'report'; path: string; sha256: string; bytes: number; record: ReportRecord };

/**
 * The outcome for a file that could not be stored, and why: `bytes` and `sha256` as far as the
 * file was read, `format` what the reader made of it (by default what its extension says).
 */
export function failedFile(path: string, code: string, message: string, bytes: number | null = null, sha256: string | null = null, format = formatOf(path)): FileOutcome {
  return { kind: 'failed', path, sha256, bytes, format, code, message };
}

/** The parts of a report whose prose is compared (FORMAT.md TXT-REPEAT: 一、五、六 and free parts). */
const TABLE_PARTS = new Set(['proactive', 'requests', 'reviewLitigation']);
export function proseSections<S extends ProseSection>(report: { sections: S[]; meta: Pick<Report['meta'], 'template'> }): S[] {
  // in 2019/2021 reports parts 二–四 are the tables; their text is the tables' labels
  const national = report.meta.template === '2019' || report.meta.template === '2021';
  return report.sections.filter((s) => !(national && TABLE_PARTS.has(s.key)));
}

/** A file too large to parse is still identified by its content (streamed, not read whole). */
async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Reads, hashes and (unless `skip` has the hash) parses one file. Never throws: a file that
 * cannot be read or parsed is an outcome like any other.
 */
export async function processFile(path: string, skip: ReadonlySet<string>, options: ParseOptions = {}): Promise<FileOutcome> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  // synchronous reads: a worker has nothing else to do meanwhile, and they cost less
  try {
    const st = statSync(path);
    if (!st.isFile()) return failedFile(path, 'NOT_FOUND', `${path} is not a file`);
    size = st.size;
  } catch (e) {
    return failedFile(path, 'NOT_FOUND', `cannot open ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let sha256: string;
  let data: Buffer | null = null;
  try {
    if (size > max) sha256 = await hashFile(path);
    else {
      data = readFileSync(path);
      sha256 = createHash('sha256').update(data).digest('hex');
    }
  } catch (e) {
    return failedFile(path, 'NOT_FOUND', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, size);
  }
  if (skip.has(sha256)) return { kind: 'skipped', path, sha256 };
  // too large: parsePath reports it without reading the file
  const result = data ? await parseBuffer(data, path, options) : await parsePath(path, options);
  if (isReadError(result)) return failedFile(path, result.error.code, result.error.message, size, sha256, result.source.format);
  try {
    return { kind: 'report', path, sha256, bytes: size, record: toRecord(result) };
  } catch (e) {
    return failedFile(path, 'INTERNAL', `gongkai could not store the report: ${e instanceof Error ? e.message : String(e)}`, size, sha256, result.source.format);
  }
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** A location as JSON, null when empty (written for every cell: by hand, it is the hot path). */
function locJson(loc: Cell['loc'] | undefined): string | null {
  if (!loc) return null;
  let s = '';
  for (const k in loc) {
    const v = (loc as Record<string, unknown>)[k];
    if (v === undefined) continue;
    s += `${s ? ',' : ''}"${k}":${typeof v === 'number' && Number.isFinite(v) ? v : JSON.stringify(v)}`;
  }
  return s ? `{${s}}` : null;
}

export function toRecord(report: Report): ReportRecord {
  const provenance = new Map(report.cells.map((c) => [c.path, c]));
  const cells: Value[] = [];
  let nValues = 0;
  const push = (tbl: string, row: string, col: string, value: number | null | undefined, path: string, unit?: string | null) => {
    const c = provenance.get(path);
    const v = value === undefined ? null : value;
    if (v !== null) nValues++;
    cells.push(0, 0, tbl, row, col, v, c?.raw ?? null, locJson(c?.loc), c?.marker ?? null, unit ?? c?.unit ?? null, c?.inferred ?? null, c?.normalised ?? null);
  };
  for (const tbl of ['table2', 'table3', 'table4'] as const) {
    const table = report[tbl];
    if (!table) continue;
    for (const [row, cols] of Object.entries(table)) {
      if (!cols) continue;
      for (const [col, value] of Object.entries(cols)) push(tbl, row, col, value, `${tbl}.${row}.${col}`);
    }
  }
  if (report.legacy) {
    for (const [key, value] of Object.entries(report.legacy.indicators)) push('legacy', key, 'value', value, `legacy.indicators.${key}`);
    const seen = new Map<string, number>();
    report.legacy.extra.forEach((e, i) => {
      // the same label may be printed twice (under different parents): keep both
      const n = (seen.get(e.label) ?? 0) + 1;
      seen.set(e.label, n);
      push('legacy.extra', n === 1 ? e.label : `${e.label}#${n}`, 'value', e.value, `legacy.extra.${i}`, e.unit);
    });
  }
  const sections: Value[] = [];
  report.sections.forEach((s, i) => sections.push(0, i, s.key, s.heading, s.text, s.loc?.line ?? null));
  const findings: Value[] = [];
  for (const f of report.findings) {
    findings.push(0, 'report', f.code, f.severity, f.message, json(f.paths), f.expected ?? null, f.actual ?? null, locJson(f.loc), f.excerpt ?? null, null, f.assessable === false ? json({ assessable: false }) : null);
  }
  const print = fingerprint(proseSections(report), report.meta.agency);
  const { path: _path, format: _format, sha256: _sha, bytes: _bytes, ...source } = report.source;
  const extra: Record<string, unknown> = {};
  if (Object.keys(source).length) extra.source = source;
  const count = (s: string) => report.findings.filter((f) => f.severity === s).length;
  return {
    format: report.source.format,
    title: report.meta.title,
    agency: report.meta.agency,
    year: report.meta.year,
    template: report.meta.template,
    date: report.meta.date,
    bodyType: report.meta.bodyType,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    nValues,
    tables: JSON.stringify({ table2: report.table2, table3: report.table3, table4: report.table4, legacy: report.legacy }),
    extra: Object.keys(extra).length ? JSON.stringify(extra) : null,
    cells,
    sections,
    findings,
    signature: toBytes(print.signature),
    passages: toBytes(print.passages),
  };
}
