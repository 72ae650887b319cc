import { locOf } from '../cells.js';
import { defineRule } from '../rule.js';
import { eraOf, olderThan } from './era.js';

const NAME: Record<string, string> = { legacy: '2019 年以前的统计表', '2019': '2019 年试行格式（国办公开办函〔2019〕60号）', '2021': '2021 年格式（国办公开办函〔2021〕30号）' };

export default defineRule({
  meta: {
    code: 'TEMPLATE_OUTDATED',
    severity: 'error',
    scope: 'report',
    basis: '国办公开办函〔2019〕60号; 国办公开办函〔2021〕30号; FORMAT.md §1 (format era by report year)',
    title: { zh: '使用了已过时的报告格式', en: 'The tables follow a format older than the one in force' },
    explanation: {
      zh: '2019、2020 年度报告应采用 2019 年试行格式，2021 年度起应采用 2021 年格式（表二为“本年制发件数、本年废止件数、现行有效件数”，表三“（六）其他处理”分三项）。2019 年度“鼓励按照统一格式发布”，仍用旧统计表只给出警告。表二已是新格式而表三仍印旧的单行“（六）其他处理”时，给出警告。',
      en: 'Reports for 2019–2020 should follow the 2019 trial format and reports from 2021 the 2021 format (table 2 with issued/repealed/in force, table 3 with three （六） sub-rows). For 2019 the notice only encouraged the new format, so the old table is a warning. A 2021 table 2 with the old single （六）其他处理 row in table 3 is also a warning.',
    },
  },
  check({ report }, emit) {
    const { year, template } = report.meta;
    if (year === null) return;
    const era = eraOf(year);
    if (olderThan(template, era)) {
      emit({
        severity: year === 2019 ? 'warning' : 'error',
        message: `${year} 年度报告应采用${NAME[era]}，但表格采用的是${NAME[template]}`,
        paths: ['meta.template'],
        loc: locOf(report, 'meta.title'),
      });
    } else if (era === '2021' && template === '2021' && report.table3 && 'otherHandling' in report.table3) {
      emit({
        severity: 'warning',
        message: `${year} 年度报告的表三仍使用 2019 年试行格式的单行“（六）其他处理”，2021 年格式应分为三项`,
        paths: ['table3.otherHandling'],
      });
    }
  },
});
