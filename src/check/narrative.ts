/**
 * Figures stated in the prose. Sentences are split into clauses (at commas), and a figure is
 * "N + unit" at a clause's end or after a keyword. Approximate figures (余, 多, 约, 近, 以上) and
 * comparisons (较上年, 同比, 增长) are not statements of a table figure and are skipped.
 */
import type { Report, Section } from '../model/report.js';
import { charCodes, isDigit, isSpace } from './chars.js';

export interface Figure {
  value: number;
  unit: string;
  /** The clause the figure ends. */
  clause: string;
  sentence: string;
  section: Section;
  approximate: boolean;
}

export const UNIT = '(件|条|个|项|次|篇|家|宗|起|人次|人|场|期)';
const APPROX_AFTER = /^(余|多|左右|以上)/;
const APPROX_BEFORE = /(约|近|超过|逾|大约|将近)$/;
export const COMPARISON = /较上年|同比|环比|比上年|增长|下降|减少了|增加了|上升|提高了|降低了/;

/**
 * A soft line break with the spaces around it. The lookbehind lets a match start only where a run
 * of spaces starts — where the leftmost match starts anyway — so the regex engine does not try
 * every position of a run (layout text pads its lines with long runs: k² steps for k spaces).
 */
const SOFT_BREAK = /(?<![ \t])[ \t]*\n\s*(?=[^\n（(一二三四五六七八九十\d])/g;

/** Prose text with soft line breaks removed (pdftotext wraps mid-sentence). */
export function proseOf(section: Section): string {
  return section.text.replace(SOFT_BREAK, '').replace(/[ \t\u3000]+/g, ' ');
}

/**
 * Sentences: the text split after 。；;！!？? and at line breaks, trimmed, empty ones dropped.
 * The breaks are found with a plain character class: text.split(/(?<=[。；;！!？?])|\n/) tries
 * its lookbehind at every position.
 */
export function sentences(text: string): string[] {
  const out: string[] = [];
  const breaks = /[。；;！!？?\n]/g;
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    push(out, text.slice(start, m[0] === '\n' ? m.index : m.index + 1));
    start = m.index + 1;
  }
  push(out, text.slice(start));
  return out;
}

function push(out: string[], piece: string) {
  const t = piece.trim();
  if (t) out.push(t);
}

/** The last character of each unit of UNIT (人次 ends in 次). */
const UNIT_END = charCodes('件条个项次篇家宗起人场期');
const CI = 0x6b21; // 次
const REN = 0x4eba; // 人

/** Whether s[..at) ends in a figure with its unit, "21件" or "3 人次" (at is a "、"). */
function figureBefore(s: string, at: number): boolean {
  const unitEnd = s.charCodeAt(at - 1);
  if (!UNIT_END.has(unitEnd)) return false;
  if (digitBefore(s, at - 1)) return true;
  return unitEnd === CI && s.charCodeAt(at - 2) === REN && digitBefore(s, at - 2);
}

/** Whether s[..at) is a digit followed by whitespace only. */
function digitBefore(s: string, at: number): boolean {
  let j = at - 1;
  while (j >= 0 && isSpace(s.charCodeAt(j))) j--;
  return j >= 0 && isDigit(s.charCodeAt(j));
}

/**
 * Clauses: split at commas, after a closing parenthesis that is not followed by punctuation, and
 * at a "、" that ends a figure ("行政处罚21家、行政许可782家" lists two statements). Splits exactly
 * where sentence.split(/[，,]|(?<=[)）])(?=[^，,。；;、)）])|(?<=\d\s*(?:件|条|…))、/) does, but
 * finds the candidates with a plain character class: that regex tries its lookbehinds at every
 * position.
 */
export function clauses(sentence: string): string[] {
  const out: string[] = [];
  const marks = /[，,、]|[)）](?=[^，,。；;、)）])/g;
  let start = 0;
  for (let m = marks.exec(sentence); m; m = marks.exec(sentence)) {
    const at = m.index;
    const mark = m[0];
    if (mark === ')' || mark === '）') {
      // the clause ends with the parenthesis, the next one starts right after it
      push(out, sentence.slice(start, at + 1));
      start = at + 1;
    } else if (mark !== '、' || figureBefore(sentence, at)) {
      push(out, sentence.slice(start, at));
      start = at + 1;
    }
  }
  push(out, sentence.slice(start));
  return out;
}

/** Characters after a figure's unit that trailingFigure's patterns allow (or strip). */
const AFTER_UNIT = charCodes('。；;！!？?)）');

/**
 * Whether text can end in a unit: a necessary condition for a trailing figure, checked before the
 * end-anchored pattern, which the regex engine would try at every digit of the clause.
 */
function mayEndInUnit(text: string): boolean {
  let j = text.length - 1;
  while (j >= 0 && (AFTER_UNIT.has(text.charCodeAt(j)) || isSpace(text.charCodeAt(j)))) j--;
  return j >= 0 && UNIT_END.has(text.charCodeAt(j));
}

const FIGURE_AT_END = new Map<string, RegExp>();
function figureAtEnd(unit: string): RegExp {
  let re = FIGURE_AT_END.get(unit);
  if (!re) FIGURE_AT_END.set(unit, (re = new RegExp(`(\\d[\\d,]*(?:\\.\\d+)?)\\s*(余|多)?\\s*${unit}\\s*[)）]?\\s*$`)));
  return re;
}

/** The number written at the end of a clause ("…申请 21 件"), if any. */
export function trailingFigure(clause: string, unit?: string): { value: number; unit: string; approximate: boolean; label: string } | null {
  if (!DIGIT.test(clause)) return null;
  const normal = WIDE_DIGIT.test(clause) ? clause.normalize('NFKC') : clause;
  if (!mayEndInUnit(normal)) return null;
  const text = normal.replace(/[。；;！!？?]+\s*$/, '');
  const m = figureAtEnd(unit ? `(${unit})` : UNIT).exec(text);
  if (!m) return null;
  const before = text.slice(0, m.index).trimEnd();
  return {
    value: Number(m[1].replace(/,/g, '')),
    unit: m[3],
    approximate: Boolean(m[2]) || APPROX_BEFORE.test(before),
    label: before,
  };
}

export function isApproximate(text: string, at: number, after: string): boolean {
  return APPROX_AFTER.test(after) || APPROX_BEFORE.test(text.slice(Math.max(0, at - 3), at));
}

/**
 * Scope words. In a department's report, city-wide or system-wide figures are about other bodies;
 * in a government's report, figures for its office, its own level or its parts (各单位, 县直,
 * 乡镇 …) are only a share of the report's figures.
 */
const WIDER = /全市|全区|全县|全省|全旗|全州|全盟|全镇|全乡|各地|各县|各区|各乡镇|各部门|各单位|全系统|系统内|直属单位|下属单位|所属单位|全国|全行业/;
const PARTS = /本级|办公室|办公厅|政府办|本部门|各单位|各部门|各乡镇|各县|各区|[区县市]直|乡镇|街道|直属|下属|所属/;

export function differentScope(text: string, report: Report): boolean {
  if (report.meta.bodyType === 'department') return WIDER.test(text);
  if (report.meta.bodyType === 'government') return PARTS.test(text);
  return WIDER.test(text) || PARTS.test(text);
}

export interface Sentence {
  text: string;
  /** Clauses, for sentences that may state a figure (see mayStateFigure); empty for the others. */
  clauses: string[];
  /** The figure at the end of each clause (same order), read once for all the prose rules. */
  figures: (ReturnType<typeof trailingFigure>)[];
  /** Whether the sentence compares with another period (COMPARISON); only read for sentences with clauses. */
  comparison: boolean;
}

const DIGIT = /[0-9０-９]/;
const WIDE_DIGIT = /[０-９]/;
/**
 * A unit followed by what may close a clause: a necessary condition for any clause of a sentence
 * to end in a figure (trailingFigure), also when the prose rules read a clause without the "（"
 * it ends with. The characters between are those trailingFigure allows after the unit.
 */
const UNIT_AT_CLAUSE_END = /[件条个项次篇家宗起人场期][\s。；;！!？?()（）]*(?:[，,、()（）]|$)/;

/**
 * Whether a sentence may state a figure the prose rules read. Most do not: text without digits,
 * and in PDF text the table rows, which are runs of bare numbers. Full-width digits are read after
 * NFKC normalisation, which may change the characters around the unit: those sentences are kept.
 */
function mayStateFigure(text: string): boolean {
  return DIGIT.test(text) && (UNIT_AT_CLAUSE_END.test(text) || WIDE_DIGIT.test(text));
}

const cache = new WeakMap<Report, { section: Section; sentences: Sentence[] }[]>();
const NO_CLAUSES: string[] = [];
const NO_FIGURES: Sentence['figures'] = [];

/** The prose of every section as sentences and clauses, computed once per report. */
export function prose(report: Report): { section: Section; sentences: Sentence[] }[] {
  let out = cache.get(report);
  if (!out) {
    out = report.sections.map((section) => ({
      section,
      sentences: sentences(proseOf(section)).map((text): Sentence => {
        if (!mayStateFigure(text)) return { text, clauses: NO_CLAUSES, figures: NO_FIGURES, comparison: false };
        const cl = clauses(text);
        return { text, clauses: cl, figures: cl.map((c) => trailingFigure(c)), comparison: COMPARISON.test(text) };
      }),
    }));
    cache.set(report, out);
  }
  return out;
}

/** Source lines without whitespace, compacted as locate reaches them. */
const compactLines = new WeakMap<string[], (string | undefined)[]>();
/** Lines longer than this are searched rather than compacted (an HTML page can be one line of 100 000+ characters). */
const LONG_LINE = 2000;

/**
 * The location of a statement: the source line that contains its text (whitespace ignored), or
 * the section heading when the text spans lines that cannot be matched (HTML markup, wraps).
 */
export function locate(text: string, section: Section, lines: string[] | undefined): Section['loc'] {
  const key = text.replace(/\s+/g, '').slice(0, 12);
  if (!lines || key.length < 4 || section.loc.line === undefined) return section.loc;
  let compact = compactLines.get(lines);
  if (!compact) compactLines.set(lines, (compact = []));
  let spaced: RegExp | undefined;
  for (let i = section.loc.line - 1; i < lines.length; i++) {
    const line = lines[i];
    // the key has no whitespace: found as printed, it is found in the compacted line too
    if (line.includes(key)) return { line: i + 1 };
    // only a line with whitespace and the key's first character can contain it compacted (most
    // lines of an HTML page are markup)
    if (!line.includes(key[0]) || !/\s/.test(line)) continue;
    const found =
      line.length > LONG_LINE
        ? // the key with any whitespace between its characters
          (spaced ??= new RegExp(key.split('').map(escapeRegExp).join('\\s*'))).test(line)
        : (compact[i] ??= line.replace(/\s+/g, '')).includes(key);
    if (found) return { line: i + 1 };
  }
  return section.loc;
}

const escapeRegExp = (c: string) => c.replace(/[\\^$.*+?()[\]{}|\/-]/g, '\\$&');
