import { noteRule } from './note-rule.js';

export default noteRule({
  code: 'TABLE_RECONSTRUCTED',
  severity: 'info',
  basis: 'FORMAT.md §E.3 (extraction artefacts)',
  title: { zh: '表格数值顺序经重建', en: 'The order of a table’s values was reconstructed' },
  explanation: {
    zh: '原文（多为 PDF 按内容流导出的文本）中数值没有紧挨着行标签，或按列、按块乱序排列。gongkai 按模板顺序重建表格，并只接受表格自身的行列合计能够印证的读法；若有多种读法都符合合计，则给出警告。',
    en: 'In the source (typically text exported from a PDF in content-stream order) the values are not beside their labels, or come column by column or out of order. gongkai rebuilds the table in template order and accepts only a reading that the table’s own row and column totals confirm; when several readings fit, it warns.',
  },
});
