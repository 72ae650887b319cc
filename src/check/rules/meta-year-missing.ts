import { locOf } from '../cells.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    code: 'META_YEAR_MISSING',
    severity: 'warning',
    scope: 'report',
    basis: '条例第四十九条 (the report covers the previous year)',
    title: { zh: '无法确定报告统计年度', en: 'The statistics year cannot be determined' },
    explanation: {
      zh: '标题和正文（如“统计期限自…年1月1日至…年12月31日”）都没有写明报告所属年度。没有年度，就无法判断适用的格式和发布期限。',
      en: 'Neither the title nor the text (e.g. “统计期限自…年1月1日至…年12月31日”) states the year the report covers, so the applicable format and deadline cannot be decided.',
    },
  },
  check({ report }, emit) {
    if (report.meta.year === null) emit({ message: '无法确定报告的统计年度', paths: ['meta.year'], loc: locOf(report, 'meta.title') });
  },
});
