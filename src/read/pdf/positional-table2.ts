/**
 * 表二 from text positions, line by line: its sub-tables each print a heading (第二十条第（N）项),
 * a header line (信息内容 and the column labels) and rows (a label and numbers). A row's numbers
 * go to the columns of the header above it, by x-position, so that a blank cell stays in its
 * column; a sub-table with fewer columns than the widest one spans its last column, as the
 * template prints it (本年处理决定数量 over three columns).
 */
import { TABLE2 } from '../../model/template.js';
import type { Table } from '../document.js';
import { canon } from './anchors.js';
import { cellText, round, type PdfCell } from './cells.js';
import { centreX, type TextItem } from './geometry.js';
import { groupLines, type Line } from './lines.js';
import { isValueText, mergeSplitNumbers, valueCell } from './positional-values.js';

const COLUMN_LABELS = new Set(
  [...TABLE2['2021'], ...TABLE2['2019']].flatMap((r) => r.columns.flatMap((c) => [c.label, ...(c.aliases ?? [])])).map(canon),
);
/** The header word over the label column (not a template label: the template's tables print it). */
const CONTENT_HEADER = '信息内容';

type Kind = 'heading' | 'header' | 'data' | 'other';

interface Printed {
  kind: Kind;
  line: Line;
  /** Header: the column label items; data: the value items. */
  columns: TextItem[];
  labels: TextItem[];
}

export function table2Grid(items: TextItem[]): Table | null {
  const values = mergeSplitNumbers(items.filter((t) => isValueText(t.text)));
  const lines = groupLines([...items.filter((t) => !isValueText(t.text)), ...values]);
  const printed = lines.map(classify);
  const data = printed.filter((p) => p.kind === 'data');
  if (!data.length) return null;
  const headers = printed.filter((p) => p.kind === 'header');
  const width = Math.max(1, ...headers.map((h) => h.columns.length), ...(headers.length ? [] : data.map((d) => d.columns.length)));

  const grid: PdfCell[][] = [];
  let columns: number[] = [];
  let last: { cells: PdfCell[]; printed: Printed } | null = null;
  for (const p of printed) {
    const page = p.line.page;
    if (p.kind === 'heading') {
      grid.push(spread([valueCell(p.line.items, page, p.line.x0, p.line.y0)], width + 1));
    } else if (p.kind === 'header') {
      columns = p.columns.map(centreX);
      const cells = [valueCell(p.labels, page, p.line.x0, p.line.y0), ...p.columns.map((t) => valueCell([t], page, t.x0, t.y0))];
      grid.push(spread(cells, width + 1));
    } else if (p.kind === 'data') {
      // without a header above, the numbers are the columns in their order
      const centres = columns.length ? columns : p.columns.map(centreX);
      const slots: TextItem[][] = centres.map(() => []);
      for (const v of p.columns) slots[nearest(centres, centreX(v))].push(v);
      const cells = [valueCell(p.labels, page, p.line.x0, p.line.y0), ...slots.map((s, i) => valueCell(s, page, centres[i], p.line.y0))];
      grid.push(spread(cells, width + 1));
    } else if (last) {
      // a label or header word broken onto the next line joins the cell above it
      const target = last.cells[nearestCell(last.printed, p.line)];
      const extra = cellText(p.line.items).text;
      target.text += extra;
    } else {
      grid.push(spread([valueCell(p.line.items, page, p.line.x0, p.line.y0)], width + 1));
    }
    if (p.kind !== 'other') last = { cells: grid[grid.length - 1], printed: p };
  }
  // spanned positions repeat their merged cell's final text
  for (const row of grid) row.forEach((cell, i) => cell.spanned && i > 0 && (cell.text = row[i - 1].text));
  const first = printed[0].line;
  return { kind: 'table', rows: grid, loc: { page: first.page, x: round(first.x0), y: round(first.y0) }, structure: 'grid' };
}

function classify(line: Line): Printed {
  const texts = line.items.map((t) => canon(t.text));
  if (canon(line.text).startsWith('第二十条')) return { kind: 'heading', line, columns: [], labels: line.items };
  const columnItems = line.items.filter((_, i) => COLUMN_LABELS.has(texts[i]));
  if (columnItems.length || texts.includes(CONTENT_HEADER)) {
    return { kind: 'header', line, columns: columnItems, labels: line.items.filter((t) => !columnItems.includes(t)) };
  }
  const values = line.items.filter((t) => isValueText(t.text));
  if (values.length) return { kind: 'data', line, columns: values, labels: line.items.filter((t) => !values.includes(t)) };
  return { kind: 'other', line, columns: [], labels: line.items };
}

/** Cells laid over `width` grid columns: the last one spans what is left. */
function spread(cells: PdfCell[], width: number): PdfCell[] {
  const row = cells.slice(0, width);
  const last = row[row.length - 1];
  const span = width - row.length + 1;
  if (span > 1) last.colSpan = span;
  for (let i = 1; i < span; i++) row.push({ text: last.text, loc: last.loc, spanned: true });
  return row;
}

function nearest(centres: number[], x: number): number {
  let best = 0;
  for (let i = 1; i < centres.length; i++) if (Math.abs(centres[i] - x) < Math.abs(centres[best] - x)) best = i;
  return best;
}

/** The cell of a printed row (0 = label) under which a continuation line's text stands. */
function nearestCell(p: Printed, line: Line): number {
  const x = (line.x0 + line.x1) / 2;
  const labelsEnd = p.labels.length ? Math.max(...p.labels.map((t) => t.x1)) : -Infinity;
  if (!p.columns.length || x <= labelsEnd) return 0;
  return 1 + nearest(p.columns.map(centreX), x);
}
