/**
 * A lenient HTML tokenizer for reading reports: tags, text and the raw text of script/style/
 * title, in order, with their offsets. It works on the page's UTF-8 bytes, not on a string:
 * government pages are mostly markup (Word's "save as web page" puts eighty characters of
 * mso- styles on every tag) and decoding all of it into a string — two bytes per character,
 * because of the Chinese — cost more than everything else the reader does. '<', '>', '&' and
 * quotes never occur inside a multi-byte UTF-8 sequence, so the markup is found in the bytes
 * (with Buffer.indexOf, which is native) and only what the reader keeps gets decoded.
 *
 * Malformed input never throws: a "<" that starts no tag (or a tag whose quotes never close) is
 * text, an unterminated comment or raw-text element runs to the end of the page.
 */
// the decoder alone: the package's main entry also builds the encoder's tables, for nothing here
import { decodeHTML } from 'entities/decode';

export interface HtmlHandler {
  /**
   * The elements whose tags the handler acts on. Other tags (most of a Word page is <span> and
   * <o:p>) only end text runs, and cost no call.
   */
  readonly elements: ReadonlySet<string>;
  /** An opening tag; its attribute source is bytes [attrStart, attrEnd) — see `attributes`. */
  open(name: string, attrStart: number, attrEnd: number, at: number): void;
  /** Text in bytes [start, end); `raw` when entities are not decoded (script, style). */
  text(start: number, end: number, raw: boolean): void;
  close(name: string, at: number): void;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const COMMENT_END = Buffer.from('-->');
const CDATA_START = Buffer.from('<![CDATA[');
const CDATA_END = Buffer.from(']]>');

/** Elements whose content is raw text up to their own end tag. */
const RAW = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes']);
/** Raw-text elements whose content still has entities (RCDATA). */
const RCDATA = new Set(['title', 'textarea']);

/** ASCII whitespace: what the JS `\s` class means in markup. */
export const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;

export function scanHtml(page: Buffer, h: HtmlHandler): void {
  const n = page.length;
  const names = new TagNames(page);
  const tagEnds = new TagEnds(page);

  let pos = 0; // start of the text not yet handed over
  let lt = page.indexOf(LT);
  while (lt !== -1) {
    const c = page[lt + 1];
    let end = -1; // just past the construct starting at lt; -1 when lt starts none (it is text)
    if (c === BANG || c === QUESTION) {
      // comments, CDATA, doctype and processing instructions carry nothing the reader wants
      if (c === BANG && page[lt + 2] === 0x2d && page[lt + 3] === 0x2d) end = endAfter(page, COMMENT_END, lt + 4);
      else if (c === BANG && startsWith(page, CDATA_START, lt)) end = endAfter(page, CDATA_END, lt + 9);
      else end = endAfter(page, GT, lt + 2);
      if (lt > pos) h.text(pos, lt, false);
      pos = end;
    } else {
      const closing = c === SLASH;
      const nameStart = closing ? lt + 2 : lt + 1;
      if (isLetter(page[nameStart])) {
        let nameEnd = nameStart + 1;
        // a name ends at whitespace, "/" or ">" — and at any non-ASCII byte, which stands in for
        // Unicode whitespace (an ideographic space after the name); no element name has one
        for (let b = page[nameEnd]; nameEnd < n && b !== SLASH && b !== GT && b < 0x80 && !isSpace(b); b = page[++nameEnd]);
        const gt = page[nameEnd] === GT ? nameEnd : tagEnds.find(nameEnd);
        if (gt !== -1) {
          end = gt + 1;
          if (lt > pos) h.text(pos, lt, false);
          pos = end;
          const name = names.get(nameStart, nameEnd);
          const wanted = h.elements.has(name);
          if (closing) {
            if (wanted) h.close(name, lt);
          } else {
            if (wanted) h.open(name, nameEnd, gt, lt);
            if (RAW.has(name) && !(gt > nameEnd && page[gt - 1] === SLASH)) {
              const stop = rawTextEnd(page, name, end);
              if (stop > end) h.text(end, stop, !RCDATA.has(name));
              if (wanted) h.close(name, stop);
              pos = end = stop === n ? n : page.indexOf(GT, stop) + 1;
            }
          }
        }
      }
    }
    // markup is mostly tags back to back
    if (end === -1) lt = page.indexOf(LT, lt + 1);
    else lt = page[end] === LT ? end : page.indexOf(LT, end);
  }
  if (pos < n) h.text(pos, n, false);
}

/**
 * Where tags end: at the first ">" outside quoted values. Attribute names are short and walked
 * byte by byte; quoted values (Word's long styles) are jumped over with a native search.
 *
 * A tag that never ends (a quote that never closes, no ">" after it) is text, and the scan tries
 * the next "<" — which on garbage like a page of "<a " would walk the same bytes again for every
 * "<". So the bytes a failed walk passed outside quotes are marked: a later walk that reaches
 * one would go on exactly as that one did, and fails there. No byte is walked twice by failing
 * tags, and the scan stays linear.
 */
class TagEnds {
  private unclosedDouble = false;
  private unclosedSingle = false;
  private failed: Uint8Array | null = null;

  constructor(private readonly page: Buffer) {}

  /** The ">" ending a tag whose attributes start at `from`, or -1 when it does not end. */
  find(from: number): number {
    const end = this.walk(from, false);
    if (end === -1) {
      this.failed ??= new Uint8Array(this.page.length);
      this.walk(from, true);
    }
    return end;
  }

  private walk(from: number, mark: boolean): number {
    const page = this.page;
    const failed = this.failed;
    for (let i = from; i < page.length; i++) {
      if (failed !== null) {
        if (failed[i]) return -1;
        if (mark) failed[i] = 1;
      }
      const c = page[i];
      if (c === GT) return i;
      if (c === DQUOTE || c === SQUOTE) {
        // once a quote has no closing partner, no later one has
        const close = (c === DQUOTE ? this.unclosedDouble : this.unclosedSingle) ? -1 : page.indexOf(c, i + 1);
        if (close === -1) {
          if (c === DQUOTE) this.unclosedDouble = true;
          else this.unclosedSingle = true;
          return -1;
        }
        i = close;
      }
    }
    return -1;
  }
}

/** Just past the next `needle` at or after `from`, or the end of the page. */
function endAfter(page: Buffer, needle: Buffer | number, from: number): number {
  const i = page.indexOf(needle, from);
  return i === -1 ? page.length : i + (typeof needle === 'number' ? 1 : needle.length);
}

function startsWith(page: Buffer, prefix: Buffer, at: number): boolean {
  if (at + prefix.length > page.length) return false;
  for (let i = 0; i < prefix.length; i++) if (page[at + i] !== prefix[i]) return false;
  return true;
}

/** Where `</name\s*>` starts (any case), or the end of the page. */
function rawTextEnd(page: Buffer, name: string, from: number): number {
  for (let lt = page.indexOf(LT, from); lt !== -1; lt = page.indexOf(LT, lt + 1)) {
    if (page[lt + 1] !== SLASH) continue;
    let i = lt + 2;
    let k = 0;
    while (k < name.length && (page[i] | 32) === name.charCodeAt(k)) i++, k++;
    if (k < name.length) continue;
    while (i < page.length && isSpace(page[i])) i++;
    if (page[i] === GT) return lt;
  }
  return page.length;
}

/**
 * Lower-cased tag names. A page has thousands of tags but a few dozen names, so names are kept
 * in a small table indexed by a hash of their bytes, and a tag costs a comparison, not a string.
 */
class TagNames {
  private readonly slots: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  constructor(private readonly page: Buffer) {}

  get(start: number, end: number): string {
    const page = this.page;
    let hash = end - start;
    for (let i = start; i < end; i++) hash = (hash * 31 + (page[i] | 32)) & 0xff;
    const known = this.slots[hash];
    if (known !== undefined && known.length === end - start) {
      let i = start;
      while (i < end && toLower(page[i]) === known.charCodeAt(i - start)) i++;
      if (i === end) return known;
    }
    const name = page.toString('latin1', start, end).toLowerCase();
    this.slots[hash] = name;
    return name;
  }
}

const toLower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Text in bytes [start, end) as a string, entities decoded unless `raw`. */
export function decodeRun(page: Buffer, start: number, end: number, raw = false): string {
  // table cells are full of single digits; a one-character string is V8's cached one
  if (end - start === 1 && page[start] < 0x80) return String.fromCharCode(page[start]);
  const s = page.toString('utf8', start, end);
  return raw || !s.includes('&') ? s : decodeHTML(s);
}

const EQUALS = 0x3d;
/** What ends an attribute name (`[^\s=/>"']+` in ATTR), among ASCII bytes. */
const endsName = (c: number) => isSpace(c) || c === EQUALS || c === SLASH || c === GT || c === DQUOTE || c === SQUOTE;
/** What ends an unquoted value (`[^\s>"']+`), among ASCII bytes. */
const endsValue = (c: number) => isSpace(c) || c === GT || c === DQUOTE || c === SQUOTE;

/**
 * The `wanted` attributes (lower-case names) in bytes [start, end): decoded values, the first of
 * a name wins; absent ones are missing. Tokenised exactly like `parseAttrs` below, but on the
 * bytes and decoding only wanted values: Word gives every cell a long style, and a cell needs
 * only its spans. A non-ASCII byte outside quotes (a no-break space can separate attributes)
 * hands the tag to `parseAttrs`, which knows Unicode whitespace.
 */
export function attributes(page: Buffer, start: number, end: number, wanted: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let i = start;
  while (i < end) {
    if (page[i] >= 0x80) return parseAttrs(page, start, end);
    if (endsName(page[i])) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < end && page[i] < 0x80 && !endsName(page[i])) i++;
    const nameEnd = i;
    // an optional `\s*=\s*value`; when it does not match, scanning goes on after the name
    let valueStart = -1;
    let valueEnd = -1;
    let j = i;
    while (j < end && isSpace(page[j])) j++;
    if (j < end && page[j] === EQUALS) {
      j++;
      while (j < end && isSpace(page[j])) j++;
      const c = page[j];
      if (j >= end) {
        /* no value */
      } else if (c >= 0x80) return parseAttrs(page, start, end);
      else if (c === DQUOTE || c === SQUOTE) {
        const close = page.indexOf(c, j + 1);
        if (close !== -1 && close < end) {
          valueStart = j + 1;
          valueEnd = close;
          i = close + 1;
        }
      } else if (!endsValue(c)) {
        valueStart = j;
        while (j < end && page[j] < 0x80 && !endsValue(page[j])) j++;
        if (j < end && page[j] >= 0x80) return parseAttrs(page, start, end);
        valueEnd = i = j;
      }
    }
    const name = wantedName(page, nameStart, nameEnd, wanted);
    if (name !== undefined && !(name in out)) out[name] = valueStart < 0 ? '' : decodeEntities(page.toString('utf8', valueStart, valueEnd));
  }
  return out;
}

/** The name in `wanted` that bytes [start, end) spell in any case, if any. */
function wantedName(page: Buffer, start: number, end: number, wanted: readonly string[]): string | undefined {
  for (const name of wanted) {
    if (name.length !== end - start) continue;
    let k = 0;
    while (k < name.length && toLower(page[start + k]) === name.charCodeAt(k)) k++;
    if (k === name.length) return name;
  }
  return undefined;
}

const ATTR = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

/** All attributes in bytes [start, end): lower-cased names, decoded values, first one wins. */
function parseAttrs(page: Buffer, start: number, end: number): Record<string, string> {
  const source = page.toString('utf8', start, end);
  const out: Record<string, string> = {};
  ATTR.lastIndex = 0;
  for (let m = ATTR.exec(source); m; m = ATTR.exec(source)) {
    const name = m[1].toLowerCase();
    if (!(name in out)) out[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

const decodeEntities = (s: string) => (s.includes('&') ? decodeHTML(s) : s);
