/**
 * The document model every reader produces: paragraphs and table grids in reading order,
 * each with its location in the source. Recognition works on this and nothing else, so a
 * new format only needs a reader.
 */
import type { Loc, SourceInfo } from '../model/report.js';

export interface Paragraph {
  kind: 'paragraph';
  text: string;
  loc: Loc;
}

export interface TableCell {
  text: string;
  loc: Loc;
  /** Set on the grid positions a merged cell covers; the text is the merged cell's text. */
  spanned?: boolean;
  rowSpan?: number;
  colSpan?: number;
  /** What the reader had to interpret to produce this text (e.g. digits printed apart, re-joined). */
  note?: string;
}

export interface Table {
  kind: 'table';
  /** A rectangular-ish grid: rowspan/colspan are resolved, covered positions carry `spanned`. */
  rows: TableCell[][];
  loc: Loc;
  /**
   * How the grid was obtained. 'grid' = real cells (HTML, DOCX, PDF rulings, tab layouts);
   * 'stream' = the cells' order is known but rows/columns are not (crawler or pdftotext -raw
   * text): recognition must not trust the row boundaries.
   */
  structure: 'grid' | 'stream';
}

export type Block = Paragraph | Table;

export interface SourceDocument {
  source: SourceInfo;
  blocks: Block[];
  /**
   * The source as lines of text, for diagnostics (`path:line` and the line under it). A string
   * array satisfies it; the HTML reader decodes a line only when it is asked for, since most
   * reports need none and a page is mostly markup.
   */
  lines?: SourceLines;
  /** Metadata the container itself carries (HTML <title>, crawler headers, DOCX core props). */
  metaHints: {
    /** A title the container states for the page itself (HTML ArticleTitle, crawler 标题). */
    title?: string;
    /** A title from document properties (DOCX dc:title): often left over from last year's file. */
    propertiesTitle?: string;
    published?: string;
    publisher?: string;
  };
}

/** Lines of a source, 0-based; `at` is undefined past the end (as on an array). */
export interface SourceLines {
  readonly length: number;
  at(index: number): string | undefined;
}

export class ReadFailure extends Error {
  constructor(
    readonly code: ReadErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type ReadErrorCode =
  | 'NOT_FOUND'
  | 'EMPTY'
  | 'BINARY'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_FORMAT'
  | 'NOT_A_REPORT'
  | 'CORRUPT'
  | 'ENCRYPTED'
  | 'SCANNED'
  | 'CONVERTER_MISSING'
  | 'TIMEOUT';

export function paragraph(text: string, loc: Loc): Paragraph {
  return { kind: 'paragraph', text, loc };
}

/** The plain text of a block, cells joined row by row (for searching prose and titles). */
export function blockText(block: Block): string {
  if (block.kind === 'paragraph') return block.text;
  return block.rows.map((r) => r.filter((c) => !c.spanned).map((c) => c.text).join(' ')).join('\n');
}
