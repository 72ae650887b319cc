import { TABLE4_BLOCKS } from '../../model/template.js';
import { blanks, firstLoc, pathsIn, rowValues, sum } from '../cells.js';
import { defineRule } from '../rule.js';

/** The total column first, then the four outcomes it sums. */
const COLUMNS = ['total', 'upheld', 'corrected', 'other', 'pending'];

export default defineRule({
  meta: {
    code: 'T4_BLOCK_SUM',
    severity: 'error',
    scope: 'report',
    basis: 'FORMAT.md §D T4-SUM (derived from the label 总计)',
    title: { zh: '表四各部分：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结', en: 'Table 4, every block: total = upheld + corrected + other + pending' },
    explanation: {
      zh: '表四分为行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）三部分，每部分的“总计”应等于结果维持、结果纠正、其他结果、尚未审结四项之和。',
      en: 'Table 4 has three blocks — administrative reconsideration, litigation without prior reconsideration, litigation after reconsideration. In each, 总计 must equal the four outcomes: upheld, corrected, other, pending.',
    },
  },
  check({ report }, emit) {
    const t4 = report.table4;
    if (!t4) return;
    const blank: string[] = [];
    for (const b of TABLE4_BLOCKS) {
      const values = rowValues(t4[b.key], COLUMNS);
      if (blanks(values)) {
        blank.push(b.label);
        continue;
      }
      const [total, ...nums] = values as number[];
      const s = sum(nums);
      if (s !== total) {
        const paths = pathsIn('table4', b.key, COLUMNS);
        emit({
          message: `表四“${b.label}”：总计为 ${total}，但结果维持、结果纠正、其他结果、尚未审结之和为 ${s}`,
          paths,
          expected: s,
          actual: total,
          loc: firstLoc(report, paths),
        });
      }
    }
    if (blank.length) {
      emit({ severity: 'warning', assessable: false, message: `表四“${blank.join('”“')}”有空白单元格，无法核对总计`, paths: ['table4'], loc: firstLoc(report, ['table4.reconsideration.upheld']) });
    }
  },
});
