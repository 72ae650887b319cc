import { defineRule } from '../rule.js';

/** The share of identical prose that counts as a duplicate (宿迁: "与上年度重复率大于50%"). */
export const DUPLICATE_SHARE = 0.5;

const pct = (x: number) => `${Math.round(x * 100)}%`;

export default defineRule({
  meta: {
    code: 'TEXT_DUPLICATE',
    severity: 'warning',
    scope: 'corpus',
    basis: '国办公开办函〔2021〕30号 “内容雷同”; FORMAT.md §D TXT-REPEAT; 宿迁 考评 “与上年度重复率大于50%” (local threshold)',
    title: { zh: '正文与上年度报告或其他机关报告大量雷同', en: 'The prose largely repeats last year’s report or another body’s' },
    explanation: {
      zh: '把报告正文（总体情况、存在的问题及改进情况、其他事项等文字部分）按句比较：数字、日期、年份和本机关名称、地名不计，逐句相同的文字占本报告正文的比例达到 50% 及以上的，提示“内容雷同”。比较对象是同一机关上一年度的报告，以及语料库中最相似的其他机关报告（MinHash/LSH 检索）。30号文件要求避免“内容雷同、敷衍塞责”，宿迁等地考评对“与上年度重复率大于50%”扣分。',
      en: 'The prose of the report (overview, problems and improvements, other matters …) is compared sentence by sentence with numbers, dates, years, the body’s own name and place names masked. When the sentences found word for word in another report make up 50% or more of this report’s prose, the report is flagged. It is compared with the same body’s report of the previous year and with the most similar other body’s report in the corpus (found by MinHash/LSH). Notice 30号 (2021) warns against “内容雷同” (copied content); Suqian’s assessment deducts points for more than 50% repetition of last year’s report.',
    },
  },
  check({ textMatches }, emit) {
    for (const m of textMatches ?? []) {
      if (m.share < DUPLICATE_SHARE) continue;
      const where = m.sections.filter((s) => s.share >= DUPLICATE_SHARE);
      const parts = where.map((s) => `${s.heading.length > 16 ? `${s.heading.slice(0, 15)}…` : s.heading} ${pct(s.share)}`).join('，');
      const whom = m.relation === 'previous-year' ? `上年度（${m.other.year ?? '?'} 年度）报告` : `${m.other.agency ?? m.other.path}${m.other.year ? ` ${m.other.year} 年度` : ''}报告`;
      emit({
        message: `正文 ${pct(m.share)} 与${whom}逐句相同（数字、日期、机关名称不计）${parts ? `：${parts}` : ''}`,
        paths: where.map((s) => `sections.${s.key}`),
        expected: DUPLICATE_SHARE,
        actual: Math.round(m.share * 1000) / 1000,
        loc: where.find((s) => s.loc && Object.keys(s.loc).length)?.loc,
        excerpt: m.examples[0],
        related: { report: m.other, detail: { relation: m.relation, share: m.share, similarity: m.similarity, sections: m.sections, examples: m.examples } },
      });
    }
  },
});
