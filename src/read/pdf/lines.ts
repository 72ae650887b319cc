/**
 * Text items → lines of text: items that share a baseline, read left to right, with a space
 * where the gap between two items is wider than a narrow space. Vertical glyphs and rotated
 * text never share a line with anything.
 */
import type { PlacedBox, TextItem } from './geometry.js';

export interface Line extends PlacedBox {
  items: TextItem[];
  text: string;
}

/** A gap wider than this (in font sizes) is a space between words or cells. */
const SPACE = 0.3;
/** Digits closer than this (in font sizes) are one number written as two pieces. */
const DIGIT_GAP = 0.5;
const NUMERIC = /^[\d.,，]+$/;

/** Items grouped into lines, page by page, top to bottom. */
export function groupLines(items: TextItem[]): Line[] {
  const flowing = items.filter((t) => !t.vertical && !t.rotated).sort((a, b) => a.page - b.page || a.baseline - b.baseline || a.x0 - b.x0);
  const groups: TextItem[][] = [];
  let current: TextItem[] = [];
  let first = 0;
  let minSize = 0;
  for (const t of flowing) {
    if (current.length && t.page === current[0].page && t.baseline - first <= 0.5 * Math.min(minSize, t.size)) {
      current.push(t);
      minSize = Math.min(minSize, t.size);
      continue;
    }
    if (current.length) groups.push(current);
    current = [t];
    first = t.baseline;
    minSize = t.size;
  }
  if (current.length) groups.push(current);
  for (const t of items) if (t.vertical || t.rotated) groups.push([t]);
  return groups.map(toLine).sort((a, b) => a.page - b.page || a.baseline - b.baseline || a.x0 - b.x0);
}

function toLine(items: TextItem[]): Line {
  const sorted = items.length > 1 ? [...items].sort((a, b) => a.x0 - b.x0) : items;
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const t of sorted) {
    x0 = Math.min(x0, t.x0);
    x1 = Math.max(x1, t.x1);
    y0 = Math.min(y0, t.y0);
    y1 = Math.max(y1, t.y1);
  }
  return {
    page: sorted[0].page,
    items: sorted,
    text: joinItems(sorted).text,
    x0,
    x1,
    y0,
    y1,
    baseline: sorted.reduce((m, t) => Math.max(m, t.baseline), -Infinity),
    size: sorted.reduce((m, t) => Math.max(m, t.size), 0),
  };
}

export interface Joined {
  text: string;
  /** The pieces of a number that was written as separate items and read as one. */
  rejoined?: string[];
}

/**
 * The text of items on one line, in x order. In a table cell (`cell`), numeric pieces are one
 * number whatever the gap (a cell holds one value); elsewhere only when they nearly touch.
 */
export function joinItems(items: TextItem[], cell = false): Joined {
  let text = '';
  let rejoined: string[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const t = items[i];
    if (i === 0) {
      text = t.text;
      continue;
    }
    const prev = items[i - 1];
    const gap = t.x0 - prev.x1;
    const size = Math.min(prev.size, t.size);
    const digits = NUMERIC.test(prev.text) && NUMERIC.test(t.text);
    if (digits && (cell ? gap < 1.5 * size : gap < DIGIT_GAP * size)) {
      if (gap > SPACE * size || cell) rejoined = [...(rejoined ?? [prev.text]), t.text];
      text += t.text;
    } else text += gap > SPACE * size ? ` ${t.text}` : t.text;
  }
  return rejoined ? { text, rejoined } : { text };
}

/** Page numbers as printed in headers and footers: "- 3 -", "3", "第 3 页 共 6 页", "3 / 6". */
const PAGE_NUMBER = /^(?:[-—–－]?\s*\d{1,3}\s*[-—–－]?|第\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})$/;
/** The share of the page height at the top and at the bottom that is margin. */
export const MARGIN = 0.1;

/** A line that is only a page number, in the top or bottom margin of its page. */
export function isPageNumber(line: Line, pageHeight: number): boolean {
  const inMargin = line.y1 < pageHeight * MARGIN || line.y0 > pageHeight * (1 - MARGIN);
  return inMargin && PAGE_NUMBER.test(line.text.trim());
}
