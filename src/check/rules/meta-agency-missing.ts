import { locOf } from '../cells.js';
import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    code: 'META_AGENCY_MISSING',
    severity: 'warning',
    scope: 'report',
    basis: '条例第四十九条 (each body reports for itself)',
    title: { zh: '报告未写明报告机关', en: 'The report does not name the body it reports for' },
    explanation: {
      zh: '标题、开头或落款都没有写出具体的机关名称（例如只写“卫健委”而无地名）。无法确定报告主体，也无法与其他年度对照。',
      en: 'Neither the title, the opening nor the signature names a specific body (e.g. only “卫健委” without a place). The reporting body cannot be identified or compared across years.',
    },
  },
  check({ report }, emit) {
    if (!report.meta.agency) emit({ message: `报告未写明具体的报告机关${report.meta.title ? `（标题：${report.meta.title}）` : ''}`, paths: ['meta.agency'], loc: locOf(report, 'meta.title') });
  },
});
