/**
 * The page geometry every PDF module shares. All coordinates are in PDF points in the page's
 * *viewport* space: origin at the top-left corner of the page as displayed (page rotation
 * applied), x to the right, y downwards. That is also what `loc: {page, x, y}` reports.
 */

/** A 2-D affine matrix [a, b, c, d, e, f] as PDF writes them. */
export type Matrix = [number, number, number, number, number, number];

/** `m1 · m2`: apply m2 first, then m1 (pdf.js's Util.transform). */
export function multiply(m1: ArrayLike<number>, m2: ArrayLike<number>): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

export function apply(m: ArrayLike<number>, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Where text sits on a page: its box, baseline and font size (a text item, or a line of them). */
export interface PlacedBox {
  page: number;
  /** Box: left, right, top, bottom. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** The baseline (horizontal text) — rows of a table line up on it. */
  baseline: number;
  size: number;
}

/** A piece of text as placed on the page. */
export interface TextItem extends PlacedBox {
  /** The text, with Kangxi radicals mapped to the ideographs they stand for. */
  text: string;
  /** Written top to bottom (a vertical font), one glyph per item. */
  vertical?: boolean;
  /** Written at an angle: kept as text but never placed in a table cell. */
  rotated?: boolean;
}

export const centreX = (t: TextItem) => (t.x0 + t.x1) / 2;
export const centreY = (t: TextItem) => (t.y0 + t.y1) / 2;

/** A ruling line: a stroked line or a thin filled rectangle, horizontal or vertical. */
export interface Ruling {
  /** 'h': y is the position, a..b the x extent; 'v': x is the position, a..b the y extent. */
  dir: 'h' | 'v';
  pos: number;
  a: number;
  b: number;
}

/** Kangxi radicals (U+2F00–U+2FDF) and CJK radical supplements (U+2E80–U+2EFF) that PDF fonts
 * map some ideographs to; NFKC maps them back to the unified ideograph (⾏ → 行). */
const RADICAL = /[\u2e80-\u2eff\u2f00-\u2fdf]/;
const RADICALS = /[\u2e80-\u2eff\u2f00-\u2fdf]/g;

export function mapRadicals(s: string): string {
  return RADICAL.test(s) ? s.replace(RADICALS, (c) => c.normalize('NFKC')) : s;
}
