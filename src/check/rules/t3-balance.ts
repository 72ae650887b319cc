import { TABLE3_COLUMN_KEYS } from '../../model/template.js';
import { blanks, firstLoc } from '../cells.js';
import { defineRule } from '../rule.js';
import { COL_NAME } from './t3-shared.js';

/** 一 新收 + 二 结转 = （七）总计 + 四 结转下年度. */
const ROWS = ['newReceived', 'carriedOver', 'resultsTotal', 'carriedForward'];

export default defineRule({
  meta: {
    code: 'T3_BALANCE',
    severity: 'error',
    scope: 'report',
    basis: 'FORMAT.md §D T3-BAL; printed in the table header: 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和',
    title: { zh: '表三各列：一 + 二 = （七）总计 + 四', en: 'Table 3, every column: new + carried over = handled total + carried forward' },
    explanation: {
      zh: '表三表头写明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”。对每一列（含总计列），本年新收申请数加上年结转数，必须等于本年度办理结果的（七）总计加结转下年度继续办理数。任一单元格为空时无法判断，只给出警告。',
      en: 'The header of table 3 states the rule itself: for every column (the total column included), applications received this year plus those carried over from last year must equal the applications handled this year (row （七）总计) plus those carried forward to next year. If a cell is blank the rule cannot be assessed and a warning says so.',
    },
  },
  check({ report }, emit) {
    const t3 = report.table3;
    if (!t3) return;
    const rows = ROWS.map((r) => t3[r]);
    const blankCols: string[] = [];
    for (const c of TABLE3_COLUMN_KEYS) {
      const values = rows.map((row) => row?.[c]);
      if (values.some((v) => v === undefined)) return;
      if (blanks(values)) {
        blankCols.push(COL_NAME[c]);
        continue;
      }
      const [a, b, t, f] = values as number[];
      if (a + b !== t + f) {
        const paths = ROWS.map((r) => `table3.${r}.${c}`);
        emit({
          message: `表三 ${COL_NAME[c]}列：一(${a}) + 二(${b}) = ${a + b} ≠ （七）总计(${t}) + 四(${f}) = ${t + f}`,
          paths,
          expected: a + b,
          actual: t + f,
          loc: firstLoc(report, [paths[2], paths[0]]),
        });
      }
    }
    if (blankCols.length) {
      emit({
        severity: 'warning',
        assessable: false,
        message: `表三 ${blankCols.join('、')}列有空白单元格，无法核对“第一项加第二项之和，等于第三项加第四项之和”`,
        paths: ['table3'],
        loc: firstLoc(report, ['table3.newReceived.total']),
      });
    }
  },
});
