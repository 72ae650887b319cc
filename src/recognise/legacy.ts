/**
 * The pre-2019 statistics table: 统计指标 | 单位 | 统计数 (the 2014 《政府信息公开情况统计表》),
 * or an older local table (指标名称 | 计量单位 | 本年度 | 历年累计). Rows are free-form
 * key/value statistics: labels known to the template map onto indicator keys, the rest is kept
 * under `legacy.extra` with the item it is printed under.
 */
import { LEGACY_BLOCKS, LEGACY_INDICATORS, LEGACY_UNITS, type LegacyIndicatorDef } from '../model/template.js';
import type { Legacy } from '../model/report.js';
import type { Recognition } from './context.js';
import { normLabel, parseValue } from './normalise.js';
import { buildSegments, regionMode, type Region, type Segment } from './segments.js';
import { splitGroups } from './split.js';
import type { Token } from './tokens.js';

const UNITS = [...LEGACY_UNITS].sort((a, b) => b.length - a.length);

/** "(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)" → "主动公开政府信息数". */
export function legacyCore(label: string): { core: string; numbered: boolean; sub: boolean } {
  let s = normLabel(label);
  const sub = /^其中:?/.test(s) || /^\d+\./.test(s.replace(/^其中:?/, ''));
  s = s.replace(/^其中:?/, '');
  const numbered = /^\d+\./.test(s);
  s = s.replace(/^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\.)/, '');
  s = s.replace(/^其中:?/, '');
  s = s.replace(/\([^)]*\)/g, '');
  return { core: s, numbered, sub };
}

const NAMES = LEGACY_INDICATORS.map((def) => ({ def, names: [def.label, ...(def.aliases ?? [])].map((n) => legacyCore(n).core) }));

/**
 * The indicator a printed label names: an exact match of the label's core, or — when header
 * words were read into the same run (crawler text) — the longest known name the label ends with.
 */
function matchIndicator(core: string, block: string | null): LegacyIndicatorDef | null {
  const fits = (def: LegacyIndicatorDef) => !def.block || !block || def.block === block;
  const prefer = (a: LegacyIndicatorDef | null, b: LegacyIndicatorDef) => (!a || (b.block && b.block === block) ? b : a);
  let exact: LegacyIndicatorDef | null = null;
  for (const { def, names } of NAMES) if (names.includes(core) && fits(def)) exact = prefer(exact, def);
  if (exact) return exact;
  let best: { def: LegacyIndicatorDef; length: number } | null = null;
  for (const { def, names } of NAMES) {
    if (!fits(def)) continue;
    for (const n of names) if (n.length >= 4 && core.endsWith(n) && (!best || n.length > best.length)) best = { def, length: n.length };
  }
  return best?.def ?? null;
}

const BLOCK_CORES = LEGACY_BLOCKS.map((b) => ({ key: b.key, core: legacyCore(b.label).core }));
/** Indicators that open a block in older tables that print no block rows. */
const OPENS_BLOCK: Record<string, string> = { 'reconsideration.total': 'reconsideration', 'litigation.total': 'litigation', 'requests.received': 'requests' };

/** Splits a trailing unit off a label cell run ("主动公开信息数条" → 条). */
function splitUnit(label: string): { label: string; unit: string | null } {
  for (const u of UNITS) if (label.endsWith(u) && label.length > u.length) return { label: label.slice(0, -u.length), unit: u };
  return { label, unit: null };
}

export function recogniseLegacy(tokens: Token[], region: Region, rec: Recognition): Legacy | null {
  const mode = regionMode(tokens, region);
  const segments = buildSegments(tokens, region, mode === 'glued' ? 'glued' : 'rows');
  const indicators: Record<string, number | null> = {};
  const extra: Legacy['extra'] = [];
  let block: string | null = null;
  let parent: string | null = null;
  let matched = 0;
  // older local tables print the year's value and a 历年累计 (cumulative) column
  const cumulative = segments.some((s) => s.label.includes('累计'));
  for (const seg of segments) {
    // the label of this row is the last text cell(s) since the previous row: the header and
    // block rows before it were collected into the same run
    const { label: withoutUnit, unit } = splitUnit(seg.label);
    const rowLabel = lastRowLabel(seg, withoutUnit);
    const blockHit = BLOCK_CORES.find((b) => withoutUnit.endsWith(b.core));
    const nonBlank = seg.values.filter((v) => v.t === 'value');
    if (blockHit && !nonBlank.length) {
      block = blockHit.key;
      parent = null;
      continue;
    }
    if (blockHit) block = blockHit.key;
    const { core, sub } = legacyCore(rowLabel);
    if (!core || !nonBlank.length) continue;
    if (matched && core.length > 40) break; // prose after the table
    const value = readValue(seg, rowLabel, mode === 'glued', cumulative);
    const def = matchIndicator(core, block);
    if (def) {
      matched++;
      const path = `legacy.indicators.${def.key}`;
      indicators[def.key] = rec.read(path, value.token, { value: value.value, inferred: value.inferred, money: def.unit === '万元' });
      if (value.note) rec.note({ ...value.note, paths: [path] });
      if (OPENS_BLOCK[def.key]) block = OPENS_BLOCK[def.key];
      if (!sub) parent = def.key;
    } else {
      const index = extra.length;
      const path = `legacy.extra.${index}`;
      const v = rec.read(path, value.token, { value: value.value, inferred: value.inferred });
      if (value.note) rec.note({ ...value.note, paths: [path] });
      extra.push({ label: rowLabel, unit, value: v, parent: sub ? parent : null });
      if (!sub) parent = rowLabel;
    }
  }
  if (!matched) return null;
  return { indicators, extra };
}

/** The printed label of the row itself: the text after the last header-ish or block run. */
function lastRowLabel(seg: Segment, label: string): string {
  const texts = seg.labelTokens.map((t) => normLabel(t.raw)).filter(Boolean);
  if (texts.length <= 1) return label;
  // grid rows: label cell then unit cell; earlier cells belong to header or block rows
  let last = texts[texts.length - 1];
  if (UNITS.includes(last) && texts.length >= 2) last = texts[texts.length - 2];
  return splitUnit(last).label;
}

interface ValueReading {
  token: Token | null;
  value?: number | null;
  inferred?: string;
  note?: { code: string; severity: 'info' | 'warning'; message: string };
}

/** The row's value for the reporting year: the first value column (a cumulative one follows). */
function readValue(seg: Segment, fullLabel: string, glued: boolean, cumulative: boolean): ValueReading {
  const label = fullLabel.length > 24 ? `…${fullLabel.slice(-24)}` : fullLabel;
  const values = seg.values.filter((v) => v.t === 'value' || v.grid);
  const first = values[0] ?? null;
  if (!glued || !first) return { token: first };
  // crawler text: "2026 3542" became "20263542"; year and cumulative are two numbers
  const digits = values.map((t) => t.raw.normalize('NFKC').replace(/[^\d.]/g, ''));
  if (!cumulative || values.length >= 2) return { token: first };
  const splits = splitGroups(digits, 2, { limit: 100 }).filter(([a, b]) => Number(b) >= Number(a));
  if (splits.length === 1) {
    return {
      token: { ...first, raw: splits[0][0] },
      inferred: `split from the glued digits "${first.raw}"`,
      note: { code: 'CELL_INFERRED', severity: 'info', message: `${label}: "${first.raw}" is the year's value and the cumulative one run together; the only split with cumulative ≥ year is ${splits[0].join(' | ')}` },
    };
  }
  return {
    token: null,
    inferred: 'glued digits could not be split unambiguously',
    note: {
      code: 'CELL_AMBIGUOUS',
      severity: 'warning',
      message: `${label}: "${first.raw}" is the year's value and the cumulative one run together, and ${splits.length} splits are possible; the value is left blank`,
    },
  };
}

