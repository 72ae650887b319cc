/**
 * The pre-2019 statistics table: 统计指标 | 单位 | 统计数 (the 2014 《政府信息公开情况统计表》),
 * or an older local table (指标名称 | 计量单位 | 本年度 | 历年累计). Rows are free-form
 * key/value statistics: labels known to the template map onto indicator keys, the rest is kept
 * under `legacy.extra` with the item it is printed under.
 */
import { LEGACY_BLOCKS, LEGACY_INDICATORS, LEGACY_SUMS, LEGACY_UNITS, type LegacyIndicatorDef } from '../model/template.js';
import type { Legacy } from '../model/report.js';
import type { Recognition } from './context.js';
import { normLabel } from './normalise.js';
import { buildSegments, regionMode, type Region, type Segment } from './segments.js';
import { splitGroups } from './split.js';
import { withRaw, type Token } from './tokens.js';

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

interface LegacyRow {
  key: string | null;
  label: string;
  unit: string | null;
  parent: string | null;
  money: boolean;
  token: Token | null;
  /** Crawler text: the possible (year, cumulative) readings of the row's glued digits. */
  candidates?: [number, number][];
}

export function recogniseLegacy(tokens: Token[], region: Region, rec: Recognition): Legacy | null {
  const mode = regionMode(tokens, region);
  const segments = buildSegments(tokens, region, mode === 'glued' ? 'glued' : 'rows');
  const rows: LegacyRow[] = [];
  let block: string | null = null;
  let parent: string | null = null;
  // older local tables print the year's value and a 历年累计 (cumulative) column
  const cumulative = segments.some((s) => s.label.includes('累计'));
  for (const seg of segments) {
    // the label of this row is the last text cell(s) since the previous row: the header and
    // block rows before it were collected into the same run
    const { label: withoutUnit, unit } = splitUnit(seg.label);
    const rowLabel = lastRowLabel(seg, withoutUnit);
    const blockHit = BLOCK_CORES.find((b) => withoutUnit.endsWith(b.core));
    const values = seg.values.filter((v) => v.t === 'value' || v.grid);
    const nonBlank = values.filter((v) => v.t === 'value');
    if (blockHit && !nonBlank.length) {
      block = blockHit.key;
      parent = null;
      continue;
    }
    if (blockHit) block = blockHit.key;
    const { core, sub } = legacyCore(rowLabel);
    if (!core || !nonBlank.length) continue;
    if (rows.some((r) => r.key) && core.length > 40) break; // prose after the table
    const def = matchIndicator(core, block);
    const printed = rowLabel.replace(/^其中:?/, '').replace(/^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+\.)/, '');
    const row: LegacyRow = { key: def?.key ?? null, label: printed, unit, parent: sub ? parent : null, money: def?.unit === '万元', token: values[0] ?? null };
    // crawler text: "2026 3542" became "20263542"; year and cumulative are two numbers
    if (mode === 'glued' && cumulative && values.length === 1) {
      const digits = values[0].raw.normalize('NFKC').replace(/[^\d.]/g, '');
      row.candidates = splitGroups([digits], 2, { limit: 200 })
        .map(([a, b]) => [Number(a), Number(b)] as [number, number])
        .filter(([a, b]) => b >= a);
    }
    rows.push(row);
    if (def && OPENS_BLOCK[def.key]) block = OPENS_BLOCK[def.key];
    if (!sub) parent = def?.key ?? rowLabel;
  }
  if (!rows.some((r) => r.key)) return null;
  if (rows.some((r) => r.candidates)) narrow(rows);
  const indicators: Record<string, number | null> = {};
  const extra: Legacy['extra'] = [];
  for (const row of rows) {
    const path = row.key ? `legacy.indicators.${row.key}` : `legacy.extra.${extra.length}`;
    const v = readRow(row, path, rec);
    if (row.key) indicators[row.key] = v;
    else extra.push({ label: row.label, unit: row.unit, value: v, parent: row.parent });
  }
  return { indicators, extra };
}

/**
 * Glued rows: keep only the readings that can satisfy the table's sums (收到申请数 = the channels,
 * 申请答复数 = its answers …) in both the year and the cumulative column, until nothing changes.
 */
function narrow(rows: LegacyRow[]): void {
  const byKey = new Map(rows.filter((r) => r.key).map((r) => [r.key!, r]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const sum of LEGACY_SUMS) {
      if (sum.mode !== 'sum') continue;
      const total = byKey.get(sum.total);
      const parts = [...sum.parts.map((k) => byKey.get(k)).filter((r): r is LegacyRow => Boolean(r)), ...rows.filter((r) => !r.key && r.parent === sum.total)];
      const members = [total, ...parts];
      // only rows whose readings are open take part (a row read directly has no pair to choose)
      if (!total || members.some((m) => !m?.candidates?.length)) continue;
      const lists = members.map((m) => m!.candidates!);
      const keep = lists.map(() => new Set<number>());
      // every combination (few: most rows have one reading) that adds up in both columns
      const pick = (i: number, chosen: [number, number][], idx: number[]) => {
        if (i === lists.length) {
          const [t, ...ps] = chosen;
          if (t[0] === ps.reduce((a, p) => a + p[0], 0) && t[1] === ps.reduce((a, p) => a + p[1], 0)) idx.forEach((k, j) => keep[j].add(k));
          return;
        }
        lists[i].forEach((c, k) => pick(i + 1, [...chosen, c], [...idx, k]));
      };
      if (lists.reduce((a, l) => a * l.length, 1) > 20000) continue;
      pick(0, [], []);
      members.forEach((m, j) => {
        const next = lists[j].filter((_, k) => keep[j].has(k));
        if (next.length !== lists[j].length) {
          m!.candidates = next;
          changed = true;
        }
      });
    }
  }
}

function readRow(row: LegacyRow, path: string, rec: Recognition): number | null {
  const shown = row.label.length > 24 ? `…${row.label.slice(-24)}` : row.label;
  if (!row.candidates) return rec.read(path, row.token, row.money);
  const raw = row.token?.raw ?? '';
  if (row.candidates.length === 1 && row.token) {
    const [year, cum] = row.candidates[0];
    rec.note({
      code: 'CELL_INFERRED',
      severity: 'info',
      message: `${shown}: "${raw}" is the year's value and the cumulative one run together; the only split that keeps cumulative ≥ year and the table's sums is ${year} | ${cum}`,
      paths: [path],
      loc: row.token.loc,
    });
    return rec.read(path, withRaw(row.token, String(year)), row.money, `split from the glued digits "${raw}"`);
  }
  rec.note({
    code: 'CELL_AMBIGUOUS',
    severity: 'warning',
    message: `${shown}: "${raw}" is the year's value and the cumulative one run together, and ${row.candidates.length} splits are possible; the value is left blank`,
    paths: [path],
    loc: row.token?.loc,
  });
  return rec.read(path, null, false, 'glued digits could not be split unambiguously');
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
