/**
 * The prose of a report as the prose rules read it — sections split into sentences, sentences
 * into clauses, with the figure each clause ends in — and where a statement is in the source.
 * This runs over every report: the splitting scans with plain character classes, and sentences
 * that cannot state a figure are not split further.
 */
import type { Report, Section } from '../model/report.js';
import type { SourceLines } from '../read/document.js';
import { lineIncludes } from '../read/lazy-lines.js';
import { isDigit, isSpace } from '../recognise/chars.js';
import { COMPARISON, DIGIT, mayEndInUnit, trailingFigure, UNIT_END, WIDE_DIGIT } from './narrative.js';

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

export interface Sentence {
  text: string;
  /** Clauses, for sentences that may state a figure (mayStateFigure); empty for the others. */
  clauses: string[];
  /** The figure at the end of each clause (same order), read once for all the prose rules. */
  figures: (ReturnType<typeof trailingFigure>)[];
  /** Whether the sentence compares with another period (COMPARISON); only read for sentences with clauses. */
  comparison: boolean;
}

/**
 * A unit followed by what may close a clause: a necessary condition for any clause of a sentence
 * to end in a figure (trailingFigure), also when the prose rules read a clause without the "（"
 * it ends with. The characters between are those trailingFigure allows after the unit.
 */
const UNIT_AT_CLAUSE_END = /[件条个项次篇家宗起人场期][\s。；;！!？?()（）]*(?:[，,、()（）]|$)/;
/**
 * The same in a section's text as printed, before proseOf and the split into sentences: a
 * sentence also ends at a line break or after its 。, and the line breaks and spaces proseOf
 * removes are still there.
 */
const UNIT_AT_CLAUSE_OR_LINE_END = /[件条个项次篇家宗起人场期][\s。；;！!？?()（）]*(?:[，,、()（）\n。；;！!？?]|$)/;

/**
 * Whether a text may state a figure the prose rules read. Most sentences do not: text without
 * digits, and in PDF text the table rows, which are runs of bare numbers; nor do the sections
 * around the tables, often. Full-width digits are read after NFKC normalisation, which may change
 * the characters around the unit: those texts are kept.
 */
function mayStateFigure(text: string, unitAtEnd: RegExp): boolean {
  return DIGIT.test(text) && (unitAtEnd.test(text) || WIDE_DIGIT.test(text));
}

const cache = new WeakMap<Report, { section: Section; sentences: Sentence[] }[]>();
const NO_SENTENCES: Sentence[] = [];
const NO_CLAUSES: string[] = [];
const NO_FIGURES: Sentence['figures'] = [];

/**
 * The prose of every section as sentences and clauses, computed once per report. A section that
 * cannot state a figure lists no sentences: the prose rules only read sentences with figures, and
 * the sentence after one.
 */
export function prose(report: Report): { section: Section; sentences: Sentence[] }[] {
  let out = cache.get(report);
  if (!out) {
    out = report.sections.map((section) => ({
      section,
      sentences: mayStateFigure(section.text, UNIT_AT_CLAUSE_OR_LINE_END) ? sentences(proseOf(section)).map(sentence) : NO_SENTENCES,
    }));
    cache.set(report, out);
  }
  return out;
}

function sentence(text: string): Sentence {
  if (!mayStateFigure(text, UNIT_AT_CLAUSE_END)) return { text, clauses: NO_CLAUSES, figures: NO_FIGURES, comparison: false };
  const cl = clauses(text);
  // without full-width digits a clause is read as printed, and most clauses do not end in a unit
  const wide = WIDE_DIGIT.test(text);
  const figures = cl.map((c) => (wide || mayEndInUnit(c) ? trailingFigure(c) : null));
  return { text, clauses: cl, figures, comparison: COMPARISON.test(text) };
}

/** Source lines without whitespace, compacted as locate reaches them. */
const compactLines = new WeakMap<SourceLines, (string | undefined)[]>();
/** Lines longer than this are searched rather than compacted (an HTML page can be one line of 100 000+ characters). */
const LONG_LINE = 2000;

/**
 * The location of a statement: the source line that contains its text (whitespace ignored), or
 * the section heading when the text spans lines that cannot be matched (HTML markup, wraps).
 */
export function locate(text: string, section: Section, lines: SourceLines | undefined): Section['loc'] {
  const key = text.replace(/\s+/g, '').slice(0, 12);
  if (!lines || key.length < 4 || section.loc.line === undefined) return section.loc;
  let compact = compactLines.get(lines);
  if (!compact) compactLines.set(lines, (compact = []));
  let spaced: RegExp | undefined;
  for (let i = section.loc.line - 1; i < lines.length; i++) {
    // the key has no whitespace: found as printed, it is found in the compacted line too (an HTML
    // line is searched in its bytes: a page can be one line of 100 000+ characters)
    if (lineIncludes(lines, i, key)) return { line: i + 1 };
    // only a line with whitespace and the key's first character can contain it compacted (most
    // lines of an HTML page are markup)
    if (!lineIncludes(lines, i, key[0])) continue;
    const line = lines.at(i)!;
    if (!/\s/.test(line)) continue;
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
