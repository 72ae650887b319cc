/**
 * One pass over a page's operator list (pdf.js's parsed content stream) for what the text
 * content does not give: the ruling lines tables are drawn with, and the glyphs of vertical
 * fonts (see items.ts). Only the graphics state these need is tracked: the CTM (q/Q/cm and
 * form XObjects), line width, colours, and the text state for vertical fonts.
 */
import type { PdfJs } from './engine.js';
import { apply, mapRadicals, multiply, type Matrix, type Ruling, type TextItem } from './geometry.js';

export interface PageGraphics {
  rulings: Ruling[];
  /** Glyphs of the page's vertical fonts, one item per glyph. */
  verticalGlyphs: TextItem[];
}

/** A rectangle thinner than this (points) is a line drawn as a filled rectangle. */
const THIN = 3;
/** A segment is horizontal / vertical when it deviates less than this (points). */
const SKEW = 0.8;
/** Shorter segments are glyph parts or decoration, not table rules. */
const MIN_LENGTH = 4;

interface TextState {
  font: string;
  fontSize: number;
  leading: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  rise: number;
}

interface Glyph {
  unicode?: string;
  width?: number;
  vmetric?: number[] | null;
  isSpace?: boolean;
}

const isWhite = (hex: unknown) => typeof hex === 'string' && /^#(?:f[0-9a-f]){3}$/i.test(hex);

export function pageGraphics(
  OPS: PdfJs['OPS'],
  ops: { fnArray: number[]; argsArray: unknown[] },
  viewportTransform: number[],
  page: number,
  verticalFonts: Set<string>,
): PageGraphics {
  const rulings: Ruling[] = [];
  const verticalGlyphs: TextItem[] = [];
  // q/Q save and restore the CTM, the line width and colours, and the text state (PDF 8.4.1)
  const stack: { ctm: Matrix; lineWidth: number; stroke: unknown; fill: unknown; text: TextState }[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let lineWidth = 1;
  let strokeColour: unknown = '#000000';
  let fillColour: unknown = '#000000';
  // text state, followed for the glyphs of vertical fonts
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let tlm: Matrix = [1, 0, 0, 1, 0, 0];
  let ts: TextState = { font: '', fontSize: 0, leading: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, rise: 0 };
  const tracksText = verticalFonts.size > 0;
  const toPage = () => multiply(viewportTransform, ctm);
  const moveLine = (tx: number, ty: number) => {
    tlm = multiply(tlm, [1, 0, 0, 1, tx, ty]);
    tm = [...tlm] as Matrix;
  };

  const { fnArray, argsArray } = ops;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as any[];
    switch (fn) {
      case OPS.save:
        stack.push({ ctm, lineWidth, stroke: strokeColour, fill: fillColour, text: { ...ts } });
        break;
      case OPS.restore: {
        const s = stack.pop();
        if (s) ({ ctm, lineWidth, stroke: strokeColour, fill: fillColour, text: ts } = s);
        break;
      }
      case OPS.transform:
        ctm = multiply(ctm, args);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push({ ctm, lineWidth, stroke: strokeColour, fill: fillColour, text: { ...ts } });
        if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0])) ctm = multiply(ctm, args[0] as ArrayLike<number>);
        break;
      case OPS.paintFormXObjectEnd: {
        const s = stack.pop();
        if (s) ({ ctm, lineWidth, stroke: strokeColour, fill: fillColour, text: ts } = s);
        break;
      }
      case OPS.setLineWidth:
        lineWidth = args[0];
        break;
      case OPS.setStrokeRGBColor:
        strokeColour = args[0];
        break;
      case OPS.setFillRGBColor:
        fillColour = args[0];
        break;
      case OPS.constructPath:
        collectRulings(OPS, args, toPage(), lineWidth, strokeColour, fillColour, rulings);
        break;
      case OPS.beginText:
        tm = [1, 0, 0, 1, 0, 0];
        tlm = [1, 0, 0, 1, 0, 0];
        break;
      case OPS.setFont:
        ts.font = args[0];
        ts.fontSize = args[1];
        break;
      case OPS.setTextMatrix:
        tlm = Array.from(args[0] as ArrayLike<number>) as Matrix;
        tm = [...tlm] as Matrix;
        break;
      case OPS.moveText:
        moveLine(args[0], args[1]);
        break;
      case OPS.setLeadingMoveText:
        ts.leading = -args[1];
        moveLine(args[0], args[1]);
        break;
      case OPS.nextLine:
        moveLine(0, -ts.leading);
        break;
      case OPS.setLeading:
        ts.leading = args[0];
        break;
      case OPS.setCharSpacing:
        ts.charSpacing = args[0];
        break;
      case OPS.setWordSpacing:
        ts.wordSpacing = args[0];
        break;
      case OPS.setTextRise:
        ts.rise = args[0];
        break;
      case OPS.setHScale:
        ts.hScale = args[0] / 100;
        break;
      case OPS.showText: {
        if (!tracksText) break;
        const { font, fontSize, charSpacing, wordSpacing, hScale, rise } = ts;
        if (!verticalFonts.has(font)) {
          // horizontal text only moves the text matrix (for vertical glyphs that may follow)
          let tx = 0;
          for (const g of args[0] as (Glyph | number)[]) {
            if (typeof g === 'number') tx -= (g / 1000) * fontSize * hScale;
            else tx += (((g.width ?? 0) / 1000) * fontSize + charSpacing + (g.isSpace ? wordSpacing : 0)) * hScale;
          }
          tm = multiply(tm, [1, 0, 0, 1, tx, 0]);
          break;
        }
        // glyph origins advance downwards in text space by the vertical displacement (w1)
        let ty = 0;
        const m = multiply(toPage(), tm);
        const size = Math.abs(fontSize) * Math.hypot(m[2], m[3]);
        for (const g of args[0] as (Glyph | number)[]) {
          if (typeof g === 'number') {
            ty -= (g / 1000) * fontSize;
            continue;
          }
          const [x, y] = apply(m, 0, ty + rise);
          const text = mapRadicals(g.unicode ?? '');
          if (text.trim()) {
            const top = Math.min(y, y + size);
            verticalGlyphs.push({ text, page, x0: x - size / 2, x1: x + size / 2, y0: top, y1: top + size, baseline: top + size, size, vertical: true });
          }
          // PDF 9.4.4: ty = w1 × Tfs + Tc (+ Tw for a space); w1 is negative (downwards)
          const w1 = g.vmetric?.[0] ?? -1000;
          ty += (w1 / 1000) * fontSize + charSpacing + (g.isSpace ? wordSpacing : 0);
        }
        tm = multiply(tm, [1, 0, 0, 1, 0, ty]);
        break;
      }
      default:
        break;
    }
  }
  return { rulings, verticalGlyphs };
}

/**
 * Rulings in one constructPath: every axis-parallel segment of a stroked path, and every thin
 * axis-parallel rectangle of a filled one. White lines are invisible and ignored.
 */
function collectRulings(OPS: PdfJs['OPS'], args: any[], m: Matrix, lineWidth: number, stroke: unknown, fill: unknown, out: Ruling[]): void {
  const paint = args[0] as number;
  const stroked = paint === OPS.stroke || paint === OPS.closeStroke || paint === OPS.fillStroke || paint === OPS.eoFillStroke || paint === OPS.closeFillStroke || paint === OPS.closeEOFillStroke;
  const filled = paint === OPS.fill || paint === OPS.eoFill || paint === OPS.fillStroke || paint === OPS.eoFillStroke || paint === OPS.closeFillStroke || paint === OPS.closeEOFillStroke;
  if ((!stroked || isWhite(stroke)) && (!filled || isWhite(fill))) return;
  const strokeLines = stroked && !isWhite(stroke);
  const fillRects = filled && !isWhite(fill);
  const scale = Math.hypot(m[0], m[1]) || 1;
  const width = lineWidth * scale;
  for (const data of pathData(args[1])) {
    let i = 0;
    let start: [number, number] | null = null;
    let cur: [number, number] | null = null;
    let subpath: [number, number][] = [];
    const endSubpath = () => {
      if (fillRects && subpath.length >= 4) thinRectangle(subpath, out);
      subpath = [];
    };
    while (i < data.length) {
      const op = data[i++];
      if (op === 0) {
        endSubpath();
        cur = start = apply(m, data[i], data[i + 1]);
        subpath.push(cur);
        i += 2;
      } else if (op === 1) {
        const next = apply(m, data[i], data[i + 1]);
        if (cur && strokeLines) segment(cur, next, width, out);
        cur = next;
        subpath.push(cur);
        i += 2;
      } else if (op === 2) {
        cur = apply(m, data[i + 4], data[i + 5]);
        subpath.push(cur, cur);
        i += 6;
      } else if (op === 3) {
        cur = apply(m, data[i + 2], data[i + 3]);
        subpath.push(cur, cur);
        i += 4;
      } else if (op === 4) {
        if (cur && start && strokeLines) segment(cur, start, width, out);
        cur = start;
      } else break;
    }
    endSubpath();
  }
}

/** constructPath's path argument: one or more flat arrays of (op, coordinates…). */
function pathData(arg: unknown): ArrayLike<number>[] {
  if (!arg) return [];
  if (ArrayBuffer.isView(arg)) return [arg as unknown as ArrayLike<number>];
  if (Array.isArray(arg)) {
    if (arg.every((v) => typeof v === 'number')) return [arg as number[]];
    return arg.flatMap((v) => pathData(v));
  }
  return [];
}

function segment([x0, y0]: [number, number], [x1, y1]: [number, number], width: number, out: Ruling[]): void {
  const dx = Math.abs(x1 - x0);
  const dy = Math.abs(y1 - y0);
  if (dy <= SKEW && dx >= MIN_LENGTH) out.push({ dir: 'h', pos: (y0 + y1) / 2, a: Math.min(x0, x1) - width / 2, b: Math.max(x0, x1) + width / 2 });
  else if (dx <= SKEW && dy >= MIN_LENGTH) out.push({ dir: 'v', pos: (x0 + x1) / 2, a: Math.min(y0, y1) - width / 2, b: Math.max(y0, y1) + width / 2 });
}

/** A closed four-corner subpath that is an axis-parallel rectangle thinner than THIN. */
function thinRectangle(points: [number, number][], out: Ruling[]): void {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const left = Math.min(...xs);
  const right = Math.max(...xs);
  const top = Math.min(...ys);
  const bottom = Math.max(...ys);
  // every corner must lie on the bounding box (an axis-parallel rectangle, not a diagonal shape)
  const onBox = points.every(([x, y]) => (Math.abs(x - left) < SKEW || Math.abs(x - right) < SKEW) && (Math.abs(y - top) < SKEW || Math.abs(y - bottom) < SKEW));
  if (!onBox) return;
  const w = right - left;
  const h = bottom - top;
  if (h <= THIN && w >= MIN_LENGTH && w > h) out.push({ dir: 'h', pos: (top + bottom) / 2, a: left, b: right });
  else if (w <= THIN && h >= MIN_LENGTH && h > w) out.push({ dir: 'v', pos: (left + right) / 2, a: top, b: bottom });
}
