import { noteRule } from './note-rule.js';

export default noteRule({
  code: 'CELL_AMBIGUOUS',
  severity: 'warning',
  basis: 'FORMAT.md §E.3',
  title: { zh: '粘连数字无法唯一拆分', en: 'Glued digits cannot be split unambiguously' },
  explanation: {
    zh: '一行的数字粘连在一起，表格的合计允许多种拆法（或一种也不允许）。gongkai 不做猜测，相关单元格留空（null）。请查阅原始表格。',
    en: 'A row’s digits run together and the table’s totals allow several splits (or none). gongkai does not guess: the cells are left null. Consult the original table.',
  },
});
