import { defineRule } from '../rule.js';

export default defineRule({
  meta: {
    code: 'T2_IN_FORCE_MIN',
    severity: 'info',
    generations: ['2021'],
    scope: 'report',
    basis: 'FORMAT.md §D T2-VALID-GE (heuristic)',
    title: { zh: '现行有效件数小于本年净增件数', en: 'Documents in force fewer than this year’s net new ones' },
    explanation: {
      zh: '现行有效件数通常不小于本年制发件数减本年废止件数。不符合时可能是填写有误，也可能因清理、修改导致，只作提示。',
      en: 'The number of documents in force is normally at least those issued this year minus those repealed. A shortfall may be an error, or the result of a clean-up; this is only a hint.',
    },
  },
  check({ report }, emit) {
    const t2 = report.table2;
    if (!t2) return;
    for (const [key, name] of [['regulations', '规章'], ['normativeDocuments', '行政规范性文件']] as const) {
      const r = t2[key];
      if (!r || r.issued == null || r.repealed == null || r.inForce == null) continue;
      if (r.inForce < r.issued - r.repealed) {
        emit({
          message: `表二 ${name}：现行有效件数 ${r.inForce} 小于本年制发 ${r.issued} 减本年废止 ${r.repealed}`,
          paths: [`table2.${key}.inForce`, `table2.${key}.issued`, `table2.${key}.repealed`],
          expected: r.issued - r.repealed,
          actual: r.inForce,
        });
      }
    }
  },
});
