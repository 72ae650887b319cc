import { TABLE2 } from '../../model/template.js';
import { locOf } from '../cells.js';
import { defineRule } from '../rule.js';

/** The 2019 rows that count items (上一年项目数量, 本年增/减). */
const ITEM_ROWS = TABLE2['2019'].filter((r) => r.columns.some((c) => c.key === 'previousItems'));

export default defineRule({
  meta: {
    code: 'XYEAR_ITEMS',
    severity: 'warning',
    scope: 'corpus',
    generations: ['2019'],
    basis: 'FORMAT.md §D T2-2019-ITEMS',
    title: { zh: '上一年项目数量与上年报告不衔接', en: 'Last year’s item count does not follow from last year’s report' },
    explanation: {
      zh: '2019 年试行格式表二第二十条第（五）（六）（八）项：本年“上一年项目数量”应等于同一机关上一年度报告的“上一年项目数量”加“本年增/减”。仅比较两年都使用 2019 年试行格式的报告（2019、2020 年度）。',
      en: 'Table 2 of the 2019 trial format, items (5), (6) and (8): this year’s “items last year” should equal the same body’s previous report’s “items last year” plus its “change this year”. Only reports that both use the 2019 trial format (years 2019 and 2020) are compared.',
    },
  },
  check({ report, previous, previousRef }, emit) {
    const now = report.table2;
    const before = previous?.table2;
    if (!previous || !now || !before || previous.meta.template !== '2019') return;
    for (const row of ITEM_ROWS) {
      const current = now[row.key]?.previousItems;
      const base = before[row.key]?.previousItems;
      const change = before[row.key]?.change;
      if (current == null || base == null || change == null) continue;
      const expected = base + change;
      if (expected === current) continue;
      const path = `table2.${row.key}.previousItems`;
      emit({
        message: `表二 ${row.label}：上一年项目数量 ${current}，而 ${previous.meta.year} 年度报告为 ${base}，本年增/减 ${change > 0 ? `+${change}` : change}，应为 ${expected}`,
        paths: [path],
        expected,
        actual: current,
        loc: locOf(report, path),
        related: previousRef && { report: previousRef, detail: { paths: [path, `table2.${row.key}.change`], previousItems: base, change } },
      });
    }
  },
});
