/**
 * Resolving rowspan/colspan into a grid (the HTML table model, also used for DOCX): each cell
 * takes the first free column of its row; the positions a merged cell covers get a copy of it
 * marked `spanned`, so that every grid row can be read on its own.
 */
import type { TableCell } from './document.js';

export interface SpanCell extends TableCell {
  rowSpan?: number;
  colSpan?: number;
}

export function resolveSpans(rows: SpanCell[][], limits = { maxRowSpan: 1000, maxColSpan: 100 }): TableCell[][] {
  const grid: TableCell[][] = [];
  for (let r = 0; r < rows.length; r++) {
    grid[r] ??= [];
    let col = 0;
    for (const cell of rows[r]) {
      while (grid[r][col]) col++;
      const rs = Math.min(Math.max(1, cell.rowSpan ?? 1), limits.maxRowSpan, rows.length - r);
      const cs = Math.min(Math.max(1, cell.colSpan ?? 1), limits.maxColSpan);
      for (let dr = 0; dr < rs; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < cs; dc++) {
          const origin = dr === 0 && dc === 0;
          const loc = { ...cell.loc, row: r + dr, column: col + dc };
          grid[r + dr][col + dc] = origin
            ? { text: cell.text, loc, ...(rs > 1 ? { rowSpan: rs } : {}), ...(cs > 1 ? { colSpan: cs } : {}) }
            : { text: cell.text, loc, spanned: true };
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
