/** Tables out: aligned text for a terminal, CSV (RFC 4180), JSON and JSON Lines. */
import { displayWidth, padEnd, padStart, truncate } from '../render/width.js';
import type { Table } from './query.js';

export type TableFormat = 'text' | 'csv' | 'json' | 'jsonl';

const show = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function csvField(v: unknown): string {
  const s = v instanceof Buffer || v instanceof Uint8Array ? `<${v.byteLength} bytes>` : show(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (values: unknown[]) => `${values.map(csvField).join(',')}\r\n`;

export function formatTable(table: Table, format: TableFormat): string {
  if (format === 'csv') return csvLine(table.columns) + table.rows.map(csvLine).join('');
  const objects = () => table.rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c, r[i] instanceof Uint8Array ? `<${(r[i] as Uint8Array).byteLength} bytes>` : r[i]])));
  if (format === 'json') return `${JSON.stringify(objects(), null, 2)}\n`;
  if (format === 'jsonl') return objects().map((o) => `${JSON.stringify(o)}\n`).join('');
  // text: numbers right-aligned, a blank figure shown as "空" (never as 0), long text cut
  const cells = table.rows.map((r) => r.map((v, i) => (v === null || v === undefined ? (table.columns[i].includes('.') ? '空' : '—') : truncate(show(v).replace(/\s+/g, ' '), 60))));
  const numeric = table.columns.map((_, i) => table.rows.length > 0 && table.rows.every((r) => r[i] === null || r[i] === undefined || typeof r[i] === 'number'));
  const widths = table.columns.map((c, i) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]))));
  const line = (vals: string[]) => vals.map((v, i) => (numeric[i] ? padStart(v, widths[i]) : padEnd(v, widths[i]))).join('  ').trimEnd();
  const out = [line(table.columns), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)];
  if (!table.rows.length) out.push('(no rows)');
  if (table.note) out.push('', table.note);
  return `${out.join('\n')}\n`;
}
