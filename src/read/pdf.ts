/**
 * The PDF reader (PDFs with a text layer). pdf.js gives the positioned text of every page and,
 * for the pages that hold table labels, the ruling lines; the three standard tables are rebuilt
 * as grids anchored on the template's labels (pdf/assemble.ts), everything else becomes one
 * paragraph per text line.
 *
 * Bad input ends in a ReadFailure, within a time budget and without decoding images: a
 * truncated or damaged file (CORRUPT), a password (ENCRYPTED), too many pages (TOO_LARGE), no
 * text layer (SCANNED), a budget overrun (TIMEOUT).
 */
import type { SourceInfo } from '../model/report.js';
import { ReadFailure, type SourceDocument } from './document.js';
import { assemble, type PageContent } from './pdf/assemble.js';
import { asReadFailure, openPdf, pdfjs, type PdfDocument } from './pdf/engine.js';
import { isAnchorLabel } from './pdf/anchors.js';
import { pageGraphics } from './pdf/graphics.js';
import { pageText } from './pdf/items.js';

export interface PdfReadOptions {
  /** More pages than this is not an annual report (they have 3–20): TOO_LARGE. */
  maxPages?: number;
  /** Milliseconds for the whole document before TIMEOUT. */
  timeBudgetMs?: number;
  /** Read ruling lines (default). Off: tables are rebuilt from text positions only. */
  rulings?: boolean;
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
    const pages = await readPages(doc, clock, options.rulings !== false);
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
    const { blocks, lines } = assemble(pages);
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

/** Every page's text; the ruling lines (and vertical glyphs) of the pages that need them. */
async function readPages(doc: PdfDocument, clock: Deadline, withRulings: boolean): Promise<PageContent[]> {
  const { OPS } = await pdfjs();
  const pages: PageContent[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await clock.run(doc.getPage(n), `reading page ${n}`);
    const viewport = page.getViewport({ scale: 1 });
    const text = pageText(await clock.run(page.getTextContent(), `reading the text of page ${n}`), viewport.transform, n);
    let items = text.items;
    let rulings: PageContent['rulings'] = [];
    // the operator list is costly: only for pages with table labels or vertical text
    const tablePage = withRulings && items.some((t) => isAnchorLabel(t.text));
    if (tablePage || text.verticalFonts.size) {
      const ops = await clock.run(page.getOperatorList(), `reading the graphics of page ${n}`);
      const graphics = pageGraphics(OPS, ops, viewport.transform, n, text.verticalFonts);
      if (tablePage) rulings = graphics.rulings;
      // pdf.js's text content can lose glyphs of vertical fonts; the operator list has them all
      const fromText = items.filter((t) => t.vertical).length;
      if (graphics.verticalGlyphs.length >= fromText && graphics.verticalGlyphs.length) {
        items = [...items.filter((t) => !t.vertical), ...graphics.verticalGlyphs];
      }
    }
    pages.push({ page: n, width: viewport.width, height: viewport.height, items, rulings });
    page.cleanup();
  }
  return pages;
}

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
