/**
 * A table flattened to one cell per line has lost its row boundaries. The column count is the
 * period k at which the columns are most uniform in kind (label text, unit, number, empty).
 */
type Kind = 'empty' | 'number' | 'unit' | 'text';

const UNIT = /^(条|件|次|篇|个|人|人次|万元|元|项|期|场|家|份)$/;
const NUMBER = /^[+\-－增减]?\s*[\d０-９][\d０-９,，.．]*\s*(万元|元|%)?$/;

function kind(text: string): Kind {
  const t = text.trim();
  if (!t) return 'empty';
  if (UNIT.test(t)) return 'unit';
  if (NUMBER.test(t)) return 'number';
  return 'text';
}

export function inferPeriod(cells: string[], min = 2, max = 6): number {
  const kinds = cells.map(kind);
  let best = min;
  let bestScore = -1;
  for (let k = min; k <= max; k++) {
    if (cells.length < k * 3) break;
    let score = 0;
    for (let col = 0; col < k; col++) {
      const counts = new Map<Kind, number>();
      let n = 0;
      // the first row is the header: words over every column
      for (let i = col + k; i < kinds.length; i += k) {
        // empty cells fit any column (group rows leave the unit and value empty)
        if (kinds[i] === 'empty') continue;
        counts.set(kinds[i], (counts.get(kinds[i]) ?? 0) + 1);
        n++;
      }
      score += n ? Math.max(...counts.values()) / n : 0;
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
