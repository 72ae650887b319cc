/** Character tests on char codes, for the scanners that replace regexes on hot paths. */

/** JavaScript's `\s` — what String#trim removes: ASCII and Unicode spaces, line terminators, BOM. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  // ideographs, the bulk of every report, are past the last space but one
  if (c > 0x3000) return c === 0xfeff;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `\d` in a regex without the u flag: ASCII digits only. */
export const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** The char codes of `chars`, for membership tests. */
export const charCodes = (chars: string) => new Set([...chars].map((c) => c.charCodeAt(0)));

/**
 * The char code at `i`, or -1 outside the string. A read past the end would give NaN, and the
 * first such read deoptimises code that the optimiser compiled for in-bounds reads only.
 */
export const codeAt = (s: string, i: number) => (i >= 0 && i < s.length ? s.charCodeAt(i) : -1);
