/**
 * The report's top-level parts ("一、总体情况" … "六、其他需要报告的事项", or the looser lists
 * of pre-2019 reports) with their prose. A heading is a paragraph that starts with a top-level
 * number and names a known part; in crawler text, where the whole report is one line, headings
 * are found inside the line after a sentence end.
 */
import type { Section } from '../model/report.js';
import { SECTIONS } from '../model/template.js';
import type { Paragraph, SourceDocument } from '../read/document.js';
import { compact } from './normalise.js';

const NUMERAL = '(?:[一二三四五六七八九十]{1,2}|[1-9])';
const HEADING_START = new RegExp(`^${NUMERAL}\\s*[、.．]\\s*`);
const INLINE_HEADING = new RegExp(`(^|[。；;！!？?\\s\\d])(${NUMERAL}、)`, 'g');

export function sectionKey(heading: string): string | null {
  const h = compact(heading);
  for (const def of SECTIONS) if (def.keywords.some((group) => group.every((k) => h.includes(k)))) return def.key;
  return null;
}

interface Hit {
  key: string;
  heading: string;
  para: number;
  offset: number;
  end: number;
}

export function findSections(doc: SourceDocument): Section[] {
  const paras = doc.blocks.filter((b): b is Paragraph => b.kind === 'paragraph');
  const hits: Hit[] = [];
  paras.forEach((p, i) => {
    const text = p.text;
    if (HEADING_START.test(text.trim()) && text.length <= 60) {
      const key = sectionKey(text);
      if (key) hits.push({ key, heading: text.trim(), para: i, offset: 0, end: text.length });
      return;
    }
    if (text.length <= 200) return;
    // a long line: crawler text with the headings inside it
    for (const m of text.matchAll(INLINE_HEADING)) {
      const at = (m.index ?? 0) + m[1].length;
      const window = text.slice(at, at + 24);
      const key = sectionKey(window.replace(/[，。].*$/, ''));
      if (!key) continue;
      // the heading runs to its keywords and the word that closes it (情况, 事项 …)
      let len = m[2].length + 1;
      while (len < window.length && sectionKey(window.slice(0, len)) !== key) len++;
      const tail = /^[^，。；\d]{0,10}?(情况|事项|措施)/.exec(window.slice(len));
      const end = at + len + (tail ? tail[0].length : 0);
      hits.push({ key, heading: text.slice(at, end), para: i, offset: at, end });
    }
  });
  // a heading repeated right after itself (Markdown "## 一、" then "### 一、") counts once
  const unique = hits.filter((h, i) => i === 0 || hits[i - 1].key !== h.key);
  return unique.map((h, i) => {
    const next = unique[i + 1];
    const body: string[] = [];
    for (let p = h.para; p < (next ? next.para + 1 : paras.length); p++) {
      const text = paras[p].text;
      const from = p === h.para ? h.end : 0;
      const to = next && p === next.para ? next.offset : text.length;
      if (to > from) body.push(text.slice(from, to).trim());
    }
    return { key: h.key, heading: h.heading, loc: paras[h.para].loc, text: body.filter(Boolean).join('\n') };
  });
}
