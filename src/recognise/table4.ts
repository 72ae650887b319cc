/**
 * 表四 — 政府信息公开行政复议、行政诉讼情况: one row of 15 values, three blocks of five
 * (行政复议, 未经复议直接起诉, 复议后起诉), each 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.
 *
 * In pdftotext -raw output the 15 values can come out of order, interleaved with header words.
 * Only then (never for a grid, where a wrong total is the report's own error) the blocks are
 * sought as in-order subsequences whose totals hold; header words next to a run of values say
 * which block it belongs to.
 */
import { TABLE4_BLOCKS, TABLE4_COLUMNS } from '../model/template.js';
import type { Recognition } from './context.js';
import { normLabel } from './normalise.js';
import { commitPlan, newPlan, planRow, tableLayout, type PlannedCell, type TablePlan } from './plan.js';
import { regionMode, type Region } from './segments.js';
import { splitGroups } from './split.js';
import { tokenValue, withRaw, type Token } from './tokens.js';

const N = 15;
const COLS = TABLE4_COLUMNS.map((c) => c.key);
const LAYOUT = tableLayout(
  'table4',
  TABLE4_BLOCKS.map((b) => ({ key: b.key, columns: COLS.map((key) => ({ key })) })),
);

const blockOk = (b: (number | null)[]) => sumHolds(b[0], b[1], b[2], b[3], b[4]);
/** 维持 + 纠正 + 其他 + 尚未审结 = 总计, or a blank among them (nothing to contradict). */
const sumHolds = (a: number | null, b: number | null, c: number | null, d: number | null, total: number | null) =>
  a === null || b === null || c === null || d === null || total === null || a + b + c + d === total;

export function recogniseTable4(tokens: Token[], region: Region, rec: Recognition): Record<string, Record<string, number | null>> | null {
  const mode = regionMode(tokens, region);
  const inRegion = tokens.slice(region.start, region.end);
  const plan =
    mode === 'glued' ? readGlued(inRegion) : mode === 'stream' ? readStream(inRegion) ?? readRow(inRegion) : readRow(inRegion);
  if (!plan) return null;
  return commitPlan(plan, rec, LAYOUT);
}

function planFrom(cells: PlannedCell[], notes: TablePlan['notes'] = []): TablePlan {
  const plan = newPlan();
  TABLE4_BLOCKS.forEach((b, i) => planRow(plan, b.key, COLS, cells.slice(i * 5, i * 5 + 5)));
  plan.notes.push(...notes);
  return plan;
}

/** The values in reading order: blank grid cells count, padding at either end does not. */
function readRow(tokens: Token[]): TablePlan | null {
  // in a grid, a cell with words after the first value is a value gone wrong (CELL_INVALID), not a header
  const first = tokens.findIndex((t) => t.t === 'value');
  const dataRow = first >= 0 && tokens[first].grid ? tokens[first].rowId : undefined;
  let values = tokens.filter((t) => t.t === 'value' || (t.t === 'blank' && t.grid) || (t.t === 'text' && dataRow !== undefined && t.rowId === dataRow));
  while (values.length > N && values[0].t === 'blank') values = values.slice(1);
  while (values.length > N && values[values.length - 1].t === 'blank') values = values.slice(0, -1);
  if (values.length !== N) {
    const numbers = values.filter((t) => t.t === 'value');
    if (numbers.length !== N) return null;
    values = numbers;
  }
  return planFrom(values.map((token) => ({ token: token.t === 'text' ? { ...token, t: 'value' as const } : token })));
}

function readStream(tokens: Token[]): TablePlan | null {
  const values = tokens.filter((t) => t.t === 'value');
  if (values.length !== N) return null;
  const nums = values.map((t) => tokenValue(t).value);
  const straight = [0, 5, 10].every((s) => blockOk(nums.slice(s, s + 5)));
  if (straight) return null; // plain order is right: read it as a row
  const groups = partitions(nums);
  if (!groups.length) return null;
  // which block header precedes each value (since the previous value), as a hint
  const hints = values.map((v) => {
    const i = tokens.indexOf(v);
    const seen: string[] = [];
    for (let k = i - 1; k >= 0 && tokens[k].t !== 'value'; k--) {
      const t = normLabel(tokens[k].raw);
      for (const b of TABLE4_BLOCKS) if (t.includes(b.label) && !seen.includes(b.key)) seen.push(b.key);
    }
    return seen;
  });
  let best: { order: number[][]; score: number } | null = null;
  for (const g of groups) {
    for (const perm of [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]) {
      const order = perm.map((p) => g[p]);
      let score = 0;
      order.forEach((idx, b) => {
        if (hints[idx[0]].includes(TABLE4_BLOCKS[b].key)) score += 2;
      });
      // without hints, prefer the blocks in the order their first values appear
      if (perm.every((p, k) => p === k)) score += 1;
      if (!best || score > best.score) best = { order, score };
    }
  }
  const chosen = best!;
  const cells = chosen.order.flatMap((idx) => idx.map((i) => ({ token: values[i], inferred: 'reordered: the source prints 表四 out of order; the block totals confirm this order' })));
  return planFrom(cells, [
    {
      code: 'TABLE_RECONSTRUCTED',
      severity: groups.length > 1 ? 'warning' : 'info',
      message: `表四: the 15 values are not printed in order; they were regrouped into three blocks whose totals hold${groups.length > 1 ? ` (${groups.length} groupings fit; the header words decided)` : ''}`,
      paths: ['table4'],
      loc: values[0].loc,
    },
  ]);
}

/**
 * Every way of dealing the values into three in-order blocks of five whose totals hold: the
 * candidate blocks (5 increasing positions whose last is the sum of the others) are found first,
 * then three disjoint ones that cover all 15 positions.
 */
function partitions(nums: (number | null)[]): number[][][] {
  // 3,003 five-position choices of 15: tested on the numbers themselves, without an array each
  const candidates: number[][] = [];
  const n = nums.length;
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      for (let c = b + 1; c < n; c++)
        for (let d = c + 1; d < n; d++)
          for (let e = d + 1; e < n; e++) if (sumHolds(nums[a], nums[b], nums[c], nums[d], nums[e])) candidates.push([a, b, c, d, e]);
  const out: number[][][] = [];
  const masks = candidates.map((idx) => idx.reduce((m, i) => m | (1 << i), 0));
  const full = (1 << n) - 1;
  for (let i = 0; i < candidates.length && out.length < 50; i++) {
    if (candidates[i][0] !== 0) continue; // the first block holds the first value
    // the second block holds the first value the first does not
    let second = 0;
    while (masks[i] & (1 << second)) second++;
    for (let j = 0; j < candidates.length && out.length < 50; j++) {
      if (masks[i] & masks[j] || candidates[j][0] !== second) continue;
      const k = masks.indexOf(full & ~(masks[i] | masks[j]));
      if (k >= 0) out.push([candidates[i], candidates[j], candidates[k]]);
    }
  }
  return out;
}

function readGlued(tokens: Token[]): TablePlan | null {
  const values = tokens.filter((t) => t.t === 'value');
  if (!values.length) return null;
  const digits = values.map((t) => t.raw.normalize('NFKC').replace(/\D/g, ''));
  const splits = splitGroups(digits, N, { limit: 200 }).filter((s) => {
    const n = s.map(Number);
    return [0, 5, 10].every((k) => blockOk(n.slice(k, k + 5)));
  });
  const raw = values.map((t) => t.raw).join(' ');
  if (splits.length === 1) {
    const anchor = values[0];
    return planFrom(
      splits[0].map((d) => ({ token: withRaw(anchor, d), inferred: `split from the glued digits "${raw}"` })),
      values.length === N
        ? []
        : [{ code: 'CELL_INFERRED', severity: 'info', message: `表四: the digits "${raw}" run together; only one split into 15 numbers keeps the block totals`, paths: ['table4'], loc: anchor.loc }],
    );
  }
  return planFrom(
    new Array(N).fill(null).map(() => ({ token: null, inferred: 'glued digits could not be split unambiguously' })),
    [
      {
        code: 'CELL_AMBIGUOUS',
        severity: 'warning',
        message: `表四: the digits "${raw}" run together and ${splits.length ? `${splits.length} splits` : 'no split'} into 15 numbers keep the block totals; the cells are left blank`,
        paths: ['table4'],
        loc: values[0].loc,
      },
    ],
  );
}
