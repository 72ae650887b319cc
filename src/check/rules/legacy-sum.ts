import { LEGACY_INDICATORS, LEGACY_SUMS } from '../../model/template.js';
import type { Report } from '../../model/report.js';
import { locOf, near, sum } from '../cells.js';
import { defineRule } from '../rule.js';

const NAME: Record<string, string> = Object.fromEntries(LEGACY_INDICATORS.map((d) => [d.key, d.label]));

/** Items the report prints under a total that the template has no key for (电子邮件申请数 …). */
function extrasUnder(report: Report, total: string): { label: string; value: number | null }[] {
  return (report.legacy?.extra ?? []).filter((e) => e.parent === total).map((e) => ({ label: e.label, value: e.value }));
}

export default defineRule({
  meta: {
    code: 'LEGACY_SUM',
    severity: 'warning',
    scope: 'report',
    basis: 'FORMAT.md §D OLD-CH, OLD-DONE, OLD-ANS, OLD-LIT, OLD-STAFF, OLD-SUB',
    title: { zh: '2019 年以前统计表：合计与分项一致', en: 'Pre-2019 statistics table: totals agree with their parts' },
    explanation: {
      zh: '《政府信息公开情况统计表》（国办发〔2014〕32号）中，收到申请数应等于各渠道申请数之和，申请办结数等于按时与延期办结数之和，申请答复数等于各类答复数之和，行政复议、行政诉讼数量等于其结果之和，工作人员数等于专职与兼职之和；“其中”项不大于其上级项。报告所列而模板未列的分项（如“电子邮件申请数”）一并计入。因各地表式不一，只给出警告。',
      en: 'In the 2014 statistics table, applications received equal the sum of the channels, closed equal on time + extended, answers equal the sum of answer types, reconsideration and litigation counts equal their outcomes, staff equal full-time + part-time, and every “of which” item is at most its parent. Items the report prints under a total but the template does not list (e.g. e-mail applications) are counted too. Local tables differ, so this only warns.',
    },
  },
  check({ report }, emit) {
    const ind = report.legacy?.indicators;
    if (!ind) return;
    for (const s of LEGACY_SUMS) {
      const total = ind[s.total];
      if (total === undefined || total === null) continue;
      const printed = s.parts.filter((p) => p in ind);
      if (!printed.length) continue;
      const extras = s.mode === 'sum' ? extrasUnder(report, s.total) : [];
      const values = [...printed.map((p) => ind[p]), ...extras.map((e) => e.value)];
      if (values.some((v) => v === null)) continue;
      const nums = values as number[];
      const totalPath = `legacy.indicators.${s.total}`;
      if (s.mode === 'each') {
        printed.forEach((p, i) => {
          if (nums[i] > total) emit({ message: `统计表：${NAME[p]}(${nums[i]}) 大于 ${NAME[s.total]}(${total})`, paths: [totalPath, `legacy.indicators.${p}`], expected: total, actual: nums[i], loc: locOf(report, totalPath) });
        });
        continue;
      }
      const partial = printed.length < s.parts.length && s.mode === 'sum';
      const total2 = sum(nums);
      const wrong = s.mode === 'atLeast' || partial ? total2 > total && !near(total2, total) : !near(total2, total);
      if (wrong) {
        const names = [...printed.map((p) => NAME[p]), ...extras.map((e) => e.label)];
        emit({
          message: `统计表：${NAME[s.total]}为 ${total}，但${names.join('、')}之和为 ${total2}`,
          paths: [totalPath, ...printed.map((p) => `legacy.indicators.${p}`)],
          expected: total2,
          actual: total,
          loc: locOf(report, totalPath),
        });
      }
    }
  },
});
