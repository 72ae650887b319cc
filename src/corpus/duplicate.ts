/**
 * Near-duplicate prose (FORMAT.md §D TXT-REPEAT: 30号 forbids "内容雷同"; 宿迁 deducts points
 * when a report is "与上年度重复率大于50%").
 *
 * Every report gets, while it is parsed, a fingerprint of its prose:
 * - a MinHash signature over character 5-grams — to find, among thousands of reports, the few
 *   that may share much of their text (LSH: reports that agree on any band of the signature);
 * - its passages (sentences) hashed — to measure, for a pair, the share of one report's prose
 *   that is word for word in the other, and to say where.
 * Before hashing, what legitimately differs between a copied report and its original is masked:
 * numbers, dates and years ("#") and the body's own name and place names ("@"). Text the
 * template itself prints (headings) is not part of a section's prose.
 */
import { normaliseBodyName } from './bodies.js';

export const SIGNATURE_SIZE = 64;
/** 32 bands of 2: pairs with a 5-gram Jaccard similarity of 0.2 are found with p ≈ 0.73, of 0.35 with p ≈ 0.98. */
export const BANDS = 32;
const ROWS_PER_BAND = SIGNATURE_SIZE / BANDS;
const SHINGLE = 5;
/** Passages shorter than this (after masking) are formulas every report writes ("无。"). */
export const MIN_PASSAGE = 10;

export interface ProseSection {
  key: string;
  text: string;
}

export interface Fingerprint {
  signature: Uint32Array;
  /** [hash, length, section index] per passage. */
  passages: Uint32Array;
}

// ---------------------------------------------------------------------------------------------
// masking and passages
// ---------------------------------------------------------------------------------------------

const DIGITS = /[0-9０-９]+(?:[.．][0-9０-９]+)?/g;
const CHINESE_NUMBER = /[〇○零一二三四五六七八九十百千万亿两]+(?=[年月日号件条次个项人篇家期场名余多%％])/g;
/** Everything but letters, numerals and the two masks: spacing and punctuation do not make text different. */
const NOISE = /[^\p{L}\p{N}#@]+/gu;
const PASSAGE_END = /[。！？!?；;\n]+/;

/** The names to mask for a body: its name as printed, without the prefix, and its places. */
export function namesToMask(agency: string | null): string[] {
  if (!agency) return [];
  const n = normaliseBodyName(agency);
  const names = new Set<string>([n.name, n.key, n.core]);
  // every place in the name (淮安市, 洪泽区) — copied text keeps the sentence, changes the place
  for (const m of n.name.matchAll(/[^省市区县旗盟镇乡]{2,8}?(?:自治区|自治州|自治县|省|市|区|县|旗|镇|乡|街道)/g)) names.add(m[0]);
  return [...names].filter((s) => s.length >= 2).sort((a, b) => b.length - a.length);
}

export function maskText(text: string, names: string[]): string {
  let s = text.normalize('NFKC');
  for (const name of names) if (s.includes(name)) s = s.split(name).join('@');
  return s.replace(DIGITS, '#').replace(CHINESE_NUMBER, '#');
}

/** A passage ready for comparison: masked, without spaces and punctuation. */
export const comparable = (passage: string, names: string[]) => maskText(passage, names).replace(NOISE, '');

/** The sentences of a text, as printed. */
export function splitPassages(text: string): string[] {
  return text.split(PASSAGE_END).map((s) => s.trim()).filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// hashing
// ---------------------------------------------------------------------------------------------

/** FNV-1a of s[start, end): a stable 32-bit hash of text. */
export function hashString(s: string, start = 0, end = s.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: a cheap, well-mixed 32-bit permutation. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const EMPTY = 0xffffffff;
const BIN_BITS = 6; // 2^6 = SIGNATURE_SIZE bins
const VALUE_BITS = 32 - BIN_BITS;
const VALUE_MASK = (1 << VALUE_BITS) - 1;

/**
 * One-permutation MinHash (Li, Owen & Zhang 2012) with rotation densification (Shrivastava &
 * Li 2017): each shingle is hashed once, its top bits pick one of the 64 bins and the rest is
 * the bin's candidate minimum; an empty bin borrows the next filled bin's value, marked with the
 * distance. The estimate has the same meaning as 64 independent MinHashes at 1/64 of the cost.
 */
function minhash(shingles: Set<number>): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(EMPTY);
  if (!shingles.size) return signature;
  for (const s of shingles) {
    const h = mix(s);
    const bin = h >>> VALUE_BITS;
    const v = h & VALUE_MASK;
    if (v < signature[bin]) signature[bin] = v;
  }
  const filled = Uint8Array.from(signature, (v) => (v === EMPTY ? 0 : 1));
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    if (filled[i]) continue;
    let d = 1;
    while (!filled[(i + d) % SIGNATURE_SIZE]) d++;
    signature[i] = (signature[(i + d) % SIGNATURE_SIZE] & VALUE_MASK) + d * (VALUE_MASK + 1);
  }
  return signature;
}

export function fingerprint(sections: ProseSection[], agency: string | null): Fingerprint {
  const names = namesToMask(agency);
  const passages: number[] = [];
  const shingles = new Set<number>();
  sections.forEach((section, index) => {
    for (const p of splitPassages(section.text)) {
      const c = comparable(p, names);
      if (!c) continue;
      for (let i = 0; i + SHINGLE <= c.length; i++) shingles.add(hashString(c, i, i + SHINGLE));
      if (c.length >= MIN_PASSAGE) passages.push(hashString(c), c.length, index);
    }
  });
  return { signature: minhash(shingles), passages: Uint32Array.from(passages) };
}

/** The estimated Jaccard similarity of two reports' 5-gram sets. */
export function similarity(a: Uint32Array, b: Uint32Array, aOffset = 0, bOffset = 0): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[aOffset + i] === b[bOffset + i] && a[aOffset + i] !== EMPTY) same++;
  return same / SIGNATURE_SIZE;
}

/** The bucket of a signature in one LSH band. */
export function bandHash(signature: Uint32Array, band: number, offset = 0): number {
  let h = 0x811c9dc5 ^ band;
  for (let r = 0; r < ROWS_PER_BAND; r++) h = mix(h ^ signature[offset + band * ROWS_PER_BAND + r]);
  return h;
}

// ---------------------------------------------------------------------------------------------
// passage overlap
// ---------------------------------------------------------------------------------------------

export interface Overlap {
  /** Share of the report's prose (by length of its passages) found word for word in the other. */
  share: number;
  /** Per section (index into the report's sections): its share. */
  bySection: Map<number, { share: number; length: number }>;
  /** Hashes of the passages found in the other report. */
  matched: Set<number>;
}

export function overlap(a: Uint32Array, b: Uint32Array): Overlap {
  const other = new Set<number>();
  for (let i = 0; i < b.length; i += 3) other.add(b[i]);
  let total = 0;
  let same = 0;
  const bySection = new Map<number, { share: number; length: number; same: number }>();
  const matched = new Set<number>();
  for (let i = 0; i < a.length; i += 3) {
    const [hash, length, section] = [a[i], a[i + 1], a[i + 2]];
    let s = bySection.get(section);
    if (!s) bySection.set(section, (s = { share: 0, length: 0, same: 0 }));
    total += length;
    s.length += length;
    if (other.has(hash)) {
      same += length;
      s.same += length;
      matched.add(hash);
    }
  }
  for (const s of bySection.values()) s.share = s.length ? s.same / s.length : 0;
  return { share: total ? same / total : 0, bySection, matched };
}

/** The printed passages of a report whose comparable form is among `hashes` (for examples). */
export function passagesWithHashes(sections: ProseSection[], agency: string | null, hashes: Set<number>): { section: number; text: string }[] {
  const names = namesToMask(agency);
  const out: { section: number; text: string }[] = [];
  sections.forEach((section, index) => {
    for (const p of splitPassages(section.text)) {
      const c = comparable(p, names);
      if (c.length >= MIN_PASSAGE && hashes.has(hashString(c))) out.push({ section: index, text: p });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// storage
// ---------------------------------------------------------------------------------------------

export const toBytes = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

export function fromBytes(b: Uint8Array | null | undefined): Uint32Array {
  if (!b || b.byteLength % 4) return new Uint32Array(0);
  // copy: a Buffer from the driver may sit at an offset that is not 4-aligned
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Uint32Array(copy.buffer);
}
