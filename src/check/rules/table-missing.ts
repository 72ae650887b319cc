import { defineRule } from '../rule.js';
import { eraOf } from './era.js';

const TABLES = [
  ['table2', '表二（主动公开政府信息情况）'],
  ['table3', '表三（收到和处理政府信息公开申请情况）'],
  ['table4', '表四（政府信息公开行政复议、行政诉讼情况）'],
] as const;

export default defineRule({
  meta: {
    code: 'TABLE_MISSING',
    severity: 'error',
    scope: 'report',
    basis: '国办公开办函〔2019〕60号, 〔2021〕30号 (tables fixed by the annex); FORMAT.md §A.2, §B',
    title: { zh: '缺少报告年度要求的统计表', en: 'A table required for the report year is absent' },
    explanation: {
      zh: '2019 年度起，年度报告须包含表二、表三、表四三张统计表。2019 年度报告“鼓励按照统一格式发布”，缺表只给出警告；2020 年度起为错误。2018 年度及以前没有全国统一表式，不检查。',
      en: 'From the 2019 report on, the annual report must contain tables 2, 3 and 4. For 2019 the national notice only encouraged the new format, so a missing table is a warning; from 2020 it is an error. Reports for 2018 and earlier had no national table format and are not checked.',
    },
  },
  check({ report }, emit) {
    const year = report.meta.year;
    if (year === null || eraOf(year) === 'legacy') return;
    for (const [key, name] of TABLES) {
      if (report[key]) continue;
      emit({ severity: year === 2019 ? 'warning' : 'error', message: `${year} 年度报告缺少${name}`, paths: [key] });
    }
  },
});
