/**
 * WordprocessingML (word/document.xml) → blocks, in one streaming pass (a SAX scan, no DOM).
 * What the reader shows is what Word shows with all changes accepted:
 *
 * - tracked changes: inserted and moved-to text is kept, deleted and moved-from text dropped, a
 *   deleted paragraph mark joins the paragraph to the next one, a deleted row disappears;
 * - fields: the instruction text is skipped, the result kept;
 * - content controls (w:sdt) at block, row, cell and run level are transparent, except that a
 *   control still showing its placeholder ("单击此处输入文字") counts as empty;
 * - mc:AlternateContent: only the first choice is read (the fallback repeats the same text);
 * - tables: w:gridSpan, w:vMerge, w:hMerge, w:gridBefore/w:gridAfter become a span grid; a table
 *   that contains a table is page layout and its cells' contents are read as ordinary blocks,
 *   as the HTML reader does.
 *
 * Locations: `paragraph` is the 0-based index of the w:p in document order (paragraphs inside
 * tables counted too), `table` the 0-based index of the w:tbl in document order.
 */
import type { Loc } from '../model/report.js';
import { ReadFailure, type Block } from './document.js';
import { resolveSpans, type SpanCell } from './grid.js';
import { textBlocks } from './text.js';
import { attribute, attributes, decodeXml, scanXml } from './xml-scan.js';

const W_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const MC_NAMESPACE = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Elements whose whole content is not part of the accepted text. */
const SKIP = new Set([
  'instrText', 'delText', 'delInstrText',
  // the properties before a change: their gridSpan/vMerge must not override the current ones
  'pPrChange', 'rPrChange', 'tblPrChange', 'tcPrChange', 'trPrChange', 'sectPrChange', 'tblGridChange', 'tblPrExChange', 'numberingChange',
]);

/**
 * The element names the reader acts on or looks up as parents. Resolving an element's name goes
 * through this table (and a cache per namespace scope) so that the names compared in the hot path
 * are these literal strings, which compare by identity.
 */
const KNOWN_W = new Map(
  [
    'document', 'p', 'r', 't', 'tab', 'ptab', 'br', 'cr', 'noBreakHyphen', 'sym', 'del', 'moveFrom', 'fldChar', 'sdt', 'sdtPr',
    'showingPlcHdr', 'sdtContent', 'tbl', 'tr', 'trPr', 'gridBefore', 'gridAfter', 'tc', 'tcPr', 'gridSpan', 'vMerge', 'hMerge',
    'pPr', 'rPr', ...SKIP,
  ].map((n) => [n, n]),
);
const KNOWN_MC = new Map(['AlternateContent', 'Choice', 'Fallback'].map((n) => [n, n]));
/** Drawing and VML elements that stand for a picture. */
const PICTURES = new Set(['inline', 'anchor', 'imagedata']);

/**
 * Real reports have a few thousand paragraphs and cells; a document.xml within the inflate cap
 * can still declare millions of empty ones (or 63-column spans in every cell), and each costs an
 * object. Past these counts the document is refused instead of exhausting the memory.
 */
export const MAX_PARAGRAPHS_AND_CELLS = 500_000;
export const MAX_GRID_POSITIONS = 2_000_000;
const tooMany = (what: string, limit: number) =>
  new ReadFailure('TOO_LARGE', `the document has more than ${limit.toLocaleString('en')} ${what}; far more than any report`);

interface ElementName {
  /** The local name; '' for elements the reader does not act on. */
  local: string;
  mc: boolean;
  picture: boolean;
}
const OTHER: ElementName = { local: '', mc: false, picture: false };

interface ParaItem {
  kind: 'p';
  text: string;
  paragraph: number;
}
type Item = ParaItem | Block;

interface Container {
  items: Item[];
  /** A paragraph whose mark was deleted: it joins the next paragraph. */
  carry: ParaItem | null;
}

interface CellBuilder extends Container {
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
  hMerge: 'restart' | 'continue' | null;
  loc: Loc;
}
interface RowBuilder {
  cells: CellBuilder[];
  gridBefore: number;
  gridAfter: number;
  deleted: boolean;
}
interface TableBuilder {
  index: number;
  rows: RowBuilder[];
  hasNestedTable: boolean;
  /** Where the table's block goes: the body or the cell it sits in. */
  parent: Container;
}
interface ParaBuilder {
  parts: string[];
  paragraph: number;
  markDeleted: boolean;
}

export interface DocxBody {
  blocks: Block[];
  /** w:t text seen (outside placeholders and deleted runs): no text means an empty or image-only document. */
  textChars: number;
  drawings: number;
  /** The root element was a WordprocessingML w:document. */
  isWordDocument: boolean;
}

export function readDocumentXml(xml: string): DocxBody {
  const body: Container = { items: [], carry: null };
  const containers: Container[] = [body];
  const tables: TableBuilder[] = [];
  const paras: ParaBuilder[] = [];
  const sdts: { placeholder: boolean }[] = [];
  const alternates: { taken: boolean }[] = [];
  const cellOpened: boolean[] = [];
  // the open elements' local names ('' for those the reader does not act on)
  const stack: string[] = [];
  // namespace scopes: [0] is outside the root element, each element pushes its own
  const scopes: { prefixes: Map<string, string>; names: Map<string, ElementName> }[] = [{ prefixes: new Map(), names: new Map() }];
  let skipAt = 0;
  let suppress = 0;
  let inText = false;
  let fieldsInInstruction = 0;
  const fields: ('instr' | 'result')[] = [];
  let paragraphCount = 0;
  let tableCount = 0;
  let cellCount = 0;
  let gridPositions = 0;
  let textChars = 0;
  let drawings = 0;
  let isWordDocument = false;

  const container = () => containers[containers.length - 1];
  const parentIs = (name: string, depth = 1) => stack[stack.length - 1 - depth] === name;
  const emitText = (s: string) => {
    const p = paras[paras.length - 1];
    if (!p || suppress || fieldsInInstruction) return;
    p.parts.push(s);
  };
  const flushCarry = (c: Container) => {
    if (c.carry) c.items.push(c.carry);
    c.carry = null;
  };

  // each scope carries the cache of the names resolved in it
  const resolve = (qname: string, attrs: string): ElementName => {
    let top = scopes[scopes.length - 1];
    if (attrs.includes('xmlns')) {
      for (const [key, value] of attributes(attrs)) {
        if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
        if (top === scopes[scopes.length - 1]) top = { prefixes: new Map(top.prefixes), names: new Map() };
        top.prefixes.set(key === 'xmlns' ? '' : key.slice(6), value);
      }
    }
    scopes.push(top);
    const scope = top.prefixes;
    const cache = top.names;
    let name = cache.get(qname);
    if (!name) {
      const colon = qname.indexOf(':');
      const ns = scope.get(colon < 0 ? '' : qname.slice(0, colon)) ?? '';
      const local = colon < 0 ? qname : qname.slice(colon + 1);
      if (W_NAMESPACES.has(ns)) name = KNOWN_W.has(local) ? { local: KNOWN_W.get(local)!, mc: false, picture: false } : OTHER;
      else if (ns === MC_NAMESPACE) name = KNOWN_MC.has(local) ? { local: KNOWN_MC.get(local)!, mc: true, picture: false } : OTHER;
      else name = PICTURES.has(local) ? { local: '', mc: false, picture: true } : OTHER;
      cache.set(qname, name);
    }
    return name;
  };

  const openTag = (name: ElementName, attrs: string) => {
    const local = name.local;
    if (name.mc) {
      if (local === 'AlternateContent') alternates.push({ taken: false });
      else {
        // Choice or Fallback: only the first is read
        const alt = alternates[alternates.length - 1];
        if (!alt || alt.taken) skipAt = stack.length;
        else alt.taken = true;
      }
      return;
    }
    if (name.picture) drawings++;
    if (!local) return;
    if (stack.length === 1 && local === 'document') isWordDocument = true;
    if (SKIP.has(local)) {
      skipAt = stack.length;
      return;
    }
    switch (local) {
      case 'p':
        if (paragraphCount + cellCount >= MAX_PARAGRAPHS_AND_CELLS) throw tooMany('paragraphs and table cells', MAX_PARAGRAPHS_AND_CELLS);
        paras.push({ parts: [], paragraph: paragraphCount++, markDeleted: false });
        break;
      case 't':
        if (parentIs('r')) inText = true;
        break;
      case 'tab':
      case 'ptab':
        if (parentIs('r')) emitText('\t');
        break;
      case 'br':
      case 'cr':
        if (parentIs('r')) emitText('\n');
        break;
      case 'noBreakHyphen':
        if (parentIs('r')) emitText('-');
        break;
      case 'sym':
        if (parentIs('r')) emitText(symbol(attribute(attrs, 'char')));
        break;
      case 'del':
      case 'moveFrom':
        // on a paragraph mark or a row it marks them deleted; around runs it holds deleted text
        if (parentIs('rPr') && parentIs('pPr', 2)) {
          const p = paras[paras.length - 1];
          if (p) p.markDeleted = true;
        } else if (parentIs('trPr')) {
          const t = tables[tables.length - 1];
          const row = t?.rows[t.rows.length - 1];
          if (row) row.deleted = true;
        } else skipAt = stack.length;
        break;
      case 'fldChar': {
        const type = attribute(attrs, 'fldCharType');
        if (type === 'begin') {
          fields.push('instr');
          fieldsInInstruction++;
        } else if (type === 'separate' && fields[fields.length - 1] === 'instr') {
          fields[fields.length - 1] = 'result';
          fieldsInInstruction--;
        } else if (type === 'end' && fields.length) {
          if (fields.pop() === 'instr') fieldsInInstruction--;
        }
        break;
      }
      case 'sdt':
        sdts.push({ placeholder: false });
        break;
      case 'showingPlcHdr':
        if (parentIs('sdtPr') && sdts.length && attribute(attrs, 'val') !== 'false' && attribute(attrs, 'val') !== '0') sdts[sdts.length - 1].placeholder = true;
        break;
      case 'sdtContent':
        if (sdts[sdts.length - 1]?.placeholder) suppress++;
        break;
      case 'tbl': {
        const parent = container();
        flushCarry(parent);
        const outer = tables[tables.length - 1];
        if (outer && parent !== body) outer.hasNestedTable = true;
        tables.push({ index: tableCount++, rows: [], hasNestedTable: false, parent });
        break;
      }
      case 'tr': {
        const t = tables[tables.length - 1];
        if (t) t.rows.push({ cells: [], gridBefore: 0, gridAfter: 0, deleted: false });
        break;
      }
      case 'gridBefore':
      case 'gridAfter':
        if (parentIs('trPr')) {
          const t = tables[tables.length - 1];
          const row = t?.rows[t.rows.length - 1];
          if (row) row[local] = clampInt(attribute(attrs, 'val'), 0, 63);
        }
        break;
      case 'tc': {
        const t = tables[tables.length - 1];
        const row = t?.rows[t.rows.length - 1];
        cellOpened.push(!!(t && row));
        if (!t || !row) break;
        if (paragraphCount + ++cellCount >= MAX_PARAGRAPHS_AND_CELLS) throw tooMany('paragraphs and table cells', MAX_PARAGRAPHS_AND_CELLS);
        const cell: CellBuilder = { items: [], carry: null, gridSpan: 1, vMerge: null, hMerge: null, loc: { table: t.index, paragraph: paragraphCount } };
        row.cells.push(cell);
        containers.push(cell);
        break;
      }
      case 'gridSpan':
      case 'vMerge':
      case 'hMerge': {
        if (!parentIs('tcPr')) break;
        const cell = container() as CellBuilder;
        if (!('gridSpan' in cell)) break;
        if (local === 'gridSpan') cell.gridSpan = clampInt(attribute(attrs, 'val'), 1, 63);
        else cell[local] = attribute(attrs, 'val') === 'restart' ? 'restart' : 'continue';
        break;
      }
    }
  };

  const closeTag = (local: string) => {
    switch (local) {
      case 't':
        inText = false;
        break;
      case 'p': {
        const p = paras.pop();
        if (!p) break;
        const c = container();
        const own = p.parts.join('');
        const item: ParaItem = c.carry ? { kind: 'p', text: c.carry.text + own, paragraph: c.carry.paragraph } : { kind: 'p', text: own, paragraph: p.paragraph };
        c.carry = null;
        if (p.markDeleted) c.carry = item;
        else c.items.push(item);
        break;
      }
      case 'sdt':
        sdts.pop();
        break;
      case 'sdtContent':
        if (sdts[sdts.length - 1]?.placeholder && suppress) suppress--;
        break;
      case 'tc':
        // a w:tc outside a row (a broken file) opened no cell
        if (cellOpened.pop() && container() !== body) {
          flushCarry(container());
          containers.pop();
        }
        break;
      case 'tbl': {
        const t = tables.pop();
        if (t) finishTable(t);
        break;
      }
    }
  };

  const finishTable = (t: TableBuilder) => {
    // a cell left open by a broken file
    while (container() !== t.parent && container() !== body) containers.pop();
    const rows = t.rows.filter((r) => !r.deleted && (r.cells.length || r.gridBefore || r.gridAfter));
    if (t.hasNestedTable) {
      // (no push(...items): a spread of a huge cell would overflow the call stack)
      for (const row of rows) for (const cell of row.cells) for (const item of cell.items) t.parent.items.push(item);
      return;
    }
    if (!rows.length) return;
    const spans = spanRows(rows, t.index);
    let width = 0;
    for (const row of spans) {
      let w = 0;
      for (const c of row) w += c.colSpan ?? 1;
      width = Math.max(width, w);
    }
    gridPositions += width * spans.length;
    if (gridPositions > MAX_GRID_POSITIONS) throw tooMany('table grid positions', MAX_GRID_POSITIONS);
    t.parent.items.push({ kind: 'table', rows: resolveSpans(spans), loc: { table: t.index }, structure: 'grid' });
  };

  // the qualified names of the open elements, to match close tags as written
  const qnames: string[] = [];
  const closeOne = () => {
    qnames.pop();
    const local = stack.pop() ?? '';
    scopes.pop();
    if (skipAt) {
      // the skipped element itself has closed
      if (stack.length < skipAt) skipAt = 0;
      return;
    }
    if (local === 'AlternateContent') alternates.pop();
    else if (local) closeTag(local);
  };
  scanXml(xml, {
    open(qname, attrs) {
      const name = resolve(qname, attrs);
      qnames.push(qname);
      stack.push(name.local);
      if (skipAt) return;
      openTag(name, attrs);
    },
    text(raw) {
      if (!inText || skipAt) return;
      const data = decodeXml(raw);
      if (!paras.length || suppress || fieldsInInstruction) return;
      emitText(data);
      textChars += data.trim().length;
    },
    close(qname) {
      // a broken part may close an outer element early (close the inner ones) or close nothing;
      // the search depth is bounded so that a hostile part cannot make it quadratic
      let at = qnames.length - 1;
      while (at >= 0 && at >= qnames.length - 256 && qnames[at] !== qname) at--;
      if (at < 0 || qnames[at] !== qname) return;
      while (qnames.length > at) closeOne();
    },
  });
  // a part cut short: close what is open, innermost first, so that its text is kept
  while (qnames.length) closeOne();
  flushCarry(body);
  return { blocks: toBlocks(body.items), textChars, drawings, isWordDocument };
}

/** Word rows → rows of span cells for resolveSpans: vertical merges become rowSpan on the first cell. */
function spanRows(rows: RowBuilder[], table: number): SpanCell[][] {
  const out: SpanCell[][] = [];
  // the cell that started a vertical merge, by its first grid column
  let open = new Map<number, { cell: SpanCell; span: number }>();
  for (const row of rows) {
    const cells: SpanCell[] = [];
    const stillOpen = new Map<number, { cell: SpanCell; span: number }>();
    let col = 0;
    const empty = (n: number) => {
      for (let i = 0; i < n; i++) cells.push({ text: '', loc: { table } });
      col += n;
    };
    empty(row.gridBefore);
    for (const c of row.cells) {
      const span = c.gridSpan;
      const previous = cells[cells.length - 1];
      if (c.hMerge === 'continue' && previous && cells.length > row.gridBefore) {
        previous.colSpan = (previous.colSpan ?? 1) + span;
        col += span;
        continue;
      }
      const above = open.get(col);
      if (c.vMerge === 'continue' && above && above.span === span) {
        above.cell.rowSpan = (above.cell.rowSpan ?? 1) + 1;
        stillOpen.set(col, above);
        col += span;
        continue;
      }
      const cell: SpanCell = { text: cellText(c), loc: c.loc, colSpan: span };
      cells.push(cell);
      if (c.vMerge) stillOpen.set(col, { cell, span });
      col += span;
    }
    empty(row.gridAfter);
    open = stillOpen;
    out.push(cells);
  }
  return out;
}

/** A cell's paragraphs, each trimmed, blank ones dropped, joined by line breaks. */
function cellText(cell: CellBuilder): string {
  const parts: string[] = [];
  for (const item of cell.items) if (item.kind === 'p' && item.text.trim()) parts.push(item.text.trim());
  return parts.join('\n');
}

/**
 * Body paragraphs → blocks through textBlocks, because a Word file made from a text export
 * carries its tables as tab-separated paragraphs (and, pasted from a Markdown export, its
 * "## 一、总体情况" headings, read as the text reader reads them). Leading tabs that only indent
 * prose or a signature line are dropped first, so that they are not read as one-cell-per-line
 * table rows.
 */
function toBlocks(items: Item[]): Block[] {
  const blocks: Block[] = [];
  const markdown = items.some((item) => item.kind === 'p' && /^#{1,6}\s+\S/m.test(item.text));
  let lines: string[] = [];
  let locs: number[] = [];
  const flush = () => {
    if (lines.length) {
      const at = locs;
      for (const block of textBlocks(lines, (i) => ({ paragraph: at[i] }), { markdown })) blocks.push(block);
    }
    lines = [];
    locs = [];
  };
  for (const item of items) {
    if (item.kind !== 'p') {
      flush();
      blocks.push(item);
      continue;
    }
    for (const line of item.text.split('\n')) {
      lines.push(indentOnly(line) ? line.replace(/^\t+/, '') : line);
      locs.push(item.paragraph);
    }
  }
  flush();
  return blocks;
}

/** A line whose leading tabs are indentation: several tabs before the only text, or one tab before a sentence. */
function indentOnly(line: string): boolean {
  const m = /^(\t+)([^\t]+)$/.exec(line);
  if (!m) return false;
  return m[1].length > 1 || /[。；！？]\s*$/.test(m[2]) || m[2].trim().length > 60;
}

function clampInt(value: string | undefined, min: number, max: number): number {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, min), max) : min;
}

/** w:sym: symbol fonts put ASCII glyphs at U+F020–U+F07E. */
function symbol(hex: string | undefined): string {
  const code = Number.parseInt(hex ?? '', 16);
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return '';
  return String.fromCodePoint(code >= 0xf020 && code <= 0xf07e ? code - 0xf000 : code);
}
