/**
 * Runs the rule catalogue over a report. Rules never see each other; the engine fills in what
 * every finding needs (code, default severity, the source line) so rules only say what is wrong.
 */
import type { Finding, Severity } from '../model/report.js';
import { lineExcerpt } from './excerpt.js';
import { RULES } from './rules/index.js';
import type { FindingInput, Rule, RuleContext } from './rule.js';

export interface RuleSelection {
  /** Run only these codes. */
  only?: string[];
  /** Skip these codes. */
  disable?: string[];
  /** Drop findings below this severity. */
  minSeverity?: Severity;
}

const RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };
export const severityRank = (s: Severity) => RANK[s];

export function selectRules(selection: RuleSelection = {}, scope: 'report' | 'corpus' = 'report'): Rule[] {
  return RULES.filter(
    (r) =>
      r.meta.scope === scope &&
      (!selection.only?.length || selection.only.includes(r.meta.code)) &&
      !selection.disable?.includes(r.meta.code),
  );
}

export function findRule(code: string): Rule | undefined {
  return RULES.find((r) => r.meta.code === code.toUpperCase());
}

export function runRules(ctx: RuleContext, selection: RuleSelection = {}): Finding[] {
  const findings: Finding[] = [];
  const template = ctx.report.meta.template;
  // findings often share a line (every digit split of a glued table row points at it)
  const excerpts = new Map<number, string | null>();
  for (const rule of selectRules(selection)) {
    if (rule.meta.generations && !rule.meta.generations.includes(template)) continue;
    rule.check(ctx, (f) => {
      const finding: Finding = { code: rule.meta.code, severity: f.severity ?? rule.meta.severity, ...withoutSeverity(f) };
      const line = finding.loc?.line;
      if (!finding.excerpt && line) {
        let text = excerpts.get(line);
        if (text === undefined) {
          // the line as a reader sees it: HTML markup is not the text
          excerpts.set(line, (text = ctx.lines ? lineExcerpt(ctx.lines, line - 1, 400) : null));
        }
        if (text) finding.excerpt = text;
      }
      findings.push(finding);
    });
  }
  const min = selection.minSeverity ? RANK[selection.minSeverity] : 0;
  return findings.filter((f) => RANK[f.severity] >= min).sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}

function withoutSeverity<T extends { severity?: Severity }>(f: T): Omit<T, 'severity'> {
  const { severity: _s, ...rest } = f;
  return rest;
}

/** A corpus finding with the other report it is about. */
export interface CorpusFinding {
  finding: Finding;
  related?: FindingInput['related'];
}

/**
 * Runs the cross-report rules (scope 'corpus') for one report. The context carries what they
 * compare with: `previous` (the same body's report of the year before) and `textMatches`.
 */
export function runCorpusRules(ctx: RuleContext, selection: RuleSelection = {}): CorpusFinding[] {
  const out: CorpusFinding[] = [];
  const template = ctx.report.meta.template;
  for (const rule of selectRules(selection, 'corpus')) {
    if (rule.meta.generations && !rule.meta.generations.includes(template)) continue;
    rule.check(ctx, (f) => {
      const { related, ...rest } = f;
      out.push({ finding: { code: rule.meta.code, severity: f.severity ?? rule.meta.severity, ...withoutSeverity(rest) }, related });
    });
  }
  const min = selection.minSeverity ? RANK[selection.minSeverity] : 0;
  return out.filter((f) => RANK[f.finding.severity] >= min).sort((a, b) => RANK[b.finding.severity] - RANK[a.finding.severity]);
}
