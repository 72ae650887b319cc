/**
 * A small SAX scanner for the machine-written XML of OOXML parts. htmlparser2 builds an object
 * of attributes for every element; WordprocessingML has ten or more elements per word of text,
 * almost all of them formatting, and the reader needs the attributes of a handful. Here the
 * attributes are handed over as their source text and parsed only on request, which makes
 * reading a DOCX several times faster.
 *
 * The scanner is linear on any input (every character is looked at a bounded number of times)
 * and never throws: a malformed tag is skipped up to the next ">". Comments, processing
 * instructions and DOCTYPE are skipped; custom entities are not expanded (no entity bombs);
 * CDATA is text.
 */

export interface XmlHandler {
  /** `attrs` is the raw attribute source of the tag; read it with `attribute()`. */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Raw (entity-encoded) character data; decode it with `decodeXml()` where it is needed. */
  text(raw: string): void;
}

const isNameChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 58 || c === 95 || c === 45 || c === 46 || c > 127;

export function scanXml(xml: string, h: XmlHandler): void {
  const n = xml.length;
  let pos = 0;
  while (pos < n) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) {
      h.text(xml.slice(pos));
      return;
    }
    if (lt > pos) h.text(xml.slice(pos, lt));
    const c = xml.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) pos = after(xml, '-->', lt + 4);
      else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        h.text(escapeCdata(xml.slice(lt + 9, end < 0 ? n : end)));
        pos = end < 0 ? n : end + 3;
      } else pos = after(xml, '>', lt + 2);
      continue;
    }
    if (c === 63 /* ? */) {
      pos = after(xml, '?>', lt + 2);
      continue;
    }
    if (c === 47 /* / */) {
      let e = lt + 2;
      while (e < n && isNameChar(xml.charCodeAt(e))) e++;
      const name = xml.slice(lt + 2, e);
      pos = after(xml, '>', e);
      if (name) h.close(name);
      continue;
    }
    // start tag: the name, then attributes whose quoted values may contain ">"
    let e = lt + 1;
    while (e < n && isNameChar(xml.charCodeAt(e))) e++;
    const name = xml.slice(lt + 1, e);
    if (!name) {
      h.text('&lt;');
      pos = lt + 1;
      continue;
    }
    const attrStart = e;
    let end = -1;
    let selfClosing = false;
    while (e < n) {
      const ch = xml.charCodeAt(e);
      if (ch === 62 /* > */) {
        end = e;
        break;
      }
      if (ch === 47 /* / */ && xml.charCodeAt(e + 1) === 62) {
        end = e;
        selfClosing = true;
        break;
      }
      if (ch === 34 || ch === 39) {
        const close = xml.indexOf(ch === 34 ? '"' : "'", e + 1);
        if (close < 0) break;
        e = close + 1;
        continue;
      }
      e++;
    }
    if (end < 0) {
      // an unterminated tag: skip it
      pos = after(xml, '>', lt + 1);
      continue;
    }
    h.open(name, xml.slice(attrStart, end), selfClosing);
    if (selfClosing) h.close(name);
    pos = end + (selfClosing ? 2 : 1);
  }
}

function after(xml: string, token: string, from: number): number {
  const i = xml.indexOf(token, from);
  return i < 0 ? xml.length : i + token.length;
}

function escapeCdata(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

const attributePatterns = new Map<string, RegExp>();

/** The value of the attribute with this local name (any prefix), decoded; undefined when absent. */
export function attribute(attrs: string, local: string): string | undefined {
  if (!attrs || !attrs.includes(local)) return undefined;
  let re = attributePatterns.get(local);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${local}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(local, re);
  }
  const m = re.exec(attrs);
  return m ? decodeXml(m[1] ?? m[2]) : undefined;
}

/** Every attribute as [qualified name, decoded value] (for namespace declarations). */
export function attributes(attrs: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of attrs.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.push([m[1], decodeXml(m[2] ?? m[3])]);
  return out;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, ent: string) => {
    if (ent[0] !== '#') return NAMED[ent];
    const code = ent[1] === 'x' ? Number.parseInt(ent.slice(2), 16) : Number.parseInt(ent.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}
