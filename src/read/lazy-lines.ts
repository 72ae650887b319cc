/**
 * The lines of a UTF-8 page, decoded one at a time. Diagnostics want a line or two of an HTML
 * page; decoding the whole page for them (often 100–400 KB, one large string that goes straight
 * to the old generation) cost more than reading the page.
 */
import type { SourceLines } from './document.js';
import { decodeUtf8 } from './encoding.js';

const NEWLINE = 0x0a;
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** The start of a line: `whole` when it is the entire line. */
export interface LineStart {
  text: string;
  whole: boolean;
}

/** Whether line `index` contains `text` (LazyLines answers without decoding the line). */
export function lineIncludes(lines: SourceLines, index: number, text: string): boolean {
  return lines instanceof LazyLines ? lines.includes(index, text) : (lines.at(index)?.includes(text) ?? false);
}

/** About the first `maxBytes` bytes of line `index` (a string line is always whole). */
export function lineStart(lines: SourceLines, index: number, maxBytes: number): LineStart | undefined {
  if (lines instanceof LazyLines) return lines.start(index, maxBytes);
  const text = lines.at(index);
  return text === undefined ? undefined : { text, whole: true };
}

export class LazyLines implements SourceLines {
  /** Byte offset where each line starts; found on first use. */
  #starts: number[] | null = null;
  readonly #decoded = new Map<number, string>();

  constructor(readonly bytes: Buffer) {}

  get length(): number {
    return this.#lineStarts().length;
  }

  at(index: number): string | undefined {
    let line = this.#decoded.get(index);
    if (line === undefined) {
      // a newline byte is never inside a multi-byte character, so each line decodes on its own
      const bytes = this.#line(index);
      if (bytes === undefined) return undefined;
      line = decodeUtf8(bytes);
      this.#decoded.set(index, line);
    }
    return line;
  }

  /**
   * Whether line `index` contains `text`, searched for in the bytes when the line has not been
   * decoded: the page is valid UTF-8 (the reader made it so), where a character's bytes match
   * only at a character. A lone surrogate has no UTF-8 form, so such a text is searched for in
   * the decoded line.
   */
  includes(index: number, text: string): boolean {
    const decoded = this.#decoded.get(index);
    if (decoded !== undefined || LONE_SURROGATE.test(text)) return (decoded ?? this.at(index) ?? '').includes(text);
    const bytes = this.#line(index);
    return bytes !== undefined && bytes.indexOf(text, 0, 'utf8') !== -1;
  }

  /** About the first `maxBytes` bytes of line `index` decoded, or the whole line when it is that short. */
  start(index: number, maxBytes: number): LineStart | undefined {
    const bytes = this.#line(index);
    if (bytes === undefined) return undefined;
    if (bytes.length <= maxBytes || this.#decoded.has(index)) return { text: this.at(index)!, whole: true };
    // cut before a character, not inside one (continuation bytes are 10xxxxxx)
    let end = maxBytes;
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
    return { text: decodeUtf8(bytes.subarray(0, end)), whole: false };
  }

  /** The bytes of line `index`, without its newline. */
  #line(index: number): Buffer | undefined {
    const starts = this.#lineStarts();
    if (!Number.isInteger(index) || index < 0 || index >= starts.length) return undefined;
    const end = index + 1 < starts.length ? starts[index + 1] - 1 : this.bytes.length;
    return this.bytes.subarray(starts[index], end);
  }

  #lineStarts(): number[] {
    if (this.#starts) return this.#starts;
    const starts = [0];
    for (let i = this.bytes.indexOf(NEWLINE); i >= 0; i = this.bytes.indexOf(NEWLINE, i + 1)) starts.push(i + 1);
    return (this.#starts = starts);
  }
}
