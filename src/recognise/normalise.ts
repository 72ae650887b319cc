/**
 * Normalisation of labels and cell values (FORMAT.md §E.4). Labels are compared in a canonical
 * form (NFKC, no whitespace, one kind of bracket and quote) but the raw text is always kept.
 */
import { isSpace } from './chars.js';

/** Canonical form of a label, for comparison only. */
export function normLabel(s: string): string {
  return mapCommon(s) ?? normLabelFull(s);
}

function normLabelFull(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[“”"＂]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/[，,]/g, ',')
    .replace(/[．。]/g, '.')
    .replace(/[:：]$/, '');
}

/**
 * normLabel in one pass for text made only of characters whose NFKC form is known here —
 * ideographs, ASCII, full-width ASCII, common CJK punctuation and quotes, white space — which is
 * nearly all report text, and NFKC plus six replacements for every label was a good part of
 * recognising a report; null for anything else (the full normalisation then runs).
 */
function mapCommon(s: string): string | null {
  let out = '';
  let run = 0; // start of the run of characters kept as they are
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // unchanged: ideographs, printable ASCII, 、〈〉《》「」『』【】—·
    if ((c >= 0x4e00 && c <= 0x9fff) || (c > 0x20 && c < 0x7f) || c === 0x3001 || (c >= 0x3008 && c <= 0x3011) || c === 0x2014 || c === 0xb7) continue;
    let to: string;
    if (c >= 0xff01 && c <= 0xff5e) to = String.fromCharCode(c - 0xfee0); // NFKC: full-width ASCII
    else if (c === 0x3002) to = '.';
    else if (c === 0x201c || c === 0x201d) to = '"';
    else if (c === 0x2018 || c === 0x2019) to = "'";
    else if (isSpace(c)) to = '';
    else return null;
    out += s.slice(run, i) + to;
    run = i + 1;
  }
  out += s.slice(run);
  return out.endsWith(':') ? out.slice(0, -1) : out;
}

/** The text without white space (most texts have none, and then no regex runs). */
export function compact(s: string): string {
  for (let i = 0; i < s.length; i++) if (isSpace(s.charCodeAt(i))) return s.replace(/\s+/g, '');
  return s;
}

/** A label without its leading numbering ("1.", "1、", "（一）", "一、", "(3)"). */
export function stripNumbering(label: string): string {
  return label.replace(/^(?:\(?[一二三四五六七八九十]+\)?[、.]?|\(\d+\)|\d+[.、])/, '');
}

export type Marker = 'blank' | 'slash' | 'dash' | 'text';

export interface ParsedValue {
  value: number | null;
  marker?: Marker;
  /** Unit printed in the cell (元, 万元, 件 …). */
  unit?: string;
  /** Why the printed form needed interpretation, when it did (CELL_NORMALISED). */
  normalised?: string;
  /** The printed number as a decimal string, before any unit conversion. */
  digits?: string;
}

const DASHES = /^[-－—–―─~～]+$/;
const SLASHES = /^[/／\\、]+$/;
const NONE = /^(空|无|暂无|N\/?A|n\/?a|null|—+)$/;

/**
 * Parses one printed cell: signs and 增/减 prefixes, thousands separators, full-width digits,
 * units (`money` converts 元 to 万元). Never turns a blank into 0. Whether a negative or
 * fractional value is allowed is the rules' business, not the parser's.
 */
export function parseValue(raw: string, opts: { money?: boolean } = {}): ParsedValue {
  // most cells are plain integers ("0", "17"): nothing to interpret
  if (isPlainInteger(raw)) return { value: Number(raw), digits: raw };
  const trimmed = raw.trim();
  if (trimmed !== raw && isPlainInteger(trimmed)) return { value: Number(trimmed), digits: trimmed };
  // a label: starts with an ideograph that begins no number, sign or blank word (空, 无, 暂无, 增, 减)
  if (startsWithWord(raw)) return { value: null, marker: 'text' };
  const t = raw.replace(/[\s\u00a0\u3000]+/g, '');
  if (!t) return { value: null, marker: 'blank' };
  if (DASHES.test(t) && !/\d/.test(t)) return { value: null, marker: 'dash' };
  if (SLASHES.test(t)) return { value: null, marker: 'slash' };
  if (NONE.test(t)) return { value: null, marker: 'text' };
  const n = t.normalize('NFKC');
  const reasons: string[] = [];
  if (n !== t) reasons.push('full-width characters');
  const m = /^(增加?|减少?|\+|-|−)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万元|元|件|条|个|项|次|人|%)?$/.exec(n);
  if (!m) return { value: null, marker: 'text' };
  const [, sign, intPart, frac, unit] = m;
  if (intPart.includes(',')) reasons.push('thousands separators');
  let digits = intPart.replace(/,/g, '') + (frac ? `.${frac}` : '');
  let negative = false;
  if (sign) {
    if (sign.startsWith('增')) reasons.push(`"${sign}" read as +`);
    else if (sign.startsWith('减')) {
      reasons.push(`"${sign}" read as −`);
      negative = true;
    } else if (sign === '-' || sign === '−') negative = true;
  }
  const out: ParsedValue = { value: 0 };
  if (unit) {
    out.unit = unit;
    if (unit === '元' && opts.money) {
      digits = shiftDecimal(digits, -4);
      reasons.push('元 converted to 万元');
    } else reasons.push(`unit ${unit} removed`);
  }
  out.digits = digits;
  out.value = (negative ? -1 : 1) * Number(digits);
  if (Object.is(out.value, -0)) out.value = 0;
  if (reasons.length) out.normalised = reasons.join(', ');
  return out;
}

const NOT_WORDS = new Set(['增', '减', '空', '无', '暂']);
function startsWithWord(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) continue;
    return c >= 0x4e00 && c <= 0x9fff && !NOT_WORDS.has(s[i]);
  }
  return false;
}

function isPlainInteger(s: string): boolean {
  if (!s.length || s.length > 15) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Moves the decimal point of a decimal string (exact, no floating-point drift). */
export function shiftDecimal(digits: string, places: number): string {
  let [int, frac = ''] = digits.split('.');
  if (places < 0) {
    const k = -places;
    int = int.padStart(k + 1, '0');
    frac = int.slice(int.length - k) + frac;
    int = int.slice(0, int.length - k);
  } else {
    frac = frac.padEnd(places, '0');
    int += frac.slice(0, places);
    frac = frac.slice(places);
  }
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** True when the text contains at least one CJK ideograph. */
export const hasCjk = (s: string) => /[\u3400-\u9fff\uf900-\ufaff]/.test(s);
