/**
 * Table pieces → Table blocks. A standard table broken across pages comes as several pieces
 * (one per page); they are joined into one grid on the union of their column boundaries. At
 * each page break, header rows the PDF repeats are dropped, and a group label that the break
 * cut in two ("（四）无" | "法提供") or that continues as an empty cell is made one merged cell
 * again. Rows and columns that hold nothing at all (double rules, hairline gaps) are dropped.
 */
import type { Table } from '../document.js';
import { canon, isGroupLabel, isGroupLabelStart } from './anchors.js';
import { cellLoc, cellText, round, type PdfCell } from './cells.js';
import type { Piece, PieceCell } from './ruled.js';

/** Column boundaries of pieces closer than this (points) are the same boundary. */
const SAME_COLUMN = 3;

interface Origin {
  text: string;
  rejoined?: string[];
  loc: { page: number; x: number; y: number };
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

const isNumber = (s: string) => /^[\s\d.,，+\-－—–/%]*\d[\s\d.,，%]*$/.test(s);

/** One Table block from the pieces of one table, in page order. */
export function joinPieces(pieces: Piece[]): Table {
  const union = unionColumns(pieces);
  const colIndex = (x: number) => {
    let best = 0;
    for (let i = 1; i < union.length; i++) if (Math.abs(union[i] - x) < Math.abs(union[best] - x)) best = i;
    return best;
  };
  const width = union.length - 1;
  const grid: (Origin | undefined)[][] = [];
  const header = headerRowTexts(pieces[0]);
  pieces.forEach((piece, index) => {
    const skip = index === 0 ? 0 : repeatedHeaderRows(piece, header);
    const offset = grid.length - skip;
    const nR = piece.rows.length - 1;
    for (let r = skip; r < nR; r++) grid.push(new Array<Origin | undefined>(width));
    const seam = grid.length - (nR - skip);
    for (const cell of piece.cells) {
      if (cell.row + cell.rowSpan <= skip) continue;
      const row = Math.max(cell.row, skip) + offset;
      const rowSpan = cell.row + cell.rowSpan - Math.max(cell.row, skip);
      const col = colIndex(piece.cols[cell.col]);
      const colSpan = Math.max(1, colIndex(piece.cols[cell.col + cell.colSpan]) - col);
      const origin = toOrigin(piece, cell, row, col, rowSpan, colSpan);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) grid[row + dr][col + dc] = origin;
    }
    if (index > 0) mergeAcrossBreak(grid, seam);
  });
  const rows = dropEmpty(grid, width);
  const first = pieces[0];
  return { kind: 'table', rows, loc: { page: first.page, x: round(first.x0), y: round(first.y0) }, structure: 'grid' };
}

function toOrigin(piece: Piece, cell: PieceCell, row: number, col: number, rowSpan: number, colSpan: number): Origin {
  const { text, rejoined } = cellText(cell.items);
  return { text, ...(rejoined ? { rejoined } : {}), loc: cellLoc(piece.page, cell.items, cell.x0, cell.y0), row, col, rowSpan, colSpan };
}

function unionColumns(pieces: Piece[]): number[] {
  const all = pieces.flatMap((p) => p.cols).sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of all) if (!out.length || x - out[out.length - 1] > SAME_COLUMN) out.push(x);
  return out;
}

/** The texts of a piece's rows before its first row with a number: its header. */
function headerRowTexts(piece: Piece): string[] {
  const out: string[] = [];
  for (let r = 0; r < piece.rows.length - 1; r++) {
    const cells = piece.cells.filter((c) => c.row === r);
    const texts = cells.map((c) => cellText(c.items).text);
    if (texts.some((t) => t.trim() && isNumber(t))) break;
    out.push(canon(texts.join('')));
  }
  return out;
}

/** How many of a continuation piece's first rows repeat the table's header. */
function repeatedHeaderRows(piece: Piece, header: string[]): number {
  let k = 0;
  while (k < header.length && k < piece.rows.length - 1) {
    const texts = piece.cells.filter((c) => c.row === k).map((c) => cellText(c.items).text);
    if (!header[k] || canon(texts.join('')) !== header[k]) break;
    k++;
  }
  return k;
}

/**
 * At a page break (grid row `seam` is the first row of the new page): a label cell that continues
 * across the break — a group label split in two, or followed by an empty cell in the same place —
 * becomes one merged cell.
 */
function mergeAcrossBreak(grid: (Origin | undefined)[][], seam: number): void {
  if (seam <= 0 || seam >= grid.length) return;
  const width = grid[seam].length;
  for (let c = 0; c < width; c++) {
    const top = grid[seam - 1][c];
    const bottom = grid[seam][c];
    if (!top || !bottom || top === bottom || bottom.row !== seam || top.col !== c || bottom.col !== c || top.colSpan !== bottom.colSpan) continue;
    if (isNumber(top.text) || (bottom.text && isNumber(bottom.text))) continue;
    const joined = top.text + bottom.text;
    const continues = bottom.text.trim() ? isGroupLabelStart(top.text) && isGroupLabel(joined) : isGroupLabel(top.text) || isGroupLabelStart(top.text);
    if (!continues) continue;
    top.text = joined;
    top.rowSpan += bottom.rowSpan;
    for (let r = bottom.row; r < bottom.row + bottom.rowSpan; r++) for (let k = c; k < c + bottom.colSpan; k++) grid[r][k] = top;
  }
}

/** The dense grid of cells, without rows and columns that hold no text at all. */
function dropEmpty(grid: (Origin | undefined)[][], width: number): PdfCell[][] {
  const originAt = (r: number, c: number) => {
    const o = grid[r][c];
    return o && o.row === r && o.col === c ? o : undefined;
  };
  // a row or column "holds" text when a cell with text starts in it
  const keepRow = grid.map((row, r) => row.some((_, c) => !!originAt(r, c)?.text.trim()));
  const keepCol = Array.from({ length: width }, (_, c) => grid.some((_, r) => !!originAt(r, c)?.text.trim()));
  const rowMap = new Map<number, number>();
  const colMap = new Map<number, number>();
  keepRow.forEach((k, r) => k && rowMap.set(r, rowMap.size));
  keepCol.forEach((k, c) => k && colMap.set(c, colMap.size));
  const out: PdfCell[][] = [];
  const done = new Set<Origin>();
  for (const r of rowMap.keys()) {
    const row: PdfCell[] = [];
    const page = grid[r].find((o) => o)?.loc.page ?? 0;
    for (const [c, nc] of colMap) {
      const o = grid[r][c];
      if (!o) {
        // a position no cell covers (pieces with different column boundaries)
        row[nc] = { text: '', loc: { page, x: 0, y: 0 } };
        continue;
      }
      if (done.has(o)) {
        row[nc] = { text: o.text, loc: o.loc, spanned: true };
        continue;
      }
      done.add(o);
      // the spans counted over the rows and columns that are kept
      let rowSpan = 0;
      for (let k = o.row; k < o.row + o.rowSpan; k++) if (rowMap.has(k)) rowSpan++;
      let colSpan = 0;
      for (let k = o.col; k < o.col + o.colSpan; k++) if (colMap.has(k)) colSpan++;
      row[nc] = {
        text: o.text,
        loc: o.loc,
        ...(rowSpan > 1 ? { rowSpan } : {}),
        ...(colSpan > 1 ? { colSpan } : {}),
        ...(o.rejoined ? { rejoined: o.rejoined, note: `digits printed as separate pieces (${o.rejoined.map((d) => `"${d}"`).join(' ')}) were joined into one number` } : {}),
      };
    }
    out.push(row);
  }
  return out;
}
