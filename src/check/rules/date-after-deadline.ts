import { locOf } from '../cells.js';
import { defineRule } from '../rule.js';

export function deadline(year: number, bodyType: string): string | null {
  if (year < 2019) return `${year + 1}-03-31`;
  if (bodyType === 'department') return `${year + 1}-01-31`;
  if (bodyType === 'government') return `${year + 1}-03-31`;
  return null;
}

export default defineRule({
  meta: {
    code: 'DATE_AFTER_DEADLINE',
    severity: 'error',
    scope: 'report',
    basis: '条例第四十九条 (2019): departments by 1月31日, governments by 3月31日; 2008 条例: 3月31日',
    title: { zh: '落款日期晚于法定期限', en: 'The printed date is after the legal deadline' },
    explanation: {
      zh: '《政府信息公开条例》第四十九条：县级以上人民政府部门应在每年1月31日前公布上一年度报告，县级以上地方人民政府应在每年3月31日前公布。2019 年以前一律为3月31日前。乡镇、街道的期限由各地规定，不检查。',
      en: 'Article 49 of the Regulations: departments of governments at county level and above publish the previous year’s report by 31 January, local governments by 31 March. Before 2019 the deadline was 31 March for all. Townships and sub-districts have local deadlines and are not checked.',
    },
  },
  check({ report }, emit) {
    const { year, date, bodyType } = report.meta;
    if (year === null || !date) return;
    const due = deadline(year, bodyType);
    if (due && date > due) {
      emit({ message: `落款日期 ${date} 晚于法定期限 ${due}（${bodyType === 'department' ? '政府部门' : '人民政府'}）`, paths: ['meta.date'], loc: locOf(report, 'meta.date') });
    }
  },
});
