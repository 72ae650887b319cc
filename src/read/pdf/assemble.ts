/**
 * Pages → blocks in reading order. The ruled pieces whose labels say they are one of the three
 * standard tables become Table blocks — joined with their continuation on the next page — and
 * the standard tables that have no ruling lines are rebuilt from text positions
 * (positional.ts). Every other line of text is a Paragraph; page numbers in the margins are
 * dropped (they would split a table's rows or a sentence).
 */
import type { Block, Paragraph } from '../document.js';
import { canon, classify, type StandardTable } from './anchors.js';
import { round } from './cells.js';
import type { Ruling, TextItem } from './geometry.js';
import { groupLines, isPageNumber, MARGIN, type Line } from './lines.js';
import { positionalTables, type PositionalTable } from './positional.js';
import { ruledPieces, type Piece } from './ruled.js';
import { joinPieces } from './tables.js';

export interface PageContent {
  page: number;
  width: number;
  height: number;
  items: TextItem[];
  rulings: Ruling[];
}

interface StandardPiece {
  piece: Piece;
  kind: StandardTable;
  /** Index of the table (in document order) the piece belongs to. */
  table: number;
}

/**
 * `positional`: the standard tables already rebuilt from the positions of all the pages' items,
 * for pages without ruling lines (what this function would compute again).
 */
export function assemble(pages: PageContent[], positional?: PositionalTable[]): { blocks: Block[]; lines: string[] } {
  const tables: Piece[][] = [];
  const standard = new Map<number, StandardPiece[]>();
  let open: StandardPiece | null = null;
  for (const page of pages) {
    const pieces = page.rulings.length ? ruledPieces(page.rulings, page.items, page.page).sort((a, b) => a.y0 - b.y0) : [];
    const found: StandardPiece[] = [];
    for (const piece of pieces) {
      const text = canon(piece.items.map((t) => t.text).join(''));
      const kind = classify(text);
      const continued = open && !found.length && continues(open, piece, kind, text, pages);
      if (continued && open) {
        tables[open.table].push(piece);
        found.push({ piece, kind: open.kind, table: open.table });
      } else if (kind) {
        tables.push([piece]);
        found.push({ piece, kind, table: tables.length - 1 });
      }
    }
    standard.set(page.page, found);
    // a table can only continue on the next page if it is the last thing on this one
    const last = found[found.length - 1];
    open = last && !textBelow(page, last.piece) ? last : null;
  }

  const claimed = new Set<TextItem>();
  for (const list of standard.values()) for (const s of list) for (const t of s.piece.items) claimed.add(t);
  const kindsFound = new Set([...standard.values()].flat().map((s) => s.kind));
  // standard tables without ruling lines, read from the positions of their labels and numbers
  const unruled =
    positional && !claimed.size
      ? positional
      : positionalTables(
          pages.map((p) => ({ ...p, items: p.items.filter((t) => !claimed.has(t)) })),
          (['table2', 'table3', 'table4'] as StandardTable[]).filter((k) => !kindsFound.has(k)),
        );
  for (const t of unruled) for (const item of t.items) claimed.add(item);

  const blocks: Block[] = [];
  const lines: string[] = [];
  for (const page of pages) {
    for (const line of groupLines(page.items)) lines.push(line.text);
    const entries: { y: number; block?: Block; line?: Line }[] = [];
    for (const s of standard.get(page.page) ?? []) {
      if (tables[s.table][0] === s.piece) entries.push({ y: s.piece.y0, block: joinPieces(tables[s.table]) });
    }
    for (const t of unruled) if (t.page === page.page) entries.push({ y: t.y0, block: t.table });
    for (const line of groupLines(page.items.filter((t) => !claimed.has(t)))) {
      if (isPageNumber(line, page.height)) continue;
      entries.push({ y: line.y0, line });
    }
    entries.sort((a, b) => a.y - b.y);
    for (const e of entries) blocks.push(e.block ?? paragraphOf(e.line!));
  }
  return { blocks, lines };
}

function paragraphOf(line: Line): Paragraph {
  return { kind: 'paragraph', text: line.text, loc: { page: line.page, x: round(line.x0), y: round(line.y0) } };
}

/** Text on the page below a piece, other than what sits in the bottom margin. */
function textBelow(page: PageContent, piece: Piece): boolean {
  const limit = page.height * (1 - MARGIN);
  const own = new Set(piece.items);
  return page.items.some((t) => t.y0 > piece.y1 && t.y0 < limit && !own.has(t));
}

/**
 * Is `piece`, the first table frame on its page, the continuation of the open table on the
 * previous page? Its own labels must not name another table, and only margin text (a running
 * header) may stand above it.
 */
function continues(open: StandardPiece, piece: Piece, kind: StandardTable | null, text: string, pages: PageContent[]): boolean {
  if (piece.page !== open.piece.page + 1) return false;
  if (kind && kind !== open.kind) return false;
  const page = pages.find((p) => p.page === piece.page)!;
  const top = page.height * MARGIN;
  if (page.items.some((t) => t.y1 < piece.y0 && t.y0 > top)) return false;
  if (kind === open.kind || classify(text, 1) === open.kind) return true;
  // no labels at all (a piece of numbers): the same columns as the open table
  const same = piece.cols.filter((x) => open.piece.cols.some((y) => Math.abs(x - y) < 3)).length;
  return same >= Math.max(2, piece.cols.length - 1);
}
