/**
 * Figures stated in the prose. Sentences are split into clauses (at commas), and a figure is
 * "N + unit" at a clause's end or after a keyword. Approximate figures (余, 多, 约, 近, 以上) and
 * comparisons (较上年, 同比, 增长) are not statements of a table figure and are skipped.
 */
import type { Report, Section } from '../model/report.js';

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

/** Prose text with soft line breaks removed (pdftotext wraps mid-sentence). */
export function proseOf(section: Section): string {
  return section.text.replace(/[ \t]*\n\s*(?=[^\n（(一二三四五六七八九十\d])/g, '').replace(/[ \t\u3000]+/g, ' ');
}

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[。；;！!？?])|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Clauses: split at commas, after a closing parenthesis that is not followed by punctuation, and
 * at a "、" that ends a figure ("行政处罚21家、行政许可782家" lists two statements).
 */
export function clauses(sentence: string): string[] {
  return sentence
    .split(/[，,]|(?<=[)）])(?=[^，,。；;、)）])|(?<=\d\s*(?:件|条|个|项|次|篇|家|宗|起|人次|人|场|期))、/)
    .map((c) => c.trim())
    .filter(Boolean);
}

const FIGURE_AT_END = new Map<string, RegExp>();
function figureAtEnd(unit: string): RegExp {
  let re = FIGURE_AT_END.get(unit);
  if (!re) FIGURE_AT_END.set(unit, (re = new RegExp(`(\\d[\\d,]*(?:\\.\\d+)?)\\s*(余|多)?\\s*${unit}\\s*[)）]?\\s*$`)));
  return re;
}

/** The number written at the end of a clause ("…申请 21 件"), if any. */
export function trailingFigure(clause: string, unit?: string): { value: number; unit: string; approximate: boolean; label: string } | null {
  if (!/[0-9０-９]/.test(clause)) return null;
  const text = (/[０-９]/.test(clause) ? clause.normalize('NFKC') : clause).replace(/[。；;！!？?]+\s*$/, '');
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
  /** Clauses, for sentences that state figures; empty when the sentence has no digit. */
  clauses: string[];
  /** The figure at the end of each clause (same order), read once for all the prose rules. */
  figures: (ReturnType<typeof trailingFigure>)[];
}

const cache = new WeakMap<Report, { section: Section; sentences: Sentence[] }[]>();

/** The prose of every section as sentences and clauses, computed once per report. */
export function prose(report: Report): { section: Section; sentences: Sentence[] }[] {
  let out = cache.get(report);
  if (!out) {
    out = report.sections.map((section) => ({
      section,
      sentences: sentences(proseOf(section)).map((text) => {
        const cl = /[0-9０-９]/.test(text) ? clauses(text) : [];
        return { text, clauses: cl, figures: cl.map((c) => trailingFigure(c)) };
      }),
    }));
    cache.set(report, out);
  }
  return out;
}

const compactLines = new WeakMap<string[], string[]>();

/**
 * The location of a statement: the source line that contains its text (whitespace ignored), or
 * the section heading when the text spans lines that cannot be matched (HTML markup, wraps).
 */
export function locate(text: string, section: Section, lines: string[] | undefined): Section['loc'] {
  const key = text.replace(/\s+/g, '').slice(0, 12);
  if (!lines || key.length < 4 || section.loc.line === undefined) return section.loc;
  let compact = compactLines.get(lines);
  if (!compact) compactLines.set(lines, (compact = lines.map((l) => (/\s/.test(l) ? l.replace(/\s+/g, '') : l))));
  for (let i = section.loc.line - 1; i < compact.length; i++) if (compact[i].includes(key)) return { line: i + 1 };
  return section.loc;
}
