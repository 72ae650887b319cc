/** Reading a report's figures by model path, with the location they were read from. */
import type { Loc, Report } from '../model/report.js';

type TableKey = 'table2' | 'table3' | 'table4';

/**
 * A table figure addressed by its parts and its model path. The arithmetic rules build theirs
 * once, at load: reading `report[table][row][col]` directly is much cheaper than composing a path
 * string per cell per report and parsing or hashing it, and the path is only needed for findings.
 */
export interface CellRef {
  table: TableKey;
  row: string;
  col: string;
  /** `table3.denied.stateSecret.total` */
  path: string;
}

export const cellRef = (table: TableKey, row: string, col: string): CellRef => ({ table, row, col, path: `${table}.${row}.${col}` });

/** The figure; undefined when the table, row or column is absent, null when the cell is blank. */
export const valueOf = (report: Report, ref: CellRef): number | null | undefined => report[ref.table]?.[ref.row]?.[ref.col];

const cellIndex = new WeakMap<Report, Map<string, Loc>>();

export function locOf(report: Report, path: string): Loc | undefined {
  let index = cellIndex.get(report);
  if (!index) {
    index = new Map();
    for (const c of report.cells) if (!index.has(c.path)) index.set(c.path, c.loc);
    cellIndex.set(report, index);
  }
  return index.get(path);
}

/** The first located cell among `paths`, for pointing a finding somewhere useful. */
export function firstLoc(report: Report, paths: string[]): Loc | undefined {
  for (const p of paths) {
    const loc = locOf(report, p);
    if (loc && Object.keys(loc).length) return loc;
  }
  return undefined;
}

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Sums with decimal-safe rounding (万元 amounts with up to six decimals). */
export const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;

export interface Operands {
  values: (number | null | undefined)[];
  /** The paths of the blank (null) operands. */
  blank: string[];
}

const NONE: string[] = [];

export function operands(report: Report, refs: CellRef[]): Operands {
  const values = refs.map((r) => valueOf(report, r));
  // most tables are filled in: no list of blank paths to build
  return { values, blank: values.includes(null) ? refs.filter((_, i) => values[i] === null).map((r) => r.path) : NONE };
}

/** The model paths of `refs`, for a finding. */
export const pathsOf = (refs: CellRef[]) => refs.map((r) => r.path);
