/**
 * Plain-text and Markdown reports. The tables in such files come in a handful of shapes, all
 * produced by copying a Word table as text:
 *
 * - one cell per line, each indented by a tab, rows separated by a blank line ("Word text");
 *   a cell's text may continue on the next (unindented) line, even after a single blank line;
 * - one row per line, cells separated by tabs;
 * - one cell per line ending in " |" (a crawler's rendering), with no row separators at all;
 * - Markdown pipe tables.
 *
 * Everything else is a paragraph per line. Lines of pdftotext output and crawler text whose
 * cells are glued together stay paragraphs: recognition reads them against the template.
 */
import type { Loc, SourceInfo } from '../model/report.js';
import { paragraph, type Block, type SourceDocument, type TableCell } from './document.js';
import { copyLoc } from './grid.js';
import { inferPeriod } from './period.js';

const HEADING = /^\s*(?:[一二三四五六七八九十]+、|[1-9]、|第[一二三四五六七八九十]+部分)/;

export function readText(text: string, source: SourceInfo, opts: { markdown?: boolean } = {}): SourceDocument {
  const lines = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  const metaHints: SourceDocument['metaHints'] = {};
  for (const line of lines.slice(0, 40)) crawlerHeader(line, metaHints);
  // a .txt exported from Markdown keeps its "## 一、总体情况" headings
  const markdown = opts.markdown || lines.some((l) => l.startsWith('#') && /^#{1,6}\s+\S/.test(l));
  const blocks = textBlocks(lines, lineLoc, { markdown });
  return { source, blocks, lines, metaHints };
}

/**
 * Line i's location. One function for every file, not a closure per call: textBlocks' optimised
 * code is specialised to the function it was called with, and a new closure each file undid it.
 */
const lineLoc = (i: number): Loc => ({ line: i + 1 });

/**
 * Lines of text → paragraphs and tables. Exported for readers whose documents carry tables as
 * tab-separated text (a Word file made by pasting a text export); `locAt` says where line i is.
 */
export function textBlocks(rawLines: string[], locAt: (i: number) => Loc, opts: { markdown?: boolean } = {}): Block[] {
  const clean = rawLines.map(stripBookmarks);
  const blocks: Block[] = [];
  let i = 0;
  while (i < clean.length) {
    let end: number;
    if ((end = tabCellTable(clean, i, blocks, locAt)) > i) i = end;
    else if ((end = tabRowTable(clean, i, blocks, locAt)) > i) i = end;
    else if ((end = pipeTable(clean, i, blocks, opts.markdown ?? false, locAt)) > i) i = end;
    else {
      const t = (opts.markdown ? stripMarkdown(clean[i]) : clean[i]).trim();
      if (t) blocks.push(paragraph(t, locAt(i)));
      i++;
    }
  }
  return blocks;
}

/**
 * Without the "[bookmark: …]" markers some converters leave in text. Written out rather than
 * /\[bookmark: [^\]]*\]/g because on a line with many markers and no "]" that expression retries
 * from every marker to the end of the line; once no "]" follows, no later marker can close.
 */
function stripBookmarks(line: string): string {
  let at = line.indexOf(BOOKMARK);
  if (at === -1) return line;
  let out = '';
  let from = 0;
  for (; at !== -1; at = line.indexOf(BOOKMARK, from)) {
    const close = line.indexOf(']', at + BOOKMARK.length);
    if (close === -1) break;
    out += line.slice(from, at);
    from = close + 1;
  }
  return out + line.slice(from);
}

const BOOKMARK = '[bookmark: ';

/** Crawler exports start with "标题: …", "发布时间: …", "发布机构: …" lines. */
function crawlerHeader(line: string, hints: SourceDocument['metaHints']): void {
  if (!line.startsWith('标') && !line.startsWith('发')) return;
  const m = /^(标题|发布时间|发布机构)[:：]\s*(.+?)\s*$/.exec(line);
  if (!m) return;
  if (m[1] === '标题' && !hints.title) hints.title = m[2];
  if (m[1] === '发布时间' && !hints.published) hints.published = m[2];
  if (m[1] === '发布机构' && !hints.publisher) hints.publisher = m[2];
}

function stripMarkdown(line: string): string {
  return line.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/^\s{0,3}>\s?/, '').replace(/\*\*|__/g, '');
}

/** `^\t[^\t]*$`: one tab, in front. */
const isTabCell = (l: string | undefined) => l !== undefined && l.length > 0 && l.charCodeAt(0) === 9 && l.indexOf('\t', 1) === -1;
const isBlank = (l: string | undefined) => l !== undefined && l.trim() === '';

/** One cell per tab-indented line; a blank line then a tab line starts the next row. */
function tabCellTable(lines: string[], start: number, out: Block[], locAt: (i: number) => Loc): number {
  if (!isTabCell(lines[start])) return start;
  const rows: TableCell[][] = [];
  let row: TableCell[] = [];
  let i = start;
  let last: TableCell | null = null;
  let cellCount = 0;
  while (i < lines.length) {
    const l = lines[i];
    if (isTabCell(l)) {
      last = { text: l.slice(1), loc: locAt(i) };
      row.push(last);
      cellCount++;
      i++;
      continue;
    }
    if (isBlank(l)) {
      let j = i;
      while (j < lines.length && isBlank(lines[j])) j++;
      const blanks = j - i;
      if (j < lines.length && isTabCell(lines[j])) {
        if (row.length) rows.push(row);
        row = [];
        last = null;
        i = j;
        continue;
      }
      // a single blank before an unindented, non-heading line: the cell's text continues
      if (blanks === 1 && last && j < lines.length && !HEADING.test(lines[j]) && lines[j].length <= 20) {
        last.text += lines[j].trim();
        i = j + 1;
        continue;
      }
      break;
    }
    // an unindented line right after a cell continues it ("商业\n企业")
    if (last && !HEADING.test(l) && l.length <= 20) {
      last.text += l.trim();
      i++;
      continue;
    }
    break;
  }
  if (row.length) rows.push(row);
  if (cellCount < 2) return start;
  out.push({ kind: 'table', rows, loc: locAt(start), structure: 'grid' });
  return i;
}

// (tabs are whitespace: a line with anything besides them and spaces trims to something)
const isTabRow = (l: string | undefined) => l !== undefined && l.includes('\t') && !isTabCell(l) && l.trim() !== '';

/** One row per line, cells separated by tabs; single blank lines inside the table are skipped. */
function tabRowTable(lines: string[], start: number, out: Block[], locAt: (i: number) => Loc): number {
  if (!isTabRow(lines[start])) return start;
  const rows: TableCell[][] = [];
  let i = start;
  while (i < lines.length) {
    if (isTabRow(lines[i])) {
      const loc = locAt(i);
      rows.push(splitAt(lines[i], '\t').map((text, column) => ({ text, loc: withColumn(loc, column) })));
      i++;
    } else if (isBlank(lines[i]) && isTabRow(lines[i + 1])) i++;
    else break;
  }
  if (rows.length < 2) return start;
  out.push({ kind: 'table', rows, loc: locAt(start), structure: 'grid' });
  return i;
}

const isPipeLine = (l: string | undefined) => l !== undefined && /\|\s*$/.test(l) && !/^\s*\|?\s*:?-{3,}/.test(l);
const isMdSeparator = (l: string | undefined) => l !== undefined && /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(l);

/**
 * Pipe tables: Markdown (`| a | b |` with a `|---|` separator) and the crawler shape where every
 * line is one cell ending in " |" and the column count must be inferred.
 */
function pipeTable(lines: string[], start: number, out: Block[], markdown: boolean, locAt: (i: number) => Loc): number {
  const first = lines[start];
  if (first === undefined || !first.includes('|')) return start;
  if (/^\s*\|/.test(first) && isMdSeparator(lines[start + 1])) {
    const rows: TableCell[][] = [];
    let i = start;
    while (i < lines.length && /^\s*\|/.test(lines[i])) {
      if (!isMdSeparator(lines[i])) {
        const loc = locAt(i);
        const inner = lines[i].trim().replace(/^\|/, '').replace(/\|$/, '');
        rows.push(splitAt(inner, '|').map((t, column) => ({ text: t.trim().replace(/<br\s*\/?>/gi, ''), loc: withColumn(loc, column) })));
      }
      i++;
    }
    out.push({ kind: 'table', rows, loc: locAt(start), structure: 'grid' });
    return i;
  }
  if (markdown || !isPipeLine(first)) return start;
  let i = start;
  const cellsPerLine: TableCell[][] = [];
  while (i < lines.length && isPipeLine(lines[i])) {
    const parts = splitAt(lines[i], '|');
    parts.pop();
    const loc = locAt(i);
    cellsPerLine.push(parts.map((t) => ({ text: t.trim(), loc })));
    i++;
  }
  if (cellsPerLine.length < 6) return start;
  let rows: TableCell[][];
  if (cellsPerLine.every((c) => c.length === 1)) {
    const cells = cellsPerLine.map((c) => c[0]);
    const k = inferPeriod(cells.map((c) => c.text));
    rows = [];
    for (let j = 0; j < cells.length; j += k) rows.push(cells.slice(j, j + k).map((c, column) => ({ text: c.text, loc: withColumn(c.loc, column) })));
  } else rows = cellsPerLine;
  out.push({ kind: 'table', rows, loc: locAt(start), structure: 'grid' });
  return i;
}

function withColumn(loc: Loc, column: number): Loc {
  const out = copyLoc(loc);
  out.column = column;
  return out;
}

/**
 * `line.split(sep)` for a one-character separator. V8 splits a two-byte (Chinese) string in a
 * runtime call that costs several times this loop.
 */
function splitAt(line: string, sep: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (let i = line.indexOf(sep); i !== -1; i = line.indexOf(sep, i + 1)) {
    parts.push(line.slice(from, i));
    from = i + 1;
  }
  parts.push(line.slice(from));
  return parts;
}
