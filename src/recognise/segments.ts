/**
 * A table region read as segments: the label text printed before a run of values, and the
 * run. In a grid or a line of pdftotext -layout output a run ends with its row; in a stream
 * (pdftotext -raw, one token per line) row ends mean nothing and a run ends at the next text.
 */
import type { Loc } from '../model/report.js';
import { normLabel } from './normalise.js';
import type { Token } from './tokens.js';

export interface Segment {
  /** Label text since the previous run, normalised for matching. */
  label: string;
  labelTokens: Token[];
  values: Token[];
  loc: Loc;
}

export type RegionMode = 'rows' | 'stream' | 'glued';

export interface Region {
  start: number;
  end: number;
}

/**
 * How to read a region: 'glued' when values touch label text (crawler output), 'stream' when
 * lines hold single tokens (pdftotext -raw), otherwise 'rows'.
 */
export function regionMode(tokens: Token[], region: Region): RegionMode {
  let values = 0;
  let glued = 0;
  let rowsWithValues = 0;
  let valuesInLines = 0;
  let gridValues = 0;
  let rowValues = 0;
  for (let i = region.start; i < region.end; i++) {
    const t = tokens[i];
    if (t.t === 'value') {
      values++;
      if (t.glued) glued++;
      if (t.grid) gridValues++;
      else {
        valuesInLines++;
        rowValues++;
      }
    } else if (t.t === 'end' && !t.grid) {
      if (rowValues) rowsWithValues++;
      rowValues = 0;
    }
  }
  if (rowValues) rowsWithValues++;
  if (values && glued / values > 0.3) return 'glued';
  if (valuesInLines > gridValues && rowsWithValues && valuesInLines / rowsWithValues < 2) return 'stream';
  return 'rows';
}

export function buildSegments(tokens: Token[], region: Region, mode: RegionMode): Segment[] {
  const segments: Segment[] = [];
  let labelTokens: Token[] = [];
  let values: Token[] = [];
  const close = () => {
    if (!values.length) return;
    // empty cells before a row's label (layout padding) are not a row
    if (!labelTokens.length && values.every((v) => v.t === 'blank')) {
      values = [];
      return;
    }
    segments.push({
      label: normLabel(labelTokens.map((t) => t.raw).join('')),
      labelTokens,
      values,
      loc: (labelTokens[labelTokens.length - 1] ?? values[0]).loc,
    });
    labelTokens = [];
    values = [];
  };
  for (let i = region.start; i < region.end; i++) {
    const t = tokens[i];
    if (t.t === 'text') {
      close();
      labelTokens.push(t);
    } else if (t.t === 'value') values.push(t);
    else if (t.t === 'blank') {
      if (t.grid) values.push(t);
    } else if (t.t === 'end' && mode === 'rows') close();
  }
  close();
  return segments;
}

/**
 * Drops layout padding from a row's values: empty cells before the first and after the last
 * value (label-column placeholders, trailing empty columns) while the row is longer than `want`.
 */
export function trimBlanks(values: Token[], want: number): Token[] {
  let v = values;
  while (v.length > want && v[0].t === 'blank') v = v.slice(1);
  while (v.length > want && v[v.length - 1].t === 'blank') v = v.slice(0, -1);
  return v;
}

/**
 * A grid cell holding words where a number belongs ("若干", "见附件") was read as label text.
 * While a row is short of values, its last text cells — short, on the same row as the values and
 * not a label — are taken back as (invalid) values, so the row keeps its shape and the text is
 * reported as CELL_INVALID instead of silently shifting the row.
 */
export function reclaimTextCells(seg: Segment, want: number, isLabel: (text: string) => boolean): Segment {
  const labelTokens = [...seg.labelTokens];
  const values = [...seg.values];
  while (values.length < want && labelTokens.length > 1) {
    const last = labelTokens[labelTokens.length - 1];
    if (!last.grid || last.rowId === undefined || last.rowId !== values[0]?.rowId || last.raw.length > 8 || isLabel(last.raw)) break;
    values.unshift({ ...last, t: 'value' });
    labelTokens.pop();
  }
  if (values.length === seg.values.length) return seg;
  return { ...seg, labelTokens, values, label: normLabel(labelTokens.map((t) => t.raw).join('')) };
}
