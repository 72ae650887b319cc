import { noteRule } from './note-rule.js';

export default noteRule({
  code: 'ROW_LABEL_MISSING',
  severity: 'warning',
  basis: 'FORMAT.md §E.1, §E.3 (rows placed by position)',
  title: { zh: '行标签缺失或乱码，按位置归行', en: 'A row label is missing or garbled; the row was placed by position' },
  explanation: {
    zh: '表格某行没有行标签或标签无法辨认，gongkai 依据它在表中的位置（前后行的标签）确定其所属行，并在 cells[].inferred 中注明。请核对原文。',
    en: 'A table row has no label, or one that cannot be read; gongkai placed it by its position between the rows whose labels it did recognise, and says so in cells[].inferred. Check the source.',
  },
});
