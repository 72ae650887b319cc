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

  /** Records a value read from a token and returns it. */
  read(path: string, token: Token | null, opts: { money?: boolean; inferred?: string; value?: number | null } = {}): number | null {
    if (!token) {
      this.cells.push({ path, raw: '', value: null, loc: {}, marker: 'blank', ...(opts.inferred ? { inferred: opts.inferred } : {}) });
      return null;
    }
    // money columns convert a printed 元 to 万元; elsewhere a unit is only dropped
    const parsed = opts.money || !token.raw.includes('元') ? tokenValue(token) : parseValue(token.raw);
    const value = opts.value !== undefined ? opts.value : parsed.value;
    const cell: Cell = { path, raw: token.raw, value, loc: token.loc };
    if (parsed.marker) cell.marker = parsed.marker;
    if (parsed.unit) cell.unit = parsed.unit;
    if (token.note || parsed.normalised) cell.normalised = [token.note, parsed.normalised].filter(Boolean).join('; ');
    if (opts.inferred) cell.inferred = opts.inferred;
    this.cells.push(cell);
    return value;
  }

  note(note: Note): void {
    this.notes.push(note);
  }
}
