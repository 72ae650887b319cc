import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    code: 'CELL_NORMALISED',
    severity: 'info',
    scope: 'report',
    basis: 'FORMAT.md §E.2, §E.4',
    title: { zh: '单元格数值经过规范化', en: 'A cell needed interpretation' },
    explanation: {
      zh: '单元格不是规范的数字写法，gongkai 做了解释：“增3”读作 3、“减2”读作 −2，去掉千分位逗号，全角数字转半角，带单位的“251000元”换算为 25.1 万元等。原文保留在 cells[].raw。',
      en: 'The cell was not written as a plain number and gongkai interpreted it: 增3 → 3, 减2 → −2, thousands separators removed, full-width digits converted, a unit in the cell such as 251000元 converted to the column unit (25.1 万元). The printed text stays in cells[].raw.',
    },
  },
  check({ report }, emit) {
    for (const c of report.cells) {
      if (!c.normalised) continue;
      if (c.path.startsWith('meta.')) continue;
      emit({ message: `${c.path}：“${c.raw.trim()}”读作 ${c.value}（${c.normalised}）`, paths: [c.path], loc: c.loc });
    }
  },
});
