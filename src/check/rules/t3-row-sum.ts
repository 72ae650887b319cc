import { TABLE3_APPLICANT_KEYS, TABLE3_ROWS } from '../../model/template.js';
import { blanks, firstLoc, pathsIn, rowValues, sum } from '../cells.js';
import { defineRule } from '../rule.js';
import { ROW_NAME } from './t3-shared.js';

/** The total column first, then the six applicant columns it sums. */
const COLUMNS = ['total', ...TABLE3_APPLICANT_KEYS];

export default defineRule({
  meta: {
    code: 'T3_ROW_SUM',
    severity: 'error',
    scope: 'report',
    basis: 'FORMAT.md §D T3-ROW (derived from the column header 总计)',
    title: { zh: '表三各行：总计 = 六类申请人之和', en: 'Table 3, every row: total = sum of the six applicant columns' },
    explanation: {
      zh: '表三的“总计”列是自然人与法人或其他组织五个子列（商业企业、科研机构、社会公益组织、法律服务机构、其他）之和。“法人或其他组织”只是表头分组，没有自己的数值列。若总计列整列未填（常见于部分报告），给出一条“总计列未填”的警告，而不是逐行报错。',
      en: 'The 总计 column is the sum of the natural-person column and the five columns under 法人或其他组织 (a header group with no value column of its own). When the whole total column was left blank — a common pattern — one warning says so instead of a mismatch per row.',
    },
  },
  check({ report }, emit) {
    const t3 = report.table3;
    if (!t3) return;
    const totalBlank: string[] = [];
    const partsBlank: string[] = [];
    for (const row of TABLE3_ROWS) {
      if (!t3[row.key]) continue;
      const values = rowValues(t3[row.key], COLUMNS);
      const blank = blanks(values);
      if (blank) {
        if (blank === 1 && values[0] === null) totalBlank.push(ROW_NAME[row.key]);
        else partsBlank.push(ROW_NAME[row.key]);
        continue;
      }
      const [total, ...nums] = values as number[];
      const s = sum(nums);
      if (s !== total) {
        const paths = pathsIn('table3', row.key, COLUMNS);
        emit({
          message: `表三“${ROW_NAME[row.key]}”：总计为 ${total}，但六类申请人之和为 ${s}`,
          paths,
          expected: s,
          actual: total,
          loc: firstLoc(report, paths),
        });
      }
    }
    if (totalBlank.length) {
      emit({
        severity: 'warning',
        assessable: false,
        message: `表三总计列未填（${totalBlank.length} 行），无法核对各行合计`,
        paths: ['table3'],
        loc: firstLoc(report, ['table3.newReceived.naturalPerson']),
      });
    }
    if (partsBlank.length) {
      emit({
        severity: 'warning',
        assessable: false,
        message: `表三 ${partsBlank.length} 行有空白单元格，无法核对行合计：${partsBlank.slice(0, 5).join('；')}${partsBlank.length > 5 ? '…' : ''}`,
        paths: ['table3'],
        loc: firstLoc(report, ['table3.newReceived.naturalPerson']),
      });
    }
  },
});
