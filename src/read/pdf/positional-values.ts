/**
 * Numbers in tables without rules: which text is a value, numbers written in pieces, and the
 * cell a group of items makes.
 */
import { memo } from './anchors.js';
import { cellLoc, cellText, type PdfCell } from './cells.js';
import type { TextItem } from './geometry.js';

/** A number as tables print it (1,234 / 96171.6 / +3 / 增3 / 251000元), or a dash or slash for none. */
export function isValueText(text: string): boolean {
  return memo(valueCache, text, (s) => {
    const t = s.normalize('NFKC').trim();
    return /^(?:增加?|减少?|[+\-−])?\d[\d,]*(?:\.\d+)?(?:万元|元)?$/.test(t) || /^\d+(?: \d+){1,2}$/.test(t) || /^[-—–/\\]{1,3}$/.test(t);
  });
}
const valueCache = new Map<string, boolean>();

/** The pieces of a number that was written as several items (see PdfCell.rejoined). */
const piecesOf = new WeakMap<TextItem, string[]>();

/**
 * Numbers written as pieces that nearly touch on one baseline ("1" "2" for 12) become one item,
 * which remembers its pieces.
 */
export function mergeSplitNumbers(values: TextItem[]): TextItem[] {
  const sorted = [...values].sort((a, b) => a.page - b.page || a.baseline - b.baseline || a.x0 - b.x0);
  const out: TextItem[] = [];
  for (const t of sorted) {
    const prev = out[out.length - 1];
    const size = prev ? Math.min(prev.size, t.size) : 0;
    const sameLine = prev && prev.page === t.page && Math.abs(prev.baseline - t.baseline) <= 0.3 * size;
    if (sameLine && t.x0 - prev.x1 < 0.5 * size && /\d$/.test(prev.text) && /^\d/.test(t.text)) {
      const merged: TextItem = { ...prev, text: prev.text + t.text, x1: Math.max(prev.x1, t.x1), y0: Math.min(prev.y0, t.y0), y1: Math.max(prev.y1, t.y1) };
      piecesOf.set(merged, [...(piecesOf.get(prev) ?? [prev.text]), t.text]);
      out[out.length - 1] = merged;
    } else out.push(t);
  }
  return out;
}

/** The cell made of some items (top to bottom, left to right); `x`, `y` place an empty one. */
export function valueCell(items: TextItem[], page: number, x: number, y: number): PdfCell {
  const sorted = [...items].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const { text, rejoined } = cellText(sorted);
  const pieces = [...(rejoined ?? []), ...sorted.flatMap((t) => piecesOf.get(t) ?? [])];
  return { text, loc: cellLoc(page, sorted, x, y), ...(pieces.length ? { rejoined: pieces, note: `digits printed as separate pieces (${pieces.map((d) => `"${d}"`).join(' ')}) were joined into one number` } : {}) };
}
