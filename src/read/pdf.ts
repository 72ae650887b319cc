/**
 * The PDF reader (PDFs with a text layer). pdf.js gives the positioned text of every page; the
 * three standard tables are rebuilt as grids anchored on the template's labels from the text
 * positions (pdf/positional.ts) and — only when that does not give them complete
 * (pdf/complete.ts) — from the ruling lines of the pages that hold table labels (pdf/ruled.ts,
 * pdf/assemble.ts); everything else becomes one paragraph per text line. Ruling lines come from
 * pdf.js's operator lists, which cost as much again as the text: most reports never need them.
 *
 * Bad input ends in a ReadFailure, within a time budget and without decoding images: a
 * truncated or damaged file (CORRUPT), a password (ENCRYPTED), too many pages (TOO_LARGE), no
 * text layer (SCANNED), a budget overrun (TIMEOUT).
 */
import type { SourceInfo } from '../model/report.js';
import { ReadFailure, type SourceDocument } from './document.js';
import { assemble, type PageContent } from './pdf/assemble.js';
import { asReadFailure, openPdf, pdfjs, type PdfDocument, type PdfPage } from './pdf/engine.js';
import { isAnchorLabel, type StandardTable } from './pdf/anchors.js';
import { completeTables } from './pdf/complete.js';
import type { Ruling } from './pdf/geometry.js';
import { positionalTables, type PositionalTable } from './pdf/positional.js';
import { pageGraphics } from './pdf/graphics.js';
import { pageText } from './pdf/items.js';

export interface PdfReadOptions {
  /** More pages than this is not an annual report (they have 3–20): TOO_LARGE. */
  maxPages?: number;
  /** Milliseconds for the whole document before TIMEOUT. */
  timeBudgetMs?: number;
  /**
   * Ruling lines, read from the pages' operator lists (costly). By default ('auto') only when
   * the standard tables cannot all be rebuilt completely from text positions (complete.ts);
   * then from every page with table labels, and the ruled tables are used. `true`: always on
   * the pages with table labels (the ruled grids, whatever the positions give). `false`: never;
   * tables are rebuilt from text positions only.
   */
  rulings?: boolean | 'auto';
}

export const PDF_MAX_PAGES = 200;
export const PDF_TIME_BUDGET_MS = 30_000;
/** Fewer letters (Han or other; digits do not count) than this in the whole file: no text layer. */
const MIN_TEXT = 10;

export async function readPdf(data: Buffer, source: SourceInfo, options: PdfReadOptions = {}): Promise<SourceDocument> {
  const maxPages = options.maxPages ?? PDF_MAX_PAGES;
  const budget = options.timeBudgetMs ?? PDF_TIME_BUDGET_MS;
  if (!hasEndMarker(data)) {
    throw new ReadFailure('CORRUPT', 'the PDF is truncated (its end-of-file marker is missing); it was probably not downloaded completely');
  }
  const clock = new Deadline(budget);
  const doc = await clock.run(openPdf(data), 'opening the file');
  try {
    if (doc.numPages > maxPages) {
      throw new ReadFailure('TOO_LARGE', `the PDF has ${doc.numPages} pages; the limit is ${maxPages} (annual reports are far shorter)`);
    }
    const { pages, positional } = await readPages(doc, clock, rulingsMode(options.rulings));
    const readable = pages.reduce((n, p) => n + p.items.reduce((m, t) => m + countReadable(t.text), 0), 0);
    if (readable < MIN_TEXT) {
      const anyText = pages.some((p) => p.items.length > 0);
      throw new ReadFailure(
        'SCANNED',
        anyText
          ? "the PDF's text cannot be decoded (its fonts map the glyphs to no characters); gongkai does not do OCR"
          : 'the PDF has no text layer (a scan); gongkai does not do OCR',
      );
    }
    const { blocks, lines } = assemble(pages, positional);
    // The document information dictionary's Title is not passed on: Word carries it over from
    // the template or last year's file ("政府信息公开工作年度报告", an old year), and the title
    // printed on the first page is what the report says it is.
    return { source, blocks, lines, metaHints: {} };
  } catch (e) {
    throw asReadFailure(e);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

interface PageRead {
  content: PageContent;
  /** The page holds table labels. */
  tablePage: boolean;
  /** The page's ruling lines, once its operator list was read (for vertical glyphs or rulings). */
  rulings?: Ruling[];
}

/**
 * Every page's text, with the glyphs of vertical fonts from the operator list where the page
 * has them; the ruling lines of the pages with table labels when they are needed (see
 * PdfReadOptions.rulings).
 */
async function readPages(doc: PdfDocument, clock: Deadline, mode: RulingsMode): Promise<{ pages: PageContent[]; positional?: PositionalTable[] }> {
  const pages: PageRead[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await clock.run(doc.getPage(n), `reading page ${n}`);
    const viewport = page.getViewport({ scale: 1 });
    const text = pageText(await clock.run(page.getTextContent(), `reading the text of page ${n}`), viewport.transform, n);
    const tablePage = mode !== 'never' && text.items.some((t) => isAnchorLabel(t.text));
    const read: PageRead = { content: { page: n, width: viewport.width, height: viewport.height, items: text.items, rulings: [] }, tablePage };
    // pdf.js's text content can lose glyphs of vertical fonts; the operator list has them all
    if (text.verticalFonts.size || (tablePage && mode === 'always')) await readGraphics(read, page, text.verticalFonts, clock);
    pages.push(read);
    page.cleanup();
  }
  const contents = pages.map((p) => p.content);
  const tablePages = pages.filter((p) => p.tablePage);
  if (mode === 'never' || (mode === 'auto' && !tablePages.length)) return { pages: contents };
  if (mode === 'auto') {
    // by default the ruled grids are only read when the positions do not give complete tables;
    // then from every page with table labels (a table split over pages is ruled on all of them)
    const positional = positionalTables(contents, STANDARD);
    const complete = completeTables(positional);
    if (STANDARD.every((k) => complete.has(k))) return { pages: contents, positional };
  }
  for (const read of tablePages) {
    if (!read.rulings) {
      const n = read.content.page;
      const page = await clock.run(doc.getPage(n), `reading page ${n}`);
      await readGraphics(read, page, new Set(), clock);
      page.cleanup();
    }
    read.content.rulings = read.rulings ?? [];
  }
  return { pages: contents };
}

/** A page's ruling lines, and the glyphs of its vertical fonts, from its operator list. */
async function readGraphics(read: PageRead, page: PdfPage, verticalFonts: Set<string>, clock: Deadline): Promise<void> {
  const { OPS, AnnotationMode } = await pdfjs();
  const n = read.content.page;
  // the page's own content: annotations (links, stamps) hold neither table rules nor labels
  const ops = await clock.run(page.getOperatorList({ annotationMode: AnnotationMode.DISABLE }), `reading the graphics of page ${n}`);
  const graphics = pageGraphics(OPS, ops, page.getViewport({ scale: 1 }).transform, n, verticalFonts);
  read.rulings = graphics.rulings;
  const items = read.content.items;
  const fromText = items.filter((t) => t.vertical).length;
  if (graphics.verticalGlyphs.length >= fromText && graphics.verticalGlyphs.length) {
    read.content.items = [...items.filter((t) => !t.vertical), ...graphics.verticalGlyphs];
  }
}

const STANDARD: StandardTable[] = ['table2', 'table3', 'table4'];

type RulingsMode = 'auto' | 'always' | 'never';
const rulingsMode = (option: PdfReadOptions['rulings']): RulingsMode => (option === true ? 'always' : option === false ? 'never' : 'auto');

const READABLE = /\p{L}/gu;
const countReadable = (s: string) => s.match(READABLE)?.length ?? 0;

/**
 * A complete PDF ends with %%EOF — followed at most by whitespace, NUL padding or a little junk.
 * A download cut short does not (pdf.js would rebuild what it can and read a part silently).
 */
function hasEndMarker(data: Buffer): boolean {
  let end = data.length;
  while (end > 0 && (data[end - 1] <= 0x20 || data[end - 1] === 0x7f)) end--;
  return data.subarray(Math.max(0, end - 1024), end).toString('latin1').includes('%%EOF');
}

/** The time budget of one document: every pdf.js call races it. */
class Deadline {
  private readonly end: number;
  constructor(private readonly budget: number) {
    this.end = Date.now() + budget;
  }

  async run<T>(work: Promise<T>, what: string): Promise<T> {
    const left = this.end - Date.now();
    const timeout = () => new ReadFailure('TIMEOUT', `reading the PDF took longer than ${this.budget / 1000} s (${what})`);
    if (left <= 0) {
      work.catch(() => undefined);
      throw timeout();
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(timeout()), left);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
