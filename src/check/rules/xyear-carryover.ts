import { TABLE3_COLUMN_KEYS } from '../../model/template.js';
import { locOf } from '../cells.js';
import { defineRule } from '../rule.js';
import { COL_NAME } from './t3-shared.js';

export default defineRule({
  meta: {
    code: 'XYEAR_CARRYOVER',
    // a warning, as FORMAT.md §D suggests: reorganisations and late corrections break it legitimately
    severity: 'warning',
    scope: 'corpus',
    generations: ['2019', '2021'],
    basis: 'FORMAT.md §D X-CARRY (by definition of 结转); MODEL.md §3',
    title: { zh: '上年结转数与上年报告的结转下年度数不一致', en: 'Carried over from last year differs from last year’s carried forward' },
    explanation: {
      zh: '本年表三“二、上年结转政府信息公开申请数量”应等于同一机关上一年度报告表三“四、结转下年度继续办理”，逐列核对（至少总计列）。需要语料库中有同一机关上一年度的报告。机构改革、上年数据更正等情况可能导致不一致，请核实。',
      en: 'This year’s table 3 row “carried over from last year” must equal the same body’s previous-year row “carried forward to next year”, column by column (at least the total). Needs the same body’s previous report in the corpus. Reorganisations and late corrections can explain a difference; check which figure is right.',
    },
  },
  check({ report, previous, previousRef }, emit) {
    const now = report.table3?.carriedOver;
    const before = previous?.table3?.carriedForward;
    if (!previous || !now || !before) return;
    for (const c of TABLE3_COLUMN_KEYS) {
      const a = now[c];
      const b = before[c];
      // a blank on either side cannot be compared (CELL_BLANK says so in its own report)
      if (a === null || a === undefined || b === null || b === undefined || a === b) continue;
      const path = `table3.carriedOver.${c}`;
      emit({
        message: `表三 ${COL_NAME[c]}列：二、上年结转 ${a}，而 ${previous.meta.year} 年度报告 四、结转下年度继续办理 为 ${b}`,
        paths: [path],
        expected: b,
        actual: a,
        loc: locOf(report, path),
        related: previousRef && { report: previousRef, detail: { path: `table3.carriedForward.${c}`, value: b, loc: locOf(previous, `table3.carriedForward.${c}`) } },
      });
    }
  },
});
