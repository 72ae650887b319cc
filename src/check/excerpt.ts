/** The source line under a finding, as a reader sees it. */
import type { SourceLines } from '../read/document.js';
import { lineStart } from '../read/lazy-lines.js';
import { isSpace } from '../recognise/chars.js';

/**
 * readableLine of line `index`, decoding a long line of a page only as far as it takes to show
 * that its text is too long. Up to the last ">" of a start of the line, the text read is the start
 * of the line's text, so when that is already over `max`, so is the line's.
 */
export function lineExcerpt(lines: SourceLines, index: number, max: number): string | null {
  for (let bytes = 16 * 1024; ; bytes *= 8) {
    const start = lineStart(lines, index, bytes);
    if (start === undefined) return null;
    if (start.whole) return readableLine(start.text, max);
    const close = start.text.lastIndexOf('>');
    if (close !== -1 && readableLine(start.text.slice(0, close + 1), max) === null) return null;
  }
}

/**
 * The line with HTML markup taken out and whitespace collapsed — what
 * `line.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim()` gives — or null when that is longer
 * than `max`. Scanning stops as soon as the text is too long: an HTML page can be one line of
 * 100 000+ characters, and a report's findings often point at it.
 */
export function readableLine(line: string, max: number): string | null {
  let out = '';
  let gap = false; // whitespace or a tag since the last character kept (dropped at the start and end)
  let i = 0;
  let noTagAfter = false; // once a "<" has no ">" after it, no later one has either
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 0x3c /* < */ && !noTagAfter) {
      const close = line.indexOf('>', i + 1);
      if (close >= 0) {
        gap = true;
        i = close + 1;
        continue;
      }
      noTagAfter = true;
    }
    if (isSpace(c)) {
      gap = true;
      i++;
      continue;
    }
    if (gap && out) out += ' ';
    gap = false;
    // a run of text up to the next space or tag, kept whole; a run longer than the room left is
    // not scanned to its end
    const stop = Math.min(line.length, i + max + 1 - out.length);
    let j = i + 1;
    while (j < stop) {
      const d = line.charCodeAt(j);
      if ((d === 0x3c && !noTagAfter) || isSpace(d)) break;
      j++;
    }
    out += line.slice(i, j);
    if (out.length > max) return null;
    i = j;
  }
  return out;
}
