/**
 * Splitting glued digits. A crawler that drops the cell borders turns "23 | 0 | 0" into "2300";
 * every way of cutting the digits back into numbers is enumerated here, and the table's own
 * totals decide which one is meant (see table3/table4). A number never starts with 0 unless it
 * is 0.
 */

export interface SplitOptions {
  /** Upper bound of solutions kept (the caller only needs to know "one" or "several"). */
  limit?: number;
  /** Allow a decimal fraction in the last number of a group (money columns). */
  decimals?: boolean;
}

/** All ways of cutting one digit string into exactly k numbers. */
export function splitGroup(digits: string, k: number, opts: SplitOptions = {}): string[][] {
  const out: string[][] = [];
  cutGroup(digits, 0, k, [], out, opts.limit ?? 5000, opts.decimals === true);
  return out;
}

// The recursions below are module functions with their state passed along, not closures made per
// call: V8 optimises a closure's first instance for its own context and compiles it again when a
// second instance appears, so every closure that grew hot cost two optimising compiles per batch.

/** Cuts digits[pos..] into `left` more numbers after `parts`, adding each complete cut to `out`. */
function cutGroup(digits: string, pos: number, left: number, parts: string[], out: string[][], limit: number, decimals: boolean): void {
  if (out.length >= limit) return;
  if (left === 0) {
    if (pos === digits.length) out.push([...parts]);
    return;
  }
  const remaining = digits.length - pos;
  if (remaining < left) return;
  if (left === 1) {
    const rest = digits.slice(pos);
    if (validNumber(rest, decimals)) {
      parts.push(rest);
      cutGroup(digits, digits.length, 0, parts, out, limit, decimals);
      parts.pop();
    }
    return;
  }
  for (let end = pos + 1; end <= digits.length - (left - 1); end++) {
    const piece = digits.slice(pos, end);
    if (!validNumber(piece, false)) {
      if (piece === '0' || piece.startsWith('0')) break;
      continue;
    }
    parts.push(piece);
    cutGroup(digits, end, left - 1, parts, out, limit, decimals);
    parts.pop();
  }
}

function validNumber(s: string, decimals = false): boolean {
  if (!s) return false;
  if (decimals && /^\d+\.\d+$/.test(s)) return /^(0|[1-9]\d*)\./.test(s);
  if (!/^\d+$/.test(s)) return false;
  return s === '0' || s[0] !== '0';
}

/**
 * All ways of cutting several digit groups (the space-separated runs of one printed row) into
 * exactly k numbers, in order. A group may hold one or more numbers; a number never spans groups.
 */
export function splitGroups(groups: string[], k: number, opts: SplitOptions = {}): string[][] {
  const out: string[][] = [];
  cutGroups(groups, 0, k, [], out, opts.limit ?? 5000, opts);
  return out;
}

/** How many numbers a group can hold at most (one per digit). */
const maxOf = (g: string) => (g.includes('.') ? g.replace('.', '').length : g.length);

/** Cuts groups[gi..] into `left` more numbers after `acc`, adding each complete cut to `out`. */
function cutGroups(groups: string[], gi: number, left: number, acc: string[], out: string[][], limit: number, opts: SplitOptions): void {
  if (out.length >= limit) return;
  if (gi === groups.length) {
    if (left === 0) out.push(acc);
    return;
  }
  let restMax = 0;
  for (let j = gi + 1; j < groups.length; j++) restMax += maxOf(groups[j]);
  const g = groups[gi];
  for (let n = 1; n <= Math.min(maxOf(g), left); n++) {
    if (left - n > restMax) continue;
    if (left - n < groups.length - gi - 1) break;
    for (const parts of splitGroup(g, n, opts)) cutGroups(groups, gi + 1, left - n, [...acc, ...parts], out, limit, opts);
  }
}
