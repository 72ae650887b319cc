/**
 * Tables drawn with ruling lines: the lines of a page are merged, grouped into connected
 * frames, and each frame becomes a grid whose row and column boundaries are the lines'
 * positions. A cell spans the next column where no vertical line separates them in its row,
 * and the next row where no horizontal line closes it — which is how merged cells (a vertical
 * group label over eight rows, a heading across four columns) come out as rowspan/colspan.
 */
import { centreX, centreY, type Ruling, type TextItem } from './geometry.js';

/** Positions closer than this (points) are one boundary. */
const SAME = 2;
/** Collinear segments with gaps up to this (points) are one line. */
const GAP = 2.5;
/** A line reaches another when it ends this close (points) to it. */
const REACH = 3;

export interface PieceCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  items: TextItem[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** One table frame on one page. */
export interface Piece {
  page: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Column boundaries (x) and row boundaries (y), ascending. */
  cols: number[];
  rows: number[];
  /** Merged cells, by their top-left grid position. */
  cells: PieceCell[];
  /** The cell covering each grid position [row][col]. */
  owner: (PieceCell | undefined)[][];
  items: TextItem[];
}

/** The ruled tables of a page, with the page's text items placed in their cells. */
export function ruledPieces(rulings: Ruling[], items: TextItem[], page: number): Piece[] {
  const h = mergeLines(rulings.filter((r) => r.dir === 'h'));
  const v = mergeLines(rulings.filter((r) => r.dir === 'v'));
  const pieces: Piece[] = [];
  for (const frame of frames(h, v)) {
    const piece = buildPiece(frame.h, frame.v, page);
    if (piece) pieces.push(piece);
  }
  // each text item belongs to at most one piece: the first whose frame holds its centre
  for (const item of items) {
    if (item.rotated) continue;
    const x = centreX(item);
    const y = centreY(item);
    for (const p of pieces) {
      if (x < p.x0 || x > p.x1 || y < p.y0 || y > p.y1) continue;
      const cell = cellAt(p, x, y);
      if (cell) {
        cell.items.push(item);
        p.items.push(item);
      }
      break;
    }
  }
  return pieces;
}

/** Collinear, overlapping or nearly touching segments merged into lines. */
function mergeLines(lines: Ruling[]): Ruling[] {
  const sorted = [...lines].sort((a, b) => a.pos - b.pos || a.a - b.a);
  const out: Ruling[] = [];
  let i = 0;
  while (i < sorted.length) {
    // a cluster of segments at (nearly) the same position
    let j = i + 1;
    while (j < sorted.length && sorted[j].pos - sorted[j - 1].pos <= SAME / 2) j++;
    const cluster = sorted.slice(i, j).sort((a, b) => a.a - b.a);
    const pos = cluster.reduce((s, r) => s + r.pos, 0) / cluster.length;
    let cur: Ruling | null = null;
    for (const r of cluster) {
      if (cur && r.a <= cur.b + GAP) cur.b = Math.max(cur.b, r.b);
      else {
        if (cur) out.push(cur);
        cur = { dir: r.dir, pos, a: r.a, b: r.b };
      }
    }
    if (cur) out.push(cur);
    i = j;
  }
  return out;
}

const touches = (h: Ruling, v: Ruling) => v.pos >= h.a - REACH && v.pos <= h.b + REACH && h.pos >= v.a - REACH && h.pos <= v.b + REACH;

/** Groups of lines connected by crossings: each is one table frame. */
function frames(h: Ruling[], v: Ruling[]): { h: Ruling[]; v: Ruling[] }[] {
  const parent = Array.from({ length: h.length + v.length }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < h.length; i++) for (let j = 0; j < v.length; j++) if (touches(h[i], v[j])) parent[find(i)] = find(h.length + j);
  const groups = new Map<number, { h: Ruling[]; v: Ruling[] }>();
  const group = (i: number) => {
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { h: [], v: [] }));
    return g;
  };
  h.forEach((line, i) => group(i).h.push(line));
  v.forEach((line, j) => group(h.length + j).v.push(line));
  return [...groups.values()].filter((g) => g.h.length >= 2 && g.v.length >= 2);
}

/** Distinct positions, merged when closer than SAME. */
function boundaries(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of sorted) if (!out.length || x - out[out.length - 1] > SAME) out.push(x);
  return out;
}

function buildPiece(h: Ruling[], v: Ruling[], page: number): Piece | null {
  const x0 = Math.min(...h.map((l) => l.a), ...v.map((l) => l.pos));
  const x1 = Math.max(...h.map((l) => l.b), ...v.map((l) => l.pos));
  const y0 = Math.min(...v.map((l) => l.a), ...h.map((l) => l.pos));
  const y1 = Math.max(...v.map((l) => l.b), ...h.map((l) => l.pos));
  // the frame's outer edges count as boundaries even where a table has no outer border
  const cols = boundaries([x0, x1, ...v.map((l) => l.pos)]);
  const rows = boundaries([y0, y1, ...h.map((l) => l.pos)]);
  // a box drawn around a paragraph or the whole page is not a table
  if (cols.length < 3 || rows.length < 3) return null;
  const nR = rows.length - 1;
  const nC = cols.length - 1;
  const at = (lines: Ruling[], pos: number) => lines.filter((l) => Math.abs(l.pos - pos) <= SAME);
  const vAt = cols.map((x) => at(v, x));
  const hAt = rows.map((y) => at(h, y));
  const covers = (lines: Ruling[], from: number, to: number) => {
    const mid = (from + to) / 2;
    return lines.some((l) => l.a - REACH <= mid && mid <= l.b + REACH);
  };
  // is there a line between column c-1 and c in row r / between row r-1 and r in column c?
  const hasV = (c: number, r: number) => covers(vAt[c], rows[r], rows[r + 1]);
  const hasH = (r: number, c: number) => covers(hAt[r], cols[c], cols[c + 1]);
  const owner: (PieceCell | undefined)[][] = Array.from({ length: nR }, () => new Array<PieceCell | undefined>(nC));
  const cells: PieceCell[] = [];
  for (let r = 0; r < nR; r++) {
    for (let c = 0; c < nC; c++) {
      if (owner[r][c]) continue;
      let colSpan = 1;
      while (c + colSpan < nC && !hasV(c + colSpan, r) && !owner[r][c + colSpan]) colSpan++;
      let rowSpan = 1;
      const open = (k: number) => !hasH(r + rowSpan, k) && !owner[r + rowSpan][k];
      while (r + rowSpan < nR && Array.from({ length: colSpan }, (_, k) => c + k).every(open)) rowSpan++;
      const cell: PieceCell = { row: r, col: c, rowSpan, colSpan, items: [], x0: cols[c], x1: cols[c + colSpan], y0: rows[r], y1: rows[r + rowSpan] };
      cells.push(cell);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) owner[r + dr][c + dc] = cell;
    }
  }
  return { page, x0, x1, y0, y1, cols, rows, cells, owner, items: [] };
}

/** Index of the band [bounds[i], bounds[i+1]] holding v. */
function band(bounds: number[], v: number): number {
  let lo = 0;
  let hi = bounds.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function cellAt(p: Piece, x: number, y: number): PieceCell | undefined {
  return p.owner[band(p.rows, y)]?.[band(p.cols, x)];
}
