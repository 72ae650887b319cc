/**
 * HTML reports (saved government pages, Word "save as web page", LibreOffice HTML). One
 * streaming pass over the tags (html-scan.ts) — no DOM — because pages are mostly navigation and
 * the batch target is a thousand reports a second. Tables become grids with spans resolved; a
 * table that contains tables is page layout, and its cells' contents are read as ordinary blocks.
 */
import type { Loc, SourceInfo } from '../model/report.js';
import { paragraph, type Block, type SourceDocument } from './document.js';
import { resolveSpans, type SpanCell } from './grid.js';
import { scanHtml } from './html-scan.js';

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'select', 'iframe', 'svg', 'object']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'aside', 'header', 'footer', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'center', 'form', 'address', 'figure', 'figcaption', 'hr', 'br',
]);

interface TextSink {
  parts: Block[];
  text: string;
  textLoc: Loc | null;
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

export function readHtml(html: string, source: SourceInfo): SourceDocument {
  const lineStarts = [0];
  for (let i = html.indexOf('\n'); i !== -1; i = html.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineAt = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const blocks: Block[] = [];
  const metaHints: SourceDocument['metaHints'] = {};
  const tables: TableBuilder[] = [];
  let skip = 0;
  let inTitle = false;
  let title = '';
  // text is collected into the innermost open cell, or the page itself outside tables
  const page: TextSink = { parts: blocks, text: '', textLoc: null };

  const target = (): TextSink => tables[tables.length - 1]?.cell ?? page;
  // text always carries the location of its first piece (set by append)
  const flush = (sink: TextSink) => {
    if (!sink.text) return;
    const t = sink === page ? sink.text.replace(/\s+/g, ' ').trim() : sink.text.trim();
    if (t) sink.parts.push(paragraph(t, sink.textLoc!));
    sink.text = '';
    sink.textLoc = null;
  };
  const append = (s: string, at: number) => {
    const sink = target();
    if (!sink.textLoc) sink.textLoc = { line: lineAt(at) };
    sink.text += s;
  };

  const closeCell = (t: TableBuilder) => {
    if (!t.cell) return;
    flush(t.cell);
    t.cell = null;
  };

  const finishTable = (t: TableBuilder) => {
    closeCell(t);
    const rows = t.rows.filter((r) => r.length);
    const out = tables.length ? tables[tables.length - 1] : null;
    const dest = out?.cell ? out.cell.parts : blocks;
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
  };

  scanHtml(html, {
    open(name, attrs, at) {
      if (skip || SKIP.has(name)) {
        if (SKIP.has(name)) skip++;
        return;
      }
      if (name === 'title') inTitle = true;
      else if (name === 'meta') {
        const a = attrs();
        const key = (a.name ?? a.property ?? '').toLowerCase();
        if (key === 'articletitle' && a.content) metaHints.title = a.content.trim();
        if (key === 'pubdate' && a.content) metaHints.published = a.content.trim();
        if ((key === 'contentsource' || key === 'author') && a.content && !metaHints.publisher) metaHints.publisher = a.content.trim();
      } else if (name === 'table') {
        flush(target());
        const parent = tables[tables.length - 1];
        if (parent) parent.nested = true;
        tables.push({ rows: [], cell: null, nested: false, loc: { line: lineAt(at) } });
      } else if (name === 'tr') {
        const t = tables[tables.length - 1];
        if (t) {
          closeCell(t);
          t.rows.push([]);
        }
      } else if (name === 'td' || name === 'th') {
        const t = tables[tables.length - 1];
        if (t) {
          closeCell(t);
          if (!t.rows.length) t.rows.push([]);
          const a = attrs();
          const cell: CellBuilder = {
            parts: [],
            text: '',
            textLoc: null,
            rowSpan: Math.min(Number.parseInt(a.rowspan ?? '1', 10) || 1, 1000),
            colSpan: Math.min(Number.parseInt(a.colspan ?? '1', 10) || 1, 100),
            loc: { line: lineAt(at) },
          };
          t.rows[t.rows.length - 1].push(cell);
          t.cell = cell;
        }
      } else if (BLOCK.has(name)) flush(target());
    },
    text(data, at) {
      if (skip) return;
      if (inTitle) title += data;
      else append(data, at);
    },
    close(name) {
      if (SKIP.has(name)) {
        if (skip) skip--;
        return;
      }
      // an element left open (an unclosed <select>) must not hide the rest of the page
      if (name === 'body' || name === 'html') skip = 0;
      if (skip) return;
      if (name === 'title') inTitle = false;
      else if (name === 'table') {
        const t = tables.pop();
        if (t) finishTable(t);
      } else if (name === 'td' || name === 'th') {
        const t = tables[tables.length - 1];
        if (t) closeCell(t);
      } else if (BLOCK.has(name)) flush(target());
    },
  });
  while (tables.length) finishTable(tables.pop()!);
  flush(page);
  if (!metaHints.title && title.trim()) metaHints.title = title.trim().split(/[_|｜]/)[0].trim();
  return { source, blocks, lines: html.split('\n'), metaHints };
}
