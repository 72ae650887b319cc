/**
 * The lines of a UTF-8 page, decoded one at a time. Diagnostics want a line or two of an HTML
 * page; decoding the whole page for them (often 100–400 KB, one large string that goes straight
 * to the old generation) cost more than reading the page.
 */
import type { SourceLines } from './document.js';
import { decodeUtf8 } from './encoding.js';

const NEWLINE = 0x0a;

export class LazyLines implements SourceLines {
  /** Byte offset where each line starts; found on first use. */
  #starts: number[] | null = null;
  readonly #decoded = new Map<number, string>();

  constructor(readonly bytes: Buffer) {}

  get length(): number {
    return this.#lineStarts().length;
  }

  at(index: number): string | undefined {
    const starts = this.#lineStarts();
    if (!Number.isInteger(index) || index < 0 || index >= starts.length) return undefined;
    let line = this.#decoded.get(index);
    if (line === undefined) {
      // a newline byte is never inside a multi-byte character, so each line decodes on its own
      const end = index + 1 < starts.length ? starts[index + 1] - 1 : this.bytes.length;
      line = decodeUtf8(this.bytes.subarray(starts[index], end));
      this.#decoded.set(index, line);
    }
    return line;
  }

  #lineStarts(): number[] {
    if (this.#starts) return this.#starts;
    const starts = [0];
    for (let i = this.bytes.indexOf(NEWLINE); i >= 0; i = this.bytes.indexOf(NEWLINE, i + 1)) starts.push(i + 1);
    return (this.#starts = starts);
  }
}
