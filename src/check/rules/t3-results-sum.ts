import { TABLE3_COLUMN_KEYS } from '../../model/template.js';
import { blanks, firstLoc, sum } from '../cells.js';
import { defineRule } from '../rule.js';
import { COL_NAME, outcomeRows } from './t3-shared.js';

export default defineRule({
  meta: {
    code: 'T3_RESULTS_SUM',
    severity: 'error',
    scope: 'report',
    basis: 'FORMAT.md §D T3-SUM (derived from the label 总计 and the exclusivity rule of row （二）)',
    title: { zh: '表三各列：（七）总计 = （一）至（六）各项之和', en: 'Table 3, every column: handled total = sum of all outcome rows' },
    explanation: {
      zh: '“（二）部分公开”注明“区分处理的，只计这一情形，不计其他情形”，即每件申请只计入一种办理结果。因此每一列的（七）总计应等于（一）予以公开、（二）部分公开及（三）至（六）各细项之和。表格省略了细项或有空白单元格时无法判断。',
      en: 'Row （二） says an application handled in parts is counted there only, so every application has exactly one outcome. In every column, row （七）总计 must therefore equal the sum of （一）, （二） and all sub-rows of （三）–（六）. Abbreviated tables or blank cells make the rule not assessable.',
    },
  },
  check({ report }, emit) {
    const t3 = report.table3;
    if (!t3) return;
    const rows = outcomeRows(report);
    const outcomes = rows.map((r) => t3[r]);
    const notAssessable: string[] = [];
    for (const c of TABLE3_COLUMN_KEYS) {
      const total = t3.resultsTotal?.[c];
      if (total === undefined) return;
      const values = outcomes.map((o) => o?.[c]);
      if (total === null || blanks(values)) {
        notAssessable.push(COL_NAME[c]);
        continue;
      }
      const s = sum(values as number[]);
      if (s !== total) {
        const totalPath = `table3.resultsTotal.${c}`;
        const parts = rows.map((r) => `table3.${r}.${c}`);
        emit({
          message: `表三 ${COL_NAME[c]}列：（七）总计为 ${total}，但（一）至（六）各项之和为 ${s}`,
          paths: [totalPath, ...parts],
          expected: s,
          actual: total,
          loc: firstLoc(report, [totalPath]),
        });
      }
    }
    if (notAssessable.length) {
      emit({
        severity: 'warning',
        assessable: false,
        message: `表三 ${notAssessable.join('、')}列有空白单元格，无法核对（七）总计`,
        paths: ['table3.resultsTotal'],
        loc: firstLoc(report, ['table3.resultsTotal.total']),
      });
    }
  },
});
