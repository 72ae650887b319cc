/** Reading a report's figures by model path, with the location they were read from. */
import type { Loc, Report } from '../model/report.js';

const parsedPaths = new Map<string, [string, string, string]>();

/** `table3.denied.stateSecret.total` → the figure; undefined when the table or row is absent. */
export function valueAt(report: Report, path: string): number | null | undefined {
  let parts = parsedPaths.get(path);
  if (!parts) {
    const first = path.indexOf('.');
    const last = path.lastIndexOf('.');
    parts = [path.slice(0, first), path.slice(first + 1, last), path.slice(last + 1)];
    parsedPaths.set(path, parts);
  }
  const [table, row, col] = parts;
  if (table !== 'table2' && table !== 'table3' && table !== 'table4') return undefined;
  return report[table]?.[row]?.[col];
}

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
  blank: string[];
}

export function operands(report: Report, paths: string[]): Operands {
  const values = paths.map((p) => valueAt(report, p));
  return { values, blank: paths.filter((_, i) => values[i] === null) };
}
