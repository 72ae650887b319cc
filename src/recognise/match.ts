/**
 * Matching printed row labels to the template, and aligning a table's printed rows with the
 * template's rows in order. The alignment is what lets a row with a missing or garbled label
 * be placed by its position — and says so.
 */
import { normLabel, stripNumbering } from './normalise.js';

export interface LabelTarget {
  key: string;
  /** Canonical cores (numbering stripped, normalised) that identify the row. */
  cores: string[];
  /** The numbering the template prints before the label ("1", "（一）"), for a tie-break. */
  numbering?: string;
}

export function target(key: string, label: string, aliases: string[] = []): LabelTarget {
  const n = normLabel(label);
  const core = stripNumbering(n);
  const numbering = n.slice(0, n.length - core.length).replace(/[.、]$/, '') || undefined;
  return { key, cores: [core, ...aliases.map((a) => stripNumbering(normLabel(a)))], numbering };
}

/** Labels so common that they identify a row only when printed on their own or numbered. */
const GENERIC = new Set(['其他', '总计', '合计']);

/** Longest common subsequence length (characters in order, not necessarily adjacent). */
function lcs(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1).fill(0);
  const cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    for (let j = 0; j <= b.length; j++) prev[j] = cur[j];
  }
  return prev[b.length];
}

/**
 * How well a printed label (normalised, possibly with junk before it: vertical group labels,
 * fused group names) identifies a template row: 1 exact, 0.9 truncated, lower when garbled.
 */
export function similarity(label: string, t: LabelTarget): number {
  let best = 0;
  let chars: Set<string> | null = null;
  for (const core of t.cores) {
    if (!core) continue;
    if (label.endsWith(core)) {
      // "3.其他" must not be matched by "…其他" at the end of some other text
      const before = label.slice(0, label.length - core.length);
      if (GENERIC.has(core) && before && !/[\d.、)）]$/.test(before) && !/处理$/.test(before)) {
        best = Math.max(best, 0.5);
        continue;
      }
      return 1;
    }
    if (core.length < 4) continue;
    if (truncated(label, core)) {
      best = Math.max(best, 0.9);
      continue;
    }
    if (label.includes(core)) {
      best = Math.max(best, 0.8);
      continue;
    }
    const window = label.slice(Math.max(0, label.length - core.length * 2 - 6));
    // a long label interleaved with a vertical group label and cut by a line break: the
    // beginning of the core is in the window, in order, with other characters between
    if (core.length >= 12 && subsequencePrefix(window, core) >= Math.max(10, core.length * 0.6)) {
      best = Math.max(best, 0.85);
      continue;
    }
    // the LCS can be no better than the share of the core's characters present at all
    chars ??= new Set(window);
    let present = 0;
    for (const c of core) if (chars.has(c)) present++;
    if ((present / core.length) * 0.85 <= best || present / core.length < 0.3) continue;
    best = Math.max(best, (lcs(window, core) / core.length) * 0.85);
  }
  return best;
}

/** How many leading characters of `core` occur in `text` in order (greedy). */
function subsequencePrefix(text: string, core: string): number {
  let k = 0;
  for (let i = 0; i < text.length && k < core.length; i++) if (text[i] === core[k]) k++;
  return k;
}

/** The label was cut by a line break: its tail (at least half the core, 4+ chars) begins the core. */
function truncated(label: string, core: string): boolean {
  const min = Math.max(4, Math.ceil(core.length * 0.5));
  for (let p = label.indexOf(core[0], Math.max(0, label.length - core.length + 1)); p !== -1; p = label.indexOf(core[0], p + 1)) {
    if (label.length - p < min) return false;
    if (core.startsWith(label.slice(p))) return true;
  }
  return false;
}

/**
 * The similarity of every label with every target. Fuzzy comparison (LCS) is only spent on the
 * labels that match nothing exactly, which in a clean report is none of them. Rows are shared
 * between calls (read-only): a corpus prints the same official labels thousands of times.
 */
export function simMatrix(labels: string[], targets: readonly LabelTarget[]): readonly SimRow[] {
  let cache = simRows.get(targets);
  if (!cache) simRows.set(targets, (cache = new Map()));
  return labels.map((label) => {
    let row = cache.get(label);
    if (!row) {
      row = similarityRow(label, targets);
      if (cache.size >= SIM_ROWS_LIMIT) cache.clear();
      cache.set(label, row);
    }
    return row;
  });
}

/** Per target list (a module constant), the similarity row of each label seen. */
const simRows = new WeakMap<readonly LabelTarget[], Map<string, SimRow>>();
const SIM_ROWS_LIMIT = 20_000;

/**
 * A label's similarity with each target. Always a Float64Array: as arrays, rows of whole numbers
 * (0 and 1) and rows of fractions are different kinds of array, and code reading both (align)
 * was compiled for one and thrown away at the first of the other.
 */
export type SimRow = Float64Array;

function similarityRow(label: string, targets: readonly LabelTarget[]): SimRow {
  const row = new Float64Array(targets.length);
  for (let j = 0; j < targets.length; j++) row[j] = quickSimilarity(label, targets[j]);
  if (row.some((s) => s >= 0.9)) return row;
  for (let j = 0; j < targets.length; j++) row[j] = similarity(label, targets[j]);
  return row;
}

function quickSimilarity(label: string, t: LabelTarget): number {
  for (const core of t.cores) if (core && label.endsWith(core)) return similarity(label, { ...t, cores: [core] });
  return 0;
}

export interface Alignment {
  /** For each segment, the template row index it was aligned to, or -1 (skipped as noise). */
  rowOf: number[];
  score: number;
}

/**
 * Order-preserving alignment of printed rows (segments) with template rows. `sim[i][j]` is the
 * label similarity of segment i and row j; `fits[i][j]` whether the segment's values can fill
 * the row (counts). Unlabelled segments may fill a row by position.
 */
export function align(sim: readonly SimRow[], fits: boolean[][], rows: number): Alignment {
  const n = sim.length;
  const SKIP_SEGMENT = -0.6;
  const SKIP_ROW = -0.5;
  // dp[i * w + j]: best score aligning the first i segments with the first j rows; from: the move
  const w = rows + 1;
  const dp = new Float64Array((n + 1) * w).fill(-Infinity);
  const from = new Uint8Array((n + 1) * w);
  dp[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= rows; j++) {
      const here = dp[i * w + j];
      if (here === -Infinity) continue;
      if (i < n && j < rows && fits[i][j]) {
        const s = here + (sim[i][j] - 0.1);
        if (s > dp[(i + 1) * w + j + 1]) {
          dp[(i + 1) * w + j + 1] = s;
          from[(i + 1) * w + j + 1] = 1;
        }
      }
      if (i < n && here + SKIP_SEGMENT > dp[(i + 1) * w + j]) {
        dp[(i + 1) * w + j] = here + SKIP_SEGMENT;
        from[(i + 1) * w + j] = 2;
      }
      if (j < rows && here + SKIP_ROW > dp[i * w + j + 1]) {
        dp[i * w + j + 1] = here + SKIP_ROW;
        from[i * w + j + 1] = 3;
      }
    }
  }
  const rowOf = new Array<number>(n).fill(-1);
  let i = n;
  let j = rows;
  while (i > 0 || j > 0) {
    const f = from[i * w + j];
    if (f === 1) {
      rowOf[i - 1] = j - 1;
      i--;
      j--;
    } else if (f === 2) i--;
    else j--;
  }
  return { rowOf, score: dp[n * w + rows] };
}
