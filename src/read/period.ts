/**
 * A table flattened to one cell per line has lost its row boundaries. The column count is the
 * period k at which the columns are most uniform in kind (label text, unit, number, empty).
 */
const EMPTY = 0;
const NUMBER_KIND = 1;
const UNIT_KIND = 2;
const TEXT = 3;

const UNIT = /^(条|件|次|篇|个|人|人次|万元|元|项|期|场|家|份)$/;
const NUMBER = /^[+\-－增减]?\s*[\d０-９][\d０-９,，.．]*\s*(万元|元|%)?$/;

/** The kind of a cell: empty, number, unit or text. */
function kind(text: string): number {
  const t = text.trim();
  if (!t) return EMPTY;
  if (UNIT.test(t)) return UNIT_KIND;
  if (NUMBER.test(t)) return NUMBER_KIND;
  return TEXT;
}

export function inferPeriod(cells: string[], min = 2, max = 6): number {
  const kinds = cells.map(kind);
  const counts = [0, 0, 0, 0];
  let best = min;
  let bestScore = -1;
  for (let k = min; k <= max; k++) {
    if (cells.length < k * 3) break;
    let score = 0;
    for (let col = 0; col < k; col++) {
      counts.fill(0);
      let n = 0;
      // the first row is the header: words over every column
      for (let i = col + k; i < kinds.length; i += k) {
        // empty cells fit any column (group rows leave the unit and value empty)
        if (kinds[i] === EMPTY) continue;
        counts[kinds[i]]++;
        n++;
      }
      score += n ? Math.max(counts[NUMBER_KIND], counts[UNIT_KIND], counts[TEXT]) / n : 0;
    }
    score /= k;
    // prefer the smaller period unless a larger one is clearly more uniform: a multiple of the
    // true period scores alike
    if (score > bestScore + 0.05) {
      best = k;
      bestScore = score;
    }
  }
  return best;
}
