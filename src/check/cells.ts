/**
 * Reading a report's figures, with the location they were read from. The arithmetic rules read
 * `report.tableN[row][col]` directly and spell out model paths (`table3.granted.total`) only for
 * the findings: composing and parsing a path per cell per report was a good part of their cost.
 */
import type { Loc, NumericRow, Report } from '../model/report.js';

/** The figures of `cols` in a row: undefined when the row or the column is absent, null when blank. */
export const rowValues = (row: NumericRow | undefined, cols: readonly string[]) => cols.map((c) => row?.[c]);

/** The model paths of `cols` in a row of a table. */
export const pathsIn = (table: string, row: string, cols: readonly string[]) => cols.map((c) => `${table}.${row}.${c}`);

/**
 * Where the cell with this path was read (the first such cell). Most reports ask for one or two
 * locations, for their few findings: a scan of the cells is cheaper then than indexing them all,
 * so the index is only built for a report that asks often.
 */
export function locOf(report: Report, path: string): Loc | undefined {
  let index = cellIndex.get(report);
  if (!index) {
    const asked = (scans.get(report) ?? 0) + 1;
    if (asked <= SCANS_BEFORE_INDEX) {
      scans.set(report, asked);
      for (const c of report.cells) if (c.path === path) return c.loc;
      return undefined;
    }
    index = new Map();
    for (const c of report.cells) if (!index.has(c.path)) index.set(c.path, c.loc);
    cellIndex.set(report, index);
  }
  return index.get(path);
}

const SCANS_BEFORE_INDEX = 8;
const scans = new WeakMap<Report, number>();
const cellIndex = new WeakMap<Report, Map<string, Loc>>();

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

/** How many of the figures are blank (null). */
export function blanks(values: (number | null | undefined)[]): number {
  let n = 0;
  for (const v of values) if (v === null) n++;
  return n;
}
