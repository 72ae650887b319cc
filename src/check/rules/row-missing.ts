import { noteRule } from './note-rule.js';

export default noteRule({
  code: 'ROW_MISSING',
  severity: 'warning',
  basis: 'FORMAT.md §E.1 (abbreviated tables)',
  title: { zh: '表格缺少模板规定的行', en: 'A table omits a row of the template' },
  explanation: {
    zh: '表格没有印出模板规定的某一行（部分报告只列出主要行）。缺少的行在模型中为空值，依赖它的核对规则无法判断。',
    en: 'The table does not print a row the template has (some reports abbreviate the table). The row is null in the model and the rules that need it report that they cannot be assessed.',
  },
});
