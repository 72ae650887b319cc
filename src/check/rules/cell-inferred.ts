import { noteRule } from './note-rule.js';

export default noteRule({
  code: 'CELL_INFERRED',
  severity: 'info',
  basis: 'FORMAT.md §E.3 (拆格, glued digits)',
  title: { zh: '数值由推断得出', en: 'A value was inferred, not read directly' },
  explanation: {
    zh: '原文的单元格边界丢失（例如网页抓取把“23 | 0 | 0”粘成“2300”），gongkai 依据表格自身的合计拆分数字；只有当合计只允许一种拆法时才采用，并在 cells[].inferred 中注明。',
    en: 'The cell boundaries were lost in the source (a crawler turned “23 | 0 | 0” into “2300”). gongkai split the digits using the table’s own totals and only where the totals allow exactly one split; cells[].inferred says so.',
  },
});
