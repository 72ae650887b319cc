import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    code: 'T2_PUBLISHED_TOTAL',
    severity: 'info',
    generations: ['2019'],
    scope: 'report',
    basis: 'FORMAT.md §D T2-2019-PUB (heuristic)',
    title: { zh: '对外公开总数量小于本年新公开数量', en: 'Total published fewer than newly published this year' },
    explanation: {
      zh: '2019 年试行格式中“对外公开总数量”是累计数，应不小于“本年新公开数量”。',
      en: 'In the 2019 trial format, 对外公开总数量 is cumulative and should be at least 本年新公开数量.',
    },
  },
  check({ report }, emit) {
    const t2 = report.table2;
    if (!t2) return;
    for (const [key, name] of [['regulations', '规章'], ['normativeDocuments', '规范性文件']] as const) {
      const r = t2[key];
      if (!r || r.newlyPublished == null || r.totalPublished == null) continue;
      if (r.totalPublished < r.newlyPublished) {
        emit({
          message: `表二 ${name}：对外公开总数量 ${r.totalPublished} 小于本年新公开数量 ${r.newlyPublished}`,
          paths: [`table2.${key}.totalPublished`, `table2.${key}.newlyPublished`],
          expected: r.newlyPublished,
          actual: r.totalPublished,
        });
      }
    }
  },
});
