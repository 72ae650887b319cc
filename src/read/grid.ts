/**
 * Resolving rowspan/colspan into a grid (the HTML table model, also used for DOCX): each cell
 * takes the first free column of its row; the positions a merged cell covers get a copy of it
 * marked `spanned`, so that every grid row can be read on its own.
 */
import type { Loc } from '../model/report.js';
import type { TableCell } from './document.js';

export interface SpanCell extends TableCell {
  rowSpan?: number;
  colSpan?: number;
}

export function resolveSpans(rows: SpanCell[][], limits = { maxRowSpan: 1000, maxColSpan: 100 }): TableCell[][] {
  // a merged cell never reaches below the last row, so the grid has exactly these rows
  const grid: TableCell[][] = rows.map(() => []);
  for (let r = 0; r < rows.length; r++) {
    const gridRow = grid[r];
    let col = 0;
    for (const cell of rows[r]) {
      while (gridRow[col] !== undefined) col++;
      const rs = Math.min(Math.max(1, cell.rowSpan ?? 1), limits.maxRowSpan, rows.length - r);
      const cs = Math.min(Math.max(1, cell.colSpan ?? 1), limits.maxColSpan);
      for (let dr = 0; dr < rs; dr++) {
        for (let dc = 0; dc < cs; dc++) {
          const loc = copyLoc(cell.loc);
          loc.row = r + dr;
          loc.column = col + dc;
          grid[r + dr][col + dc] = dr === 0 && dc === 0 ? origin(cell.text, loc, rs, cs) : { text: cell.text, loc, spanned: true };
        }
      }
      col += cs;
    }
  }
  // holes (rows shorter than others) become empty cells so that every row is dense
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    for (let c = 0; c < row.length; c++) row[c] ??= { text: '', loc: { row: r, column: c } };
  }
  return grid;
}

/** The cell where a merged cell starts; the spans are stated only when they are more than one. */
function origin(text: string, loc: TableCell['loc'], rowSpan: number, colSpan: number): TableCell {
  if (rowSpan > 1 && colSpan > 1) return { text, loc, rowSpan, colSpan };
  if (rowSpan > 1) return { text, loc, rowSpan };
  if (colSpan > 1) return { text, loc, colSpan };
  return { text, loc };
}

/**
 * A copy of a location, for a cell to add its row or column to. Written out because V8 (Node 20)
 * makes `{ ...loc, column }` dozens of times slower than copying the keys, and every grid
 * position gets one.
 */
export function copyLoc(loc: Loc): Loc {
  const out: Loc = {};
  for (const key in loc) out[key as keyof Loc] = loc[key as keyof Loc];
  return out;
}
