/**
 * What a rule is (after ESLint's rules): metadata — code, default severity, the template
 * generations it applies to, an explanation in Chinese and English — and a function from a
 * report to findings. Every finding names its cells, its figures and its place in the source.
 */
import type { Finding, Loc, Report, Severity } from '../model/report.js';
import type { Generation } from '../model/template.js';
import type { SourceLines } from '../read/document.js';
import type { Note } from '../recognise/context.js';

export interface RuleMeta {
  code: string;
  severity: Severity;
  /** The template generations the rule applies to; omitted = all. */
  generations?: Generation[];
  /** 'report' rules see one report; 'corpus' rules need other reports (previous year, other bodies). */
  scope: 'report' | 'corpus';
  title: { zh: string; en: string };
  explanation: { zh: string; en: string };
  /** Where the rule comes from (FORMAT.md §D id, the 条例 article, a local assessment rule). */
  basis: string;
}

export interface RuleContext {
  report: Report;
  /** What recognition had to interpret (labels placed by position, digits split …). */
  notes: Note[];
  /** The source as lines, for the excerpt under a diagnostic. */
  lines?: SourceLines;
  /** Corpus rules: the same body's report of the previous statistics year, when the corpus has it. */
  previous?: Report;
  /** Corpus rules: the store's reference to `previous` (for findings that name it). */
  previousRef?: ReportRef;
  /** Corpus rules: prose this report shares with last year's report and with other bodies' reports. */
  textMatches?: TextMatch[];
}

/** Another report in the corpus, as a corpus finding names it. */
export interface ReportRef {
  /** Its id in the corpus store. */
  id: number;
  path: string;
  agency: string | null;
  year: number | null;
}

/** How much of this report's prose is found word for word (numbers, dates, names masked) in another report. */
export interface TextMatch {
  relation: 'previous-year' | 'other-body';
  other: ReportRef;
  /** Share of this report's prose (by length) that the other report also has, 0–1. */
  share: number;
  /** MinHash estimate of the two texts' 5-gram Jaccard similarity, 0–1. */
  similarity: number;
  /** Where: the shares of this report's sections. */
  sections: { key: string; heading: string; share: number; loc?: Loc }[];
  /** A few of the shared passages, as this report prints them. */
  examples: string[];
}

export type FindingInput = Omit<Finding, 'code' | 'severity'> & {
  severity?: Severity;
  loc?: Loc;
  /** Corpus rules: the other report the finding is about, and what was measured (kept with the finding in the store). */
  related?: { report: ReportRef; detail?: unknown };
};

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext, report: (f: FindingInput) => void): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
