/**
 * Rules whose findings come from recognition: what the reader had to interpret is recorded as a
 * note with the rule's code, and the rule publishes it with its metadata (so --rule/--disable,
 * `gongkai rules` and `explain` treat it like any other rule).
 */
import { defineRule, type Rule, type RuleMeta } from '../rule.js';

export function noteRule(meta: Omit<RuleMeta, 'scope'>): Rule {
  return defineRule({
    meta: { ...meta, scope: 'report' },
    check({ notes }, emit) {
      for (const n of notes) {
        if (n.code !== meta.code) continue;
        emit({ message: n.message, paths: n.paths, loc: n.loc, ...(n.severity ? { severity: n.severity } : {}) });
      }
    },
  });
}
