/** Which national format was in force for a report year (FORMAT.md §1, "Format era"). */
export type Era = 'legacy' | '2019' | '2021';

export function eraOf(year: number): Era {
  if (year >= 2021) return '2021';
  if (year >= 2019) return '2019';
  return 'legacy';
}

const ORDER: Record<string, number> = { legacy: 0, '2019': 1, '2021': 2 };
export const olderThan = (template: string, era: Era) => template in ORDER && ORDER[template] < ORDER[era];
