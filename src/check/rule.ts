/**
 * What a rule is (after ESLint's rules): metadata — code, default severity, the template
 * generations it applies to, an explanation in Chinese and English — and a function from a
 * report to findings. Every finding names its cells, its figures and its place in the source.
 */
import type { Finding, Loc, Report, Severity } from '../model/report.js';
import type { Generation } from '../model/template.js';
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
  lines?: string[];
}

export type FindingInput = Omit<Finding, 'code' | 'severity'> & { severity?: Severity; loc?: Loc };

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext, report: (f: FindingInput) => void): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
