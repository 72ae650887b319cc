/**
 * Figures stated in the prose (split into sentences and clauses by ./prose.ts): a figure is
 * "N + unit" at a clause's end or after a keyword. Approximate figures (余, 多, 约, 近, 以上) and
 * comparisons (较上年, 同比, 增长) are not statements of a table figure and are skipped.
 */
import type { Report, Section } from '../model/report.js';
import { charCodes, isSpace } from '../recognise/chars.js';

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

/** The last character of each unit of UNIT (人次 ends in 次). */
export const UNIT_END = charCodes('件条个项次篇家宗起人场期');
export const DIGIT = /[0-9０-９]/;
/** Full-width digits: a clause with them is read after NFKC normalisation. */
export const WIDE_DIGIT = /[０-９]/;

/** Characters after a figure's unit that trailingFigure's patterns allow (or strip). */
const AFTER_UNIT = charCodes('。；;！!？?)）');

/**
 * Whether text can end in a unit: a necessary condition for a trailing figure of text without
 * full-width digits (or after NFKC), checked before the end-anchored pattern, which the regex
 * engine would try at every digit of the clause.
 */
export function mayEndInUnit(text: string): boolean {
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
