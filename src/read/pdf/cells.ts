/**
 * What the table builders share: the text of a cell from the items placed in it, and the grid
 * cell type, which records how the text was obtained.
 */
import type { TableCell } from '../document.js';
import type { TextItem } from './geometry.js';
import { groupLines, joinItems } from './lines.js';

/**
 * A grid cell read from a PDF. `rejoined` lists the pieces when the digits of one number were
 * written as separate text items and read as one number (e.g. ["1", "2"] for 12), so that a
 * reader of the document can tell the value needed interpretation.
 */
export interface PdfCell extends TableCell {
  rejoined?: string[];
}

const WORD_CHAR = /[A-Za-z0-9]/;
/**
 * Two or three digit groups in one text item, apart by a space pdf.js put in for a narrow gap
 * ("1 5"): one number written in pieces. (Wider gaps make separate items; see joinItems.)
 */
const SPACED_DIGITS = /^\d+(?: \d+){1,2}$/;

/**
 * The text of the items in one cell: lines top to bottom, items left to right. A cell holds one
 * value, so the digits of a number written in pieces are read as one number, and recorded.
 */
export function cellText(items: TextItem[]): { text: string; rejoined?: string[] } {
  let pieces: string[] | undefined;
  const unspaced = items.map((t) => {
    if (!SPACED_DIGITS.test(t.text)) return t;
    pieces = [...(pieces ?? []), ...t.text.split(' ')];
    return { ...t, text: t.text.replace(/ /g, '') };
  });
  const read = assembleCell(unspaced);
  if (!pieces) return read;
  return { text: read.text, rejoined: [...pieces, ...(read.rejoined ?? [])] };
}

function assembleCell(items: TextItem[]): { text: string; rejoined?: string[] } {
  if (!items.length) return { text: '' };
  if (items.length === 1) return { text: items[0].text };
  const lines = groupLines(items).sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1) || a.x0 - b.x0);
  let text = '';
  let rejoined: string[] | undefined;
  for (const line of lines) {
    const joined = joinItems(line.items, true);
    if (joined.rejoined) rejoined = [...(rejoined ?? []), ...joined.rejoined];
    // a line break inside a cell is not a space in Chinese; between two Latin words or numbers it is
    const sep = text && WORD_CHAR.test(text[text.length - 1]) && WORD_CHAR.test(joined.text[0]) ? ' ' : '';
    text += sep + joined.text;
  }
  return rejoined ? { text, rejoined } : { text };
}

/** Where a cell is reported: its first text item, or its top-left corner when it is empty. */
export function cellLoc(page: number, items: TextItem[], x0: number, y0: number): { page: number; x: number; y: number } {
  const first = items.length ? items.reduce((a, b) => (a.y0 < b.y0 - 1 || (Math.abs(a.y0 - b.y0) <= 1 && a.x0 <= b.x0) ? a : b)) : null;
  return { page, x: round(first ? first.x0 : x0), y: round(first ? first.y0 : y0) };
}

export const round = (n: number) => Math.round(n * 10) / 10;
