/** Shared vocabulary of the 表三 rules: column names, cell references and the rows present in a report. */
import { TABLE3_COLUMN_KEYS, TABLE3_COLUMNS, TABLE3_ROWS } from '../../model/template.js';
import type { Report } from '../../model/report.js';
import { cellRef, type CellRef } from '../cells.js';

export const COL_NAME: Record<string, string> = Object.fromEntries(TABLE3_COLUMNS.map((c) => [c.key, c.label]));
export const ROW_NAME: Record<string, string> = Object.fromEntries(TABLE3_ROWS.map((r) => [r.key, r.label]));

/** Every 表三 cell of the template, by row and column (built once). */
const REFS = new Map<string, Map<string, CellRef>>(
  TABLE3_ROWS.map((r) => [r.key, new Map(TABLE3_COLUMN_KEYS.map((c) => [c, cellRef('table3', r.key, c)]))]),
);

export function t3Ref(row: string, col: string): CellRef {
  const ref = REFS.get(row)?.get(col);
  if (!ref) throw new Error(`not a 表三 cell: ${row}.${col}`);
  return ref;
}

/** Outcome rows (（一）…（六）) the report's 表三 prints. */
export function outcomeRows(report: Report): string[] {
  const t = report.table3 ?? {};
  return TABLE3_ROWS.filter((r) => r.outcome && r.key in t).map((r) => r.key);
}
