/**
 * What recognition accumulates besides the tables: the provenance of every value and the notes
 * the rules turn into findings (labels placed by position, digits split, cells reordered).
 */
import type { Cell, Loc } from '../model/report.js';
import { parseValue } from './normalise.js';
import { tokenValue, type Token } from './tokens.js';

export interface Note {
  code: string;
  message: string;
  paths: string[];
  loc?: Loc;
  severity?: 'error' | 'warning' | 'info';
}

export class Recognition {
  readonly cells: Cell[] = [];
  readonly notes: Note[] = [];

  /**
   * Records a value read from a token and returns it. `money`: the column is in 万元; `inferred`:
   * why the value is not simply the token's reading; `value`: the value, when it is not the
   * token's own reading (split digits). Positional, not an options object: this runs for every
   * cell of every table, where the object was garbage, and its shape differed between callers,
   * which cost the optimised code a deoptimisation.
   */
  read(path: string, token: Token | null, money = false, inferred?: string, value?: number | null): number | null {
    if (!token) {
      this.cells.push(newCell(path, '', null, {}, 'blank', undefined, undefined, inferred || undefined));
      return null;
    }
    // money columns convert a printed 元 to 万元; elsewhere a unit is only dropped
    const parsed = money || !token.raw.includes('元') ? tokenValue(token) : parseValue(token.raw);
    const read = value !== undefined ? value : parsed.value;
    const normalised = token.note || parsed.normalised ? [token.note, parsed.normalised].filter(Boolean).join('; ') : undefined;
    this.cells.push(newCell(path, token.raw, read, token.loc, parsed.marker || undefined, parsed.unit || undefined, normalised, inferred || undefined));
    return read;
  }

  note(note: Note): void {
    this.notes.push(note);
  }
}

/**
 * A cell with every field present, in the order the model prints them; the optional ones hold
 * undefined, which JSON leaves out, so the output is the same as with the fields left off. Added
 * only when set, they gave cells up to eight shapes, and every rule that reads the cells of a
 * report was compiled for all of them.
 */
export function newCell(
  path: string,
  raw: string,
  value: number | null,
  loc: Loc,
  marker?: Cell['marker'],
  unit?: string,
  normalised?: string,
  inferred?: string,
): Cell {
  return { path, raw, value, loc, marker, unit, normalised, inferred };
}
