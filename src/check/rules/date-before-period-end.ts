import { locOf } from '../cells.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    code: 'DATE_BEFORE_PERIOD_END',
    severity: 'error',
    scope: 'report',
    basis: 'FORMAT.md §1 (statistics period = calendar year)',
    title: { zh: '落款日期早于统计期末', en: 'The printed date is before the end of the statistics year' },
    explanation: {
      zh: '年度报告统计的是上一年度 1月1日至12月31日的情况，落款或填表日期不可能早于统计年度的 12月31日。多为年份笔误（如 2023 年度报告落款“2023年1月9日”）。',
      en: 'The report covers 1 January–31 December of its year, so its printed date (signature or 填表日期) cannot be before 31 December of that year — usually a typo in the year (a 2023 report dated 2023-01-09).',
    },
  },
  check({ report }, emit) {
    const { year, date } = report.meta;
    if (year === null || !date) return;
    const end = `${year}-12-31`;
    if (date < end) emit({ message: `落款日期 ${date} 早于统计期末 ${end}`, paths: ['meta.date'], loc: locOf(report, 'meta.date') });
  },
});
