/** Shared vocabulary of the 表三 rules: column names and the rows present in a report. */
import { TABLE3_COLUMNS, TABLE3_ROWS } from '../../model/template.js';
import type { Report } from '../../model/report.js';

export const COL_NAME: Record<string, string> = Object.fromEntries(TABLE3_COLUMNS.map((c) => [c.key, c.label]));
export const ROW_NAME: Record<string, string> = Object.fromEntries(TABLE3_ROWS.map((r) => [r.key, r.label]));

/** Outcome rows (（一）…（六）) the report's 表三 prints. */
export function outcomeRows(report: Report): string[] {
  const t = report.table3 ?? {};
  return TABLE3_ROWS.filter((r) => r.outcome && r.key in t).map((r) => r.key);
}
