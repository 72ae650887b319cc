import { TABLE2 } from '../../model/template.js';
import { defineRule } from '../rule.js';

/** Columns whose values may be negative (本年增/减). */
const SIGNED = new Set(
  Object.values(TABLE2)
    .flat()
    .flatMap((r) => r.columns.filter((c) => c.kind === 'signed').map((c) => `table2.${r.key}.${c.key}`)),
);
const MONEY = new Set(
  Object.values(TABLE2)
    .flat()
    .flatMap((r) => r.columns.filter((c) => c.kind === 'money').map((c) => `table2.${r.key}.${c.key}`)),
);

export default defineRule({
  meta: {
    code: 'CELL_INVALID',
    severity: 'error',
    scope: 'report',
    basis: 'FORMAT.md §D T2-NN, T3-NN, T4-NN',
    title: { zh: '单元格内容不是有效数值', en: 'A cell holds text, a negative or a fractional count' },
    explanation: {
      zh: '件数必须是非负整数，金额必须非负（可有小数），只有“本年增/减”可以为负。单元格中出现文字、负数或小数件数即为错误。',
      en: 'Counts are non-negative integers, money amounts are non-negative (decimals allowed), and only the 本年增/减 (change) column may be negative. Text, a negative or a fractional count in a numeric cell is an error.',
    },
  },
  check({ report }, emit) {
    for (const c of report.cells) {
      // most cells hold a count: nothing to look up
      if (c.value !== null && c.value >= 0 && Number.isInteger(c.value)) continue;
      if (c.path.startsWith('meta.')) continue;
      if (c.inferred) continue;
      const path = c.path.startsWith('legacy.') ? null : c.path;
      if (c.value === null) {
        if (c.marker === 'text') emit({ message: `${c.path}：“${c.raw.trim()}”不是数字`, paths: [c.path], loc: c.loc });
        continue;
      }
      if (path && SIGNED.has(path)) continue;
      if (c.value < 0) emit({ message: `${c.path}：不应为负数（${c.raw.trim()}）`, paths: [c.path], actual: c.value, loc: c.loc });
      else if (!Number.isInteger(c.value) && !(path && MONEY.has(path)) && !/万元|元/.test(c.unit ?? '') && !c.path.startsWith('legacy.'))
        emit({ message: `${c.path}：件数不应有小数（${c.raw.trim()}）`, paths: [c.path], actual: c.value, loc: c.loc });
    }
  },
});
