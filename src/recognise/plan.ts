/**
 * A table reading before it is committed: which token (or inferred value) fills which cell, and
 * the notes that explain anything that was not read directly. Recognisers try several readings
 * and commit the best one, so nothing is recorded twice.
 */
import type { Loc } from '../model/report.js';
import type { Note, Recognition } from './context.js';
import type { Token } from './tokens.js';

export interface PlannedCell {
  token: Token | null;
  /** Set when the value is not the token's own reading (split digits). */
  value?: number | null;
  inferred?: string;
}

export interface TablePlan {
  /** rowKey → columnKey → cell */
  rows: Map<string, Map<string, PlannedCell>>;
  notes: Note[];
}

export function newPlan(): TablePlan {
  return { rows: new Map(), notes: [] };
}

export function planRow(plan: TablePlan, rowKey: string, columns: string[], cells: PlannedCell[]): void {
  const row = new Map<string, PlannedCell>();
  columns.forEach((c, i) => row.set(c, cells[i] ?? { token: null }));
  plan.rows.set(rowKey, row);
}

/** A table's rows and columns as the model prints them, with each cell's path spelled out once. */
export interface TableLayout {
  table: string;
  rows: { key: string; columns: { key: string; money: boolean; path: string }[] }[];
}

/**
 * Layouts are module constants (one per table and generation): paths are built once, not per
 * report. Every column object has the same three fields in the same order: commitPlan reads them
 * for every cell of every table, and columns spread from differently shaped inputs made those
 * reads megamorphic.
 */
export function tableLayout(table: string, rows: { key: string; columns: { key: string; money?: boolean }[] }[]): TableLayout {
  return {
    table,
    rows: rows.map((r) => ({ key: r.key, columns: r.columns.map((c) => ({ key: c.key, money: c.money === true, path: `${table}.${r.key}.${c.key}` })) })),
  };
}

/**
 * Writes the plan into the recognition (provenance + notes) and returns the table object with
 * every template row and column present: cells the report does not print are null.
 */
export function commitPlan(plan: TablePlan, rec: Recognition, layout: TableLayout): Record<string, Record<string, number | null>> {
  const out: Record<string, Record<string, number | null>> = {};
  for (const row of layout.rows) {
    const planned = plan.rows.get(row.key);
    const values: Record<string, number | null> = {};
    for (const col of row.columns) {
      const cell = planned?.get(col.key);
      values[col.key] = planned ? rec.read(col.path, cell?.token ?? null, col.money, cell?.inferred, cell?.value) : null;
    }
    out[row.key] = values;
  }
  for (const n of plan.notes) rec.note(n);
  return out;
}

export function firstLoc(tokens: (Token | null)[]): Loc | undefined {
  return tokens.find((t) => t)?.loc;
}
