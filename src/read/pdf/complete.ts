/**
 * Are the three standard tables complete when rebuilt from text positions alone? Then the ruling
 * lines (pdf.js operator lists, the costliest part of reading a PDF) are not needed. Complete
 * means, by the template (model/template.ts), for one table generation:
 *
 * - 表二: every row of the generation, by its label, with as many numbers as the row has columns
 *   (规章 3, 行政许可 1 …), and no other row with numbers;
 * - 表三: exactly the generation's rows (25 in 2021, 23 in 2019), each with its 7 numbers, their
 *   labels the template's in order — up to two garbled or missing labels, which recognition
 *   places by position, as it does in a ruled grid;
 * - 表四: a row of its 15 numbers.
 *
 * A blank cell, a missing or extra row, two numbers in one cell (a column the template does not
 * have, such as a 法人或其他组织 subtotal): not complete, and the ruling lines are read.
 */
import { TABLE2, table3Rows, type TableGeneration } from '../../model/template.js';
import type { Table, TableCell } from '../document.js';
import { canon, type StandardTable } from './anchors.js';
import type { PositionalTable } from './positional.js';
import { isValueText } from './positional-values.js';

const GENERATIONS: TableGeneration[] = ['2021', '2019'];
/** 表三 rows whose label may be garbled or missing in a complete table. */
const T3_LABEL_SLACK = 2;

/** Which standard tables were rebuilt completely from positions. */
export function completeTables(tables: PositionalTable[]): Set<StandardTable> {
  const out = new Set<StandardTable>();
  for (const { kind, table } of tables) {
    const ok = kind === 'table2' ? table2Complete(table) : kind === 'table3' ? table3Complete(table) : table4Complete(table);
    if (ok) out.add(kind);
  }
  return out;
}

/** A cell with one number (two apart in one cell — "3 12" — mean a column that is not the template's). */
const isValue = (c: TableCell | undefined) => !!c && !c.spanned && c.text.trim() !== '' && isValueText(c.text) && !/\d\s+\d/.test(c.text);
const values = (row: TableCell[]) => row.slice(1).filter(isValue).length;
const blank = (c: TableCell) => c.spanned || c.text.trim() === '';

/** A label without its numbering (1. / 1、/ （一） / 一、), canonical. */
const core = (s: string) => canon(s).replace(/^(?:\d+[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)/, '');

function table2Complete(table: Table): boolean {
  const dataRows = table.rows.filter((r) => values(r) > 0);
  return GENERATIONS.some((g) => {
    const defs = TABLE2[g];
    const names = defs.map((d) => new Set([d.label, ...(d.aliases ?? [])].map(canon)));
    const used = new Set<number>();
    for (const row of dataRows) {
      const label = canon(row[0]?.text ?? '');
      const i = names.findIndex((n, k) => !used.has(k) && n.has(label));
      if (i < 0) return false;
      used.add(i);
      // its columns: numbers, then nothing (a narrower sub-table spans the rest)
      const n = defs[i].columns.length;
      const cells = row.slice(1);
      if (cells.length < n || !cells.slice(0, n).every(isValue) || !cells.slice(n).every(blank)) return false;
    }
    return used.size === defs.length;
  });
}

function table3Complete(table: Table): boolean {
  // the header row has no numbers; every other row must have all 7
  const dataRows = table.rows.filter((r) => r.slice(1).some((c) => !blank(c)) && values(r) > 0);
  if (dataRows.some((r) => r.length !== 8 || values(r) !== 7)) return false;
  return GENERATIONS.some((g) => {
    const defs = table3Rows(g);
    if (dataRows.length !== defs.length) return false;
    let garbled = 0;
    defs.forEach((d, i) => {
      const label = canon(dataRows[i][0]?.text ?? '');
      const cores = [d.label, ...(d.aliases ?? [])].map(core).filter((c) => c.length >= 2);
      if (!cores.some((c) => label.endsWith(c))) garbled++;
    });
    return garbled <= T3_LABEL_SLACK;
  });
}

function table4Complete(table: Table): boolean {
  return table.rows.some((r) => r.filter(isValue).length === 15);
}
