/**
 * A matrix table (表三, 表四) from text positions: rows are the baselines that carry numbers,
 * columns the x-positions of the numbers (or, where a column is blank throughout, of the
 * template's column headers), and the label text left of the numbers is given to the row it
 * belongs to. Labels are read as fragments: a vertical label (one glyph per line) is one
 * fragment over the rows it spans; a label broken over lines is one fragment given to the row
 * its lines surround; a fragment on a row's baseline belongs to that row.
 */
import type { Table } from '../document.js';
import { canon, isGroupLabel, isGroupLabelStart } from './anchors.js';
import { cellLoc, cellText, round, type PdfCell } from './cells.js';
import { centreX, type TextItem } from './geometry.js';
import { groupLines, type Line } from './lines.js';
import { isValueText, mergeSplitNumbers, valueCell as cellOf } from './positional-values.js';

interface Row {
  page: number;
  baseline: number;
  y0: number;
  y1: number;
  values: TextItem[];
  labels: Fragment[];
}

interface Fragment {
  page: number;
  /** A vertical label, one glyph per line. */
  stack?: boolean;
  text: string;
  items: TextItem[];
  x0: number;
  y0: number;
  y1: number;
  baseline: number;
  size: number;
}

export function matrixGrid(items: TextItem[], columnLabels: string[][], opts: { firstRowOnly?: boolean } = {}): Table | null {
  const values = mergeSplitNumbers(items.filter((t) => isValueText(t.text)));
  let rows = dataRows(values);
  if (opts.firstRowOnly) rows = rows.slice(0, 1);
  if (!rows.length) return null;
  const others = items.filter((t) => !isValueText(t.text));
  const width = columnLabels.length;
  const firstTop = Math.min(...rows[0].values.map((v) => v.y0));
  const header = others.filter((t) => t.page === rows[0].page && t.y1 <= firstTop + 0.5);
  const columns = valueColumns(rows.flatMap((r) => r.values), header, columnLabels, width);
  // the label column ends half a column before the first column of numbers
  const pitches = columns.slice(1).map((c, i) => c - columns[i]).sort((a, b) => a - b);
  const leftmost = Math.min(...rows.flatMap((r) => r.values).map((v) => v.x0));
  const labelLimit = pitches.length ? Math.min(leftmost, columns[0] - pitches[pitches.length >> 1] / 2) : leftmost - 1;
  const inHeader = new Set(header);
  // a header the PDF prints again at the top of the next page is not part of any row
  const headerTexts = new Set(header.map((t) => canon(t.text)));
  const repeated = (t: TextItem) => {
    if (t.page === rows[0].page || !headerTexts.has(canon(t.text))) return false;
    const firstOnPage = rows.find((r) => r.page === t.page);
    return !!firstOnPage && t.y1 <= firstOnPage.y0 + 0.5;
  };
  const body = others.filter((t) => !inHeader.has(t) && !repeated(t));
  const labels = body.filter((t) => centreX(t) < labelLimit);
  // text among the numbers (无, a footnote mark) stays in the cell it stands in
  const strays = body.filter((t) => centreX(t) >= labelLimit);
  assignLabels(fragments(labels), rows);

  const column = (t: TextItem) => nearest(columns, centreX(t));
  const grid: PdfCell[][] = [];
  if (header.length) {
    const cells: TextItem[][] = Array.from({ length: width + 1 }, () => []);
    for (const t of header) cells[centreX(t) < labelLimit ? 0 : column(t) + 1].push(t);
    grid.push(cells.map((its, c) => cellOf(its, rows[0].page, c ? columns[c - 1] : header[0].x0, Math.min(...header.map((t) => t.y0)))));
  }
  for (const row of rows) {
    const cells: TextItem[][] = Array.from({ length: width + 1 }, () => []);
    for (const v of row.values) cells[column(v) + 1].push(v);
    for (const t of strays) if (nearestRow(rows, t) === row) cells[column(t) + 1].push(t);
    // label columns left to right (x0 within 3 pt is the same column), each top to bottom
    const label = [...row.labels].sort((a, b) => (Math.abs(a.x0 - b.x0) <= 3 ? a.y0 - b.y0 : a.x0 - b.x0));
    const labelItems = label.flatMap((f) => f.items);
    const labelCell: PdfCell = { text: label.map((f) => f.text).join(''), loc: cellLoc(row.page, labelItems, labelItems[0]?.x0 ?? 0, row.y0) };
    grid.push([labelCell, ...cells.slice(1).map((its, c) => cellOf(its, row.page, columns[c], row.y0))]);
  }
  const first = [...header, ...rows[0].values].reduce((a, b) => (b.y0 < a.y0 - 1 || (Math.abs(b.y0 - a.y0) <= 1 && b.x0 < a.x0) ? b : a));
  return { kind: 'table', rows: grid, loc: { page: first.page, x: round(first.x0), y: round(first.y0) }, structure: 'grid' };
}

/** Numbers sharing a baseline are one row. */
function dataRows(values: TextItem[]): Row[] {
  const rows: Row[] = [];
  for (const v of values) {
    const row = rows.find((r) => r.page === v.page && Math.abs(r.baseline - v.baseline) <= 0.5 * v.size);
    if (row) {
      row.values.push(v);
      row.y0 = Math.min(row.y0, v.y0);
      row.y1 = Math.max(row.y1, v.y1);
    } else rows.push({ page: v.page, baseline: v.baseline, y0: v.y0, y1: v.y1, values: [v], labels: [] });
  }
  return rows.sort((a, b) => a.page - b.page || a.baseline - b.baseline);
}

/**
 * Column centres: the x-ranges of the numbers, merged where they overlap, when that gives the
 * template's number of columns; otherwise the header labels of the template's columns (which
 * also stand over a column that is blank in every row); failing both, the number ranges.
 */
function valueColumns(values: TextItem[], header: TextItem[], columnLabels: string[][], width: number): number[] {
  const ranges = [...values].sort((a, b) => a.x0 - b.x0).map((v) => [v.x0, v.x1]);
  const merged: number[][] = [];
  for (const [a, b] of ranges) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  const fromValues = merged.map(([a, b]) => (a + b) / 2);
  if (fromValues.length === width) return fromValues;
  const fromHeader = headerColumns(header, columnLabels);
  if (fromHeader.length === width) return fromHeader;
  return fromValues;
}

/** Header labels stacked in columns (商业 / 企业), matched with the template's column labels. */
function headerColumns(header: TextItem[], columnLabels: string[][]): number[] {
  const stacks: TextItem[][] = [];
  for (const t of [...header].sort((a, b) => a.x0 - b.x0)) {
    const stack = stacks.find((s) => s.some((o) => t.x0 < o.x1 && o.x0 < t.x1));
    if (stack) stack.push(t);
    else stacks.push([t]);
  }
  const wanted = columnLabels.map((ls) => ls.map(canon));
  const centres: number[] = [];
  for (const s of stacks) {
    const text = canon([...s].sort((a, b) => a.y0 - b.y0).map((t) => t.text).join(''));
    if (wanted.some((ls) => ls.includes(text))) centres.push((Math.min(...s.map((t) => t.x0)) + Math.max(...s.map((t) => t.x1))) / 2);
  }
  return centres.sort((a, b) => a - b);
}

function nearest(centres: number[], x: number): number {
  let best = 0;
  for (let i = 1; i < centres.length; i++) if (Math.abs(centres[i] - x) < Math.abs(centres[best] - x)) best = i;
  return best;
}

/** Label text as fragments: segments of lines, vertical stacks merged, broken lines joined. */
function fragments(labels: TextItem[]): Fragment[] {
  const segments: Fragment[] = [];
  for (const line of groupLines(labels)) segments.push(...splitLine(line));
  segments.sort((a, b) => a.page - b.page || a.y0 - b.y0 || a.x0 - b.x0);
  const out: Fragment[] = [];
  const used = new Set<Fragment>();
  for (const s of segments) {
    if (used.has(s)) continue;
    // a vertical label: one or two characters per line, three lines or more, one above the other
    const stack = [s];
    if (canon(s.text).length <= 2) {
      for (const t of segments) {
        const last = stack[stack.length - 1];
        if (used.has(t) || stack.includes(t) || t.page !== s.page || canon(t.text).length > 2) continue;
        if (Math.abs(t.x0 - s.x0) <= 2 && t.y0 > last.y0 && t.baseline - last.baseline < 2.5 * last.size) stack.push(t);
      }
    }
    if (stack.length >= 3) {
      stack.forEach((t) => used.add(t));
      out.push({ ...mergeFragments(stack), stack: true });
      continue;
    }
    used.add(s);
    out.push(s);
  }
  return joinGroupLabels(out);
}

/**
 * A group label broken over two lines — or over a page break — ("（三）不" / "予公开",
 * "（四）无" | "法提供") is one label when the template says so. It stays where its first line is.
 */
function joinGroupLabels(frags: Fragment[]): Fragment[] {
  const out: Fragment[] = [];
  const used = new Set<Fragment>();
  frags.forEach((f, i) => {
    if (used.has(f)) return;
    if (isGroupLabelStart(f.text) && !isGroupLabel(f.text)) {
      const next = frags.slice(i + 1).find((g) => !used.has(g) && Math.abs(g.x0 - f.x0) <= 3 && (g.page === f.page ? g.y0 - f.y1 < 2 * f.size : g.page === f.page + 1));
      if (next && isGroupLabel(f.text + next.text)) {
        used.add(next);
        out.push({ ...f, text: f.text + next.text, items: [...f.items, ...next.items] });
        return;
      }
    }
    out.push(f);
  });
  return out;
}

/** A line of label text cut where a wide gap separates label columns ("（四）无   1.本机关…"). */
function splitLine(line: Line): Fragment[] {
  const parts: TextItem[][] = [[]];
  line.items.forEach((t, i) => {
    const prev = line.items[i - 1];
    if (prev && t.x0 - prev.x1 > 1.2 * Math.min(prev.size, t.size)) parts.push([]);
    parts[parts.length - 1].push(t);
  });
  return parts.map((items) => ({ ...box(items), text: cellText(items).text, items }));
}

/** Fragments read one after the other (top to bottom) as one. */
function mergeFragments(frags: Fragment[]): Fragment {
  return { ...box(frags), text: frags.map((f) => f.text).join(''), items: frags.flatMap((f) => f.items) };
}

function box(parts: { page: number; x0: number; y0: number; y1: number; baseline: number; size: number }[]) {
  return {
    page: parts[0].page,
    x0: Math.min(...parts.map((t) => t.x0)),
    y0: Math.min(...parts.map((t) => t.y0)),
    y1: Math.max(...parts.map((t) => t.y1)),
    baseline: Math.max(...parts.map((t) => t.baseline)),
    size: Math.max(...parts.map((t) => t.size)),
  };
}

/**
 * Fragments to rows: a fragment on a row's baseline is that row's; a vertical stack goes to the
 * first row it reaches; the lines of a label broken around its row's numbers are joined and go
 * to the row nearest their middle.
 */
function assignLabels(frags: Fragment[], rows: Row[]): void {
  const onBaseline = (f: Fragment) => rows.find((r) => r.page === f.page && Math.abs(r.baseline - f.baseline) <= 0.5 * f.size);
  const floating: Fragment[] = [];
  for (const f of frags) {
    if (f.stack) {
      const reached = rows.find((r) => r.page === f.page && r.baseline >= f.y0 && r.y0 <= f.y1);
      (reached ?? nearestRow(rows, f)).labels.push(f);
      continue;
    }
    const row = onBaseline(f);
    if (row) row.labels.push(f);
    else floating.push(f);
  }
  // consecutive floating lines in the same label column are one broken label
  floating.sort((a, b) => a.page - b.page || a.y0 - b.y0);
  const groups: Fragment[][] = [];
  for (const f of floating) {
    const g = groups.find((group) => {
      const last = group[group.length - 1];
      return last.page === f.page && Math.abs(last.x0 - f.x0) <= 3 && f.baseline - last.baseline < 2.2 * f.size;
    });
    if (g) g.push(f);
    else groups.push([f]);
  }
  for (const g of groups) {
    const f = g.length === 1 ? g[0] : mergeFragments(g);
    nearestRow(rows, f).labels.push(f);
  }
}

function nearestRow(rows: Row[], t: { page: number; y0: number; y1: number }): Row {
  const cy = (t.y0 + t.y1) / 2;
  let best = rows[0];
  let bestDistance = Infinity;
  for (const r of rows) {
    const d = r.page !== t.page ? Infinity : cy < r.y0 ? r.y0 - cy : cy > r.y1 ? cy - r.y1 : 0;
    if (d < bestDistance) {
      best = r;
      bestDistance = d;
    }
  }
  if (bestDistance === Infinity) {
    // a label on a page without numbers: the row closest in reading order
    best = rows.find((r) => r.page > t.page) ?? rows[rows.length - 1];
  }
  return best;
}
