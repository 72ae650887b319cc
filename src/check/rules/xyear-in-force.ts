import { locOf } from '../cells.js';
import { defineRule } from '../rule.js';

const ROWS = [
  ['regulations', '规章'],
  ['normativeDocuments', '行政规范性文件'],
] as const;

export default defineRule({
  meta: {
    code: 'XYEAR_IN_FORCE',
    severity: 'warning',
    scope: 'corpus',
    generations: ['2021'],
    basis: 'FORMAT.md §D X-VALID (heuristic); MODEL.md §3',
    title: { zh: '现行有效件数与上年数加减本年制发、废止不符', en: 'Documents in force ≠ last year’s + issued − repealed' },
    explanation: {
      zh: '表二第二十条第（一）项：本年现行有效件数通常等于同一机关上一年度报告的现行有效件数，加本年制发件数，减本年废止件数（规章、行政规范性文件分别核对）。仅比较两年都使用 2021 年格式的报告。文件失效、修改、集中清理或统计时点不同都可能导致差异，因此只作警告。',
      en: 'Table 2, item (1): the number in force normally equals the same body’s previous-year number in force plus this year’s issued minus repealed (regulations and normative documents separately). Only reports that both use the 2021 format are compared. Expiry, amendment, clean-ups or different counting dates can explain a difference, so this is a warning.',
    },
  },
  check({ report, previous, previousRef }, emit) {
    const now = report.table2;
    const before = previous?.table2;
    if (!previous || !now || !before || previous.meta.template !== '2021') return;
    for (const [key, name] of ROWS) {
      const r = now[key];
      const last = before[key]?.inForce;
      if (!r || r.inForce == null || r.issued == null || r.repealed == null || last == null) continue;
      const expected = last + r.issued - r.repealed;
      if (expected === r.inForce) continue;
      const path = `table2.${key}.inForce`;
      emit({
        message: `表二 ${name}：现行有效 ${r.inForce}，而上年（${previous.meta.year} 年度）现行有效 ${last} + 本年制发 ${r.issued} − 本年废止 ${r.repealed} = ${expected}`,
        paths: [path, `table2.${key}.issued`, `table2.${key}.repealed`],
        expected,
        actual: r.inForce,
        loc: locOf(report, path),
        related: previousRef && { report: previousRef, detail: { path, value: last } },
      });
    }
  },
});
