import { trailingFigure } from '../narrative.js';
import { clauses, locate, prose } from '../prose.js';
import { defineRule } from '../rule.js';

interface Part {
  label: string;
  value: number;
}

/** The clauses after a total that end in a figure of the same unit: the stated parts. */
function partsOf(items: string[], unit: string): { parts: Part[]; approximate: boolean } {
  const parts: Part[] = [];
  let approximate = false;
  for (const item of items) {
    const fig = trailingFigure(item.replace(/^[(（]?其中[:：]?/, ''), unit);
    if (!fig) break;
    if (fig.approximate) approximate = true;
    parts.push({ label: fig.label, value: fig.value });
    if (/[)）]\s*$/.test(item)) break;
  }
  return { parts, approximate };
}

/** Whether the parts claim to cover the total: an "other" part, or a near miss of a long list. */
function claimsWhole(parts: Part[], total: number, sum: number, introducedByOfWhich: boolean): boolean {
  if (sum > total) return true;
  if (parts.some((p) => /其他|其它|其余/.test(p.label))) return true;
  return introducedByOfWhich && parts.length >= 3 && sum >= total * 0.9;
}

export default defineRule({
  meta: {
    code: 'NARRATIVE_SUM_MISMATCH',
    severity: 'warning',
    scope: 'report',
    basis: 'arithmetic of the report’s own prose',
    title: { zh: '正文分项之和与所述总数不符', en: 'Parts stated in the prose do not add up to the stated total' },
    explanation: {
      zh: '正文先给出总数，再列出分项（“共公布政府信息2599条，其中……其他……856条”，或“主动公开政府信息382条。局本级65条，直属单位370条”），分项之和与总数不符。只在分项明显意在覆盖总数时报告：分项之和超过总数、分项中有“其他”，或以“其中”列出三项以上且与总数相差不到一成。',
      en: 'The text states a total and then its parts (“2,599 items, of which … other 856”, or “382 items. The bureau itself 65, its 15 units 370”), and the parts do not add up. Only reported when the parts evidently mean to cover the total: they exceed it, include an “other” part, or are three or more “of which” items within 10% of it.',
    },
  },
  check({ report, lines }, emit) {
    for (const { section, sentences: list } of prose(report)) {
      list.forEach(({ text: sentence, clauses: cl, figures, comparison }, si) => {
        if (!cl.length || comparison) return;
        cl.forEach((clause, ci) => {
          const total = /[(（]$/.test(clause) ? trailingFigure(clause.replace(/[(（]$/, '')) : figures[ci];
          if (!total || total.approximate) return;
          const rest = cl.slice(ci + 1);
          let parts: Part[] = [];
          let approximate = false;
          let ofWhich = false;
          if (rest.length && /^[(（]?(其中|包括|分别为|分别是)/.test(rest[0])) {
            ofWhich = true;
            ({ parts, approximate } = partsOf(rest, total.unit));
          } else if (
            ci === cl.length - 1 &&
            si + 1 < list.length &&
            figures.filter(Boolean).length === 1 &&
            // parts are clauses ending in figures, so at least two of the next sentence's clauses do
            list[si + 1].figures.filter(Boolean).length >= 2 &&
            !/其中/.test(list[si + 1].text)
          ) {
            // "主动公开政府信息382条。局本级信息65条，15家直属单位370条。": a sentence stating only the
            // total, and the next one stating only parts
            const next = clauses(list[si + 1].text.replace(/[。；;]$/, ''));
            const fromNext = partsOf(next, total.unit);
            if (fromNext.parts.length === next.length) ({ parts, approximate } = fromNext);
          }
          if (parts.length < 2 || approximate) return;
          const sum = parts.reduce((a, p) => a + p.value, 0);
          if (sum === total.value || !claimsWhole(parts, total.value, sum, ofWhich)) return;
          emit({
            message: `正文称“${total.label.slice(-20)}”${total.value}${total.unit}，但所列分项之和为 ${sum}（${parts.map((p) => p.value).join(' + ')}）`,
            expected: sum,
            actual: total.value,
            loc: locate(clause, section, lines),
            excerpt: (sentence + (ofWhich ? '' : list[si + 1]?.text ?? '')).slice(0, 240),
          });
        });
      });
    }
  },
});
