/**
 * HTML reports (saved government pages, Word "save as web page", LibreOffice HTML). One
 * streaming pass over the tags in the page's bytes (html-scan.ts) — no DOM, no decoding of the
 * markup — because pages are mostly navigation and the batch target is a thousand reports a
 * second. Tables become grids with spans resolved; a
 * table that contains tables is page layout, and its cells' contents are read as ordinary blocks.
 */
import type { Loc, SourceInfo } from '../model/report.js';
import { paragraph, type Block, type SourceDocument } from './document.js';
import { resolveSpans, type SpanCell } from './grid.js';
import { attributes, decodeRun, isSpace, scanHtml, type HtmlHandler } from './html-scan.js';
import { LazyLines } from './lazy-lines.js';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'select', 'iframe', 'svg', 'object']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'aside', 'header', 'footer', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'center', 'form', 'address', 'figure', 'figcaption', 'hr', 'br',
]);

/** The elements the reader acts on; the scanner does not report the others' tags. */
const ELEMENTS: ReadonlySet<string> = new Set([...SKIP, ...BLOCK, 'title', 'meta', 'table', 'tr', 'td', 'th', 'body', 'html']);
const META_ATTRIBUTES = ['name', 'property', 'content'];
const SPAN_ATTRIBUTES = ['rowspan', 'colspan'];

interface TextSink {
  parts: Block[];
  text: string;
  /** Where the text began: set by its first piece, even a whitespace one. */
  textLoc: Loc | null;
  /**
   * Whitespace-only runs after the text, as byte ranges [start, end, …] (the first `pending`
   * entries). A sink's text is trimmed, and in Word pages nearly all such runs are indentation
   * before a closing tag, so they are decoded only when more text follows.
   */
  spaces: number[] | null;
  pending: number;
}
interface CellBuilder extends TextSink {
  rowSpan: number;
  colSpan: number;
  loc: Loc;
}
interface TableBuilder {
  rows: CellBuilder[][];
  cell: CellBuilder | null;
  nested: boolean;
  loc: Loc;
}

/** `html` is the page as UTF-8 bytes (what readBytes passes) or as a string. */
export function readHtml(html: Buffer | string, source: SourceInfo): SourceDocument {
  const bytes = typeof html === 'string' ? Buffer.from(html, 'utf8') : html;
  const reader = new HtmlReader(bytes);
  scanHtml(bytes, reader);
  return { source, blocks: reader.finish(), lines: new LazyLines(bytes), metaHints: reader.metaHints };
}

/**
 * The scanner's handler: builds the blocks of one page. A class, not closures made per page: V8
 * optimises a closure's first instance for its own page and compiles it again for the second,
 * and these run for every tag and text run of every page.
 */
class HtmlReader implements HtmlHandler {
  readonly elements = ELEMENTS;
  readonly metaHints: SourceDocument['metaHints'] = {};
  private readonly lines: LineCounter;
  private readonly blocks: Block[] = [];
  private readonly tables: TableBuilder[] = [];
  private skip = 0;
  private inTitle = false;
  private title = '';
  /** Text is collected into the innermost open cell, or the page itself outside tables. */
  private readonly page: TextSink;

  constructor(private readonly bytes: Buffer) {
    this.lines = new LineCounter(bytes);
    this.page = { parts: this.blocks, text: '', textLoc: null, spaces: null, pending: 0 };
  }

  /** The blocks, once the page has been scanned: tables left open are closed. */
  finish(): Block[] {
    while (this.tables.length) this.finishTable(this.tables.pop()!);
    this.flush(this.page);
    const title = this.title.trim();
    if (!this.metaHints.title && title) this.metaHints.title = title.split(/[_|｜]/)[0].trim();
    return this.blocks;
  }

  // (not tables[tables.length - 1]: index -1 of an empty array is a slow named-property miss)
  private innermost(): TableBuilder | undefined {
    return this.tables.length ? this.tables[this.tables.length - 1] : undefined;
  }

  private target(): TextSink {
    return this.innermost()?.cell ?? this.page;
  }

  private flush(sink: TextSink): void {
    if (!sink.textLoc) return;
    // the page's text is laid out by the browser (whitespace collapses); a cell keeps its line breaks
    const t = sink === this.page ? collapseSpaces(sink.text) : sink.text.trim();
    if (t) sink.parts.push(paragraph(t, sink.textLoc));
    sink.text = '';
    sink.textLoc = null;
    sink.pending = 0;
  }

  private append(start: number, end: number, raw: boolean): void {
    const bytes = this.bytes;
    const sink = this.target();
    if (!sink.textLoc) sink.textLoc = { line: this.lines.at(start) };
    if (isBlank(bytes, start, end)) {
      if (sink.text) {
        const spaces = (sink.spaces ??= []);
        spaces[sink.pending++] = start;
        spaces[sink.pending++] = end;
      }
      return;
    }
    if (sink.pending) {
      if (sink === this.page) sink.text += ' ';
      else for (let i = 0; i < sink.pending; i += 2) sink.text += bytes.toString('latin1', sink.spaces![i], sink.spaces![i + 1]);
      sink.pending = 0;
    }
    sink.text += decodeRun(bytes, start, end, raw);
  }

  private closeCell(t: TableBuilder): void {
    if (!t.cell) return;
    this.flush(t.cell);
    t.cell = null;
  }

  private finishTable(t: TableBuilder): void {
    this.closeCell(t);
    const rows = t.rows.filter((r) => r.length);
    const dest = this.innermost()?.cell?.parts ?? this.blocks;
    if (t.nested) {
      // layout table: its cells are containers of ordinary blocks
      for (const row of rows) for (const cell of row) for (const part of cell.parts) dest.push(part);
      return;
    }
    if (!rows.length) return;
    const spanRows: SpanCell[][] = rows.map((row) =>
      row.map((c) => ({
        text: c.parts.map((p) => (p.kind === 'paragraph' ? p.text : '')).join('\n'),
        loc: c.loc,
        rowSpan: c.rowSpan,
        colSpan: c.colSpan,
      })),
    );
    dest.push({ kind: 'table', rows: resolveSpans(spanRows), loc: t.loc, structure: 'grid' });
  }

  open(name: string, attrStart: number, attrEnd: number, at: number): void {
    if (this.skip || SKIP.has(name)) {
      if (SKIP.has(name)) this.skip++;
      return;
    }
    const bytes = this.bytes;
    if (name === 'title') this.inTitle = true;
    else if (name === 'meta') {
      const a = attributes(bytes, attrStart, attrEnd, META_ATTRIBUTES);
      const key = (a.name ?? a.property ?? '').toLowerCase();
      const hints = this.metaHints;
      if (key === 'articletitle' && a.content) hints.title = a.content.trim();
      if (key === 'pubdate' && a.content) hints.published = a.content.trim();
      if ((key === 'contentsource' || key === 'author') && a.content && !hints.publisher) hints.publisher = a.content.trim();
    } else if (name === 'table') {
      this.flush(this.target());
      const parent = this.innermost();
      if (parent) parent.nested = true;
      this.tables.push({ rows: [], cell: null, nested: false, loc: { line: this.lines.at(at) } });
    } else if (name === 'tr') {
      const t = this.innermost();
      if (t) {
        this.closeCell(t);
        t.rows.push([]);
      }
    } else if (name === 'td' || name === 'th') {
      const t = this.innermost();
      if (t) {
        this.closeCell(t);
        if (!t.rows.length) t.rows.push([]);
        const a = attributes(bytes, attrStart, attrEnd, SPAN_ATTRIBUTES);
        const cell: CellBuilder = {
          parts: [],
          text: '',
          textLoc: null,
          spaces: null,
          pending: 0,
          rowSpan: Math.min(Number.parseInt(a.rowspan ?? '1', 10) || 1, 1000),
          colSpan: Math.min(Number.parseInt(a.colspan ?? '1', 10) || 1, 100),
          loc: { line: this.lines.at(at) },
        };
        t.rows[t.rows.length - 1].push(cell);
        t.cell = cell;
      }
    } else if (BLOCK.has(name)) this.flush(this.target());
  }

  text(start: number, end: number, raw: boolean): void {
    if (this.skip) return;
    if (this.inTitle) this.title += decodeRun(this.bytes, start, end, raw);
    else this.append(start, end, raw);
  }

  close(name: string): void {
    if (SKIP.has(name)) {
      if (this.skip) this.skip--;
      return;
    }
    // an element left open (an unclosed <select>) must not hide the rest of the page
    if (name === 'body' || name === 'html') this.skip = 0;
    if (this.skip) return;
    if (name === 'title') this.inTitle = false;
    else if (name === 'table') {
      const t = this.tables.pop();
      if (t) this.finishTable(t);
    } else if (name === 'td' || name === 'th') {
      const t = this.innermost();
      if (t) this.closeCell(t);
    } else if (BLOCK.has(name)) this.flush(this.target());
  }
}

/** Text as a browser lays it out: whitespace runs are one space, none at the ends. */
function collapseSpaces(text: string): string {
  // most paragraphs need no replacing, and finding that out allocates nothing
  return (MORE_THAN_A_SPACE.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
}

const MORE_THAN_A_SPACE = /[^\S ]| {2}/;

/** True when bytes [start, end) are all ASCII whitespace. */
function isBlank(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(bytes[i])) return false;
  return true;
}

/**
 * Line numbers of byte offsets. The reader asks in increasing order, so newlines are counted
 * onwards from the previous answer; an earlier offset starts the count again.
 */
class LineCounter {
  private line = 1;
  private offset = 0;
  private nextNewline: number;

  constructor(private readonly bytes: Buffer) {
    this.nextNewline = bytes.indexOf(10);
  }

  at(offset: number): number {
    if (offset < this.offset) {
      this.line = 1;
      this.nextNewline = this.bytes.indexOf(10);
    }
    this.offset = offset;
    while (this.nextNewline !== -1 && this.nextNewline < offset) {
      this.line++;
      this.nextNewline = this.bytes.indexOf(10, this.nextNewline + 1);
    }
    return this.line;
  }
}
