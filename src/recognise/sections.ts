/**
 * The report's top-level parts ("一、总体情况" … "六、其他需要报告的事项", or the looser lists
 * of pre-2019 reports) with their prose. A heading is a paragraph that starts with a top-level
 * number and names a known part; in crawler text, where the whole report is one line, headings
 * are found inside the line after a sentence end.
 */
import type { Section } from '../model/report.js';
import { SECTIONS, type SectionDef } from '../model/template.js';
import type { Paragraph, SourceDocument } from '../read/document.js';
import { compact } from './normalise.js';

const NUMERAL = '(?:[一二三四五六七八九十]{1,2}|[1-9])';
/** A paragraph that starts with a top-level number (leading white space allowed: no trim per paragraph). */
const HEADING_START = new RegExp(`^\\s*${NUMERAL}\\s*[、.．]`);
const INLINE_HEADING = new RegExp(`(^|[。；;！!？?\\s\\d])(${NUMERAL}、)`, 'g');

export function sectionKey(heading: string): string | null {
  const h = compact(heading);
  for (const def of SECTIONS) if (names(def, h)) return def.key;
  return null;
}

const SECTION_BY_KEY = new Map(SECTIONS.map((def) => [def.key, def]));

/** Whether the compact text holds one of the part's keyword groups (loops: no closure per call). */
function names(def: SectionDef, h: string): boolean {
  for (const group of def.keywords) if (includesAll(h, group)) return true;
  return false;
}

function includesAll(h: string, words: readonly string[]): boolean {
  for (const w of words) if (!h.includes(w)) return false;
  return true;
}

/**
 * The shortest start of `window`, of at least `min` characters, that sectionKey reads as `key`;
 * the whole window when none is. A longer start keeps every keyword of a shorter one, so this is
 * the first start holding one of the key's own groups — unless an earlier part's keywords are
 * there too, and then no longer start is read as `key` either.
 */
function headingLength(window: string, key: string, min: number): number {
  const def = SECTION_BY_KEY.get(key)!;
  let len = min;
  while (len < window.length && !names(def, compact(window.slice(0, len)))) len++;
  return len < window.length && sectionKey(window.slice(0, len)) === key ? len : window.length;
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
    if (text.length <= 60 && HEADING_START.test(text)) {
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
      const len = headingLength(window, key, m[2].length + 1);
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
