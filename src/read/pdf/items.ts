/**
 * Text items from pdf.js's text content, placed in viewport space (see geometry.ts).
 *
 * Whitespace-only items are dropped: the gaps between items are measured from their positions.
 * Items in a vertical font are split into one item per glyph (they are read top to bottom);
 * graphics.ts replaces them with the glyphs of the operator list where it has one, because
 * pdf.js's text content drops glyphs of vertical fonts written with a flipped text matrix.
 */
import type { TextContent, TextItem as PdfJsTextItem } from 'pdfjs-dist/types/src/display/api.js';
import { mapRadicals, multiply, type TextItem } from './geometry.js';

/** How far a horizontal glyph reaches above and below its baseline, in font sizes. */
export const ASCENT = 0.8;
export const DESCENT = 0.2;

export interface PageText {
  items: TextItem[];
  /** pdf.js names of the fonts that write vertically on this page. */
  verticalFonts: Set<string>;
}

export function pageText(content: TextContent, viewportTransform: number[], page: number): PageText {
  const verticalFonts = new Set<string>();
  for (const [name, style] of Object.entries(content.styles)) if (style.vertical) verticalFonts.add(name);
  const items: TextItem[] = [];
  for (const raw of content.items) {
    const it = raw as PdfJsTextItem;
    if (typeof it.str !== 'string' || !it.str.trim()) continue;
    const text = mapRadicals(it.str.trim());
    const m = multiply(viewportTransform, it.transform);
    if (verticalFonts.has(it.fontName)) {
      pushVertical(items, text, m, it.width, it.height, page);
      continue;
    }
    const size = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]);
    const [ox, oy] = [m[4], m[5]];
    // upright, left-to-right text has a direction of (+x, 0) in viewport space
    const rotated = !(m[0] > 0) || Math.abs(m[1]) > Math.abs(m[0]) * 0.05;
    if (rotated) {
      items.push({ text, page, x0: ox, x1: ox + Math.max(it.width, it.height), y0: oy - size, y1: oy, baseline: oy, size, rotated: true });
      continue;
    }
    items.push({ text, page, x0: ox, x1: ox + it.width, y0: oy - ASCENT * size, y1: oy + DESCENT * size, baseline: oy, size });
  }
  return { items, verticalFonts };
}

/** A run of vertical text as one item per glyph, stacked from its origin downwards. */
function pushVertical(items: TextItem[], text: string, m: number[], width: number, height: number, page: number): void {
  const glyphs = [...text.replace(/\s+/g, '')];
  const size = width || Math.hypot(m[0], m[1]);
  const step = glyphs.length ? Math.max(height / glyphs.length, size) : size;
  glyphs.forEach((g, i) => {
    const top = m[5] + i * step;
    items.push({ text: g, page, x0: m[4] - size / 2, x1: m[4] + size / 2, y0: top, y1: top + size, baseline: top + size, size, vertical: true });
  });
}
