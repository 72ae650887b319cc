/**
 * The cross-report rules over a store (`gongkai check --corpus`, and after every ingest).
 *
 * For each report to check, the runner finds what the corpus rules compare it with:
 * - `previous`: the same body's report of the year before (its primary copy, writer.ts);
 * - `textMatches`: the share of its prose found in last year's report, and in the most similar
 *   report of another body (MinHash signatures, LSH over all reports in memory: 64 uint32 per
 *   report, 25 MB for 100,000 reports).
 * It runs the rules (engine.runCorpusRules) and replaces the report's stored corpus findings.
 * After an ingest only the new reports are checked, with the reports whose comparison they
 * change: next year's report of the same body and the other body's report found similar.
 */
import { runCorpusRules, selectRules, severityRank, type CorpusFinding, type RuleSelection } from '../check/engine.js';
import type { ReportRef, TextMatch } from '../check/rule.js';
import { DUPLICATE_SHARE } from '../check/rules/text-duplicate.js';
import type { Finding } from '../model/report.js';
import { bandHash, BANDS, fromBytes, hashString, overlap, passagesWithHashes, SIGNATURE_SIZE, similarity } from './duplicate.js';
import { cellLoc, loadReports, type StoredReport } from './load.js';
import { proseSections, FINDING_COLUMNS } from './record.js';
import { insertFlat, type Store } from './store.js';

export interface CorpusCheckOptions {
  /** Reports added or changed (an ingest's new reports); omitted: check every report. */
  changed?: number[];
  /**
   * Which rules to run. Only their stored findings are replaced (a check of one rule leaves
   * the others' findings alone); `minSeverity` filters what is collected, not what is stored.
   */
  selection?: RuleSelection;
  /** Keep the findings in memory for printing (check --corpus). */
  collect?: boolean;
}

export interface CorpusCheckResult {
  /** Reports whose corpus findings were recomputed. */
  checked: number;
  findings: number;
  errors: number;
  warnings: number;
  /** With `collect`: the reports with findings, in id order. */
  reports: { report: StoredReport; findings: Finding[] }[];
}

/** Below this MinHash similarity another body's report is not compared passage by passage. */
const CANDIDATE_SIMILARITY = 0.15;
/** In an LSH bucket, each report is compared with this many others (bounds boilerplate buckets). */
const BUCKET_WINDOW = 8;
const CHUNK = 400;
const EXAMPLES = 3;

interface Index {
  ids: Int32Array;
  body: Int32Array;
  year: Int32Array;
  primary: Uint8Array;
  signatures: Uint32Array;
  position: Map<number, number>;
  agency: (string | null)[];
  path: string[];
}

async function loadIndex(store: Store): Promise<Index> {
  const rows = await store.db
    .selectFrom('reports')
    .leftJoin('report_data as d', 'd.report_id', 'reports.id')
    .select(['reports.id', 'reports.body_id', 'reports.year', 'reports.is_primary', 'd.signature', 'reports.agency', 'reports.path'])
    .orderBy('reports.id')
    .execute();
  const n = rows.length;
  const index: Index = {
    ids: new Int32Array(n),
    body: new Int32Array(n),
    year: new Int32Array(n),
    primary: new Uint8Array(n),
    signatures: new Uint32Array(n * SIGNATURE_SIZE).fill(0xffffffff),
    position: new Map(),
    agency: new Array(n),
    path: new Array(n),
  };
  rows.forEach((r, i) => {
    index.ids[i] = r.id;
    index.body[i] = r.body_id ?? -1;
    index.year[i] = r.year ?? -1;
    index.primary[i] = r.is_primary;
    const sig = fromBytes(r.signature);
    if (sig.length === SIGNATURE_SIZE) index.signatures.set(sig, i * SIGNATURE_SIZE);
    index.position.set(r.id, i);
    index.agency[i] = r.agency;
    index.path[i] = r.path;
  });
  return index;
}

const ref = (index: Index, i: number): ReportRef => ({ id: index.ids[i], path: index.path[i], agency: index.agency[i], year: index.year[i] < 0 ? null : index.year[i] });
/** Compared with other bodies: primary copies with prose whose body is known. */
const comparable = (index: Index, i: number) => index.primary[i] === 1 && index.body[i] >= 0 && index.signatures[i * SIGNATURE_SIZE] !== 0xffffffff;

/**
 * For every report, the most similar report of another body (by MinHash), found through LSH
 * buckets. Only pairs with at least one report in `wanted` are compared.
 */
function similarOtherBody(index: Index, wanted: Uint8Array): { partner: Int32Array; score: Float32Array } {
  const n = index.ids.length;
  const partner = new Int32Array(n).fill(-1);
  const score = new Float32Array(n);
  const order = new Uint32Array(n);
  const bucket = new Uint32Array(n);
  const shuffle = new Uint32Array(n);
  // keyed by the report's path, not its id: ids follow the order parallel workers finished in,
  // and the reports a window meets (so the findings) must not depend on that
  const key = Uint32Array.from(index.path, (path) => hashString(path));
  for (let band = 0; band < BANDS; band++) {
    for (let i = 0; i < n; i++) {
      order[i] = i;
      bucket[i] = bandHash(index.signatures, band, i * SIGNATURE_SIZE);
      // a different order inside big buckets in every band, so the window meets different reports
      shuffle[i] = Math.imul(key[i] ^ Math.imul(band, 0x9e3779b9), 0x85ebca6b) >>> 0;
    }
    order.sort((a, b) => bucket[a] - bucket[b] || shuffle[a] - shuffle[b]);
    for (let p = 0; p < n; p++) {
      const i = order[p];
      if (!comparable(index, i)) continue;
      for (let q = p + 1; q < n && q <= p + BUCKET_WINDOW && bucket[order[q]] === bucket[i]; q++) {
        const j = order[q];
        if (!comparable(index, j) || index.body[i] === index.body[j] || !(wanted[i] || wanted[j])) continue;
        const s = similarity(index.signatures, index.signatures, i * SIGNATURE_SIZE, j * SIGNATURE_SIZE);
        if (s > score[i]) [score[i], partner[i]] = [s, j];
        if (s > score[j]) [score[j], partner[j]] = [s, i];
      }
    }
  }
  return { partner, score };
}

export async function runCorpusCheck(store: Store, options: CorpusCheckOptions = {}): Promise<CorpusCheckResult> {
  const index = await loadIndex(store);
  const n = index.ids.length;
  const result: CorpusCheckResult = { checked: 0, findings: 0, errors: 0, warnings: 0, reports: [] };
  if (!n) return result;

  // the primary report of every (body, year)
  const primaryOf = new Map<string, number>();
  for (let i = 0; i < n; i++) if (index.body[i] >= 0 && index.year[i] >= 0 && index.primary[i]) primaryOf.set(`${index.body[i]}:${index.year[i]}`, i);
  const previousOf = (i: number) => (index.body[i] >= 0 && index.year[i] >= 0 ? primaryOf.get(`${index.body[i]}:${index.year[i] - 1}`) : undefined);

  // what to check: every primary copy, or the changed reports and those whose comparison they
  // change. A copy that is not primary (the same report stored twice) gets no corpus findings.
  const targets = new Uint8Array(n);
  if (!options.changed) targets.set(index.primary);
  else {
    for (const id of options.changed) {
      const i = index.position.get(id);
      if (i === undefined) continue;
      targets[i] = 1;
      const next = index.body[i] >= 0 && index.year[i] >= 0 ? primaryOf.get(`${index.body[i]}:${index.year[i] + 1}`) : undefined;
      if (next !== undefined) targets[next] = 1;
    }
  }
  const codes = selectRules(options.selection, 'corpus').map((r) => r.meta.code);
  if (!codes.length) return result;
  const { partner, score } = similarOtherBody(index, targets);
  if (options.changed) {
    // an older report whose closest other-body report is now a new one is checked again
    for (let i = 0; i < n; i++) if (!targets[i] && partner[i] >= 0 && targets[partner[i]]) targets[i] = 1;
  }

  const list: number[] = [];
  for (let i = 0; i < n; i++) if (targets[i] && index.primary[i]) list.push(i);
  await store.db
    .deleteFrom('findings')
    .where('scope', '=', 'corpus')
    .where('report_id', 'in', (eb) => eb.selectFrom('reports').select('id').where('is_primary', '=', 0))
    .execute();
  const run: Run = { store, index, previousOf, partner, score, options, codes, result };
  for (let c = 0; c < list.length; c += CHUNK) result.checked += await checkChunk(run, list.slice(c, c + CHUNK));
  return result;
}

/** What every chunk of a check shares. */
interface Run {
  store: Store;
  index: Index;
  previousOf: (i: number) => number | undefined;
  partner: Int32Array;
  score: Float32Array;
  options: CorpusCheckOptions;
  /** The codes of the rules run: their stored findings are replaced. */
  codes: string[];
  result: CorpusCheckResult;
}

async function checkChunk(run: Run, chunk: number[]): Promise<number> {
  const { store, index, previousOf, partner, score, options, codes, result } = run;
  const shown = severityRank(options.selection?.minSeverity ?? 'info');
  // the comparisons each report has: last year's report, the closest other body's report
  const pairs = chunk.map((i) => {
    const prev = previousOf(i);
    const other = partner[i] >= 0 && score[i] >= CANDIDATE_SIMILARITY ? partner[i] : undefined;
    return { i, prev, other };
  });
  const ids = new Set<number>();
  for (const p of pairs) {
    ids.add(index.ids[p.i]);
    if (p.prev !== undefined) ids.add(index.ids[p.prev]);
    if (p.other !== undefined) ids.add(index.ids[p.other]);
  }
  const passages = await loadPassages(store, [...ids]);

  const matches = new Map<number, TextMatch[]>();
  const overlaps = new Map<TextMatch, ReturnType<typeof overlap>>();
  const needText = new Set<number>();
  for (const p of pairs) {
    const own = passages.get(index.ids[p.i]);
    if (!own?.length) continue;
    const list: TextMatch[] = [];
    for (const [j, relation] of [
      [p.prev, 'previous-year'],
      [p.other, 'other-body'],
    ] as const) {
      if (j === undefined) continue;
      const o = overlap(own, passages.get(index.ids[j]) ?? new Uint32Array(0));
      if (!o.share) continue;
      const sim = similarity(index.signatures, index.signatures, p.i * SIGNATURE_SIZE, j * SIGNATURE_SIZE);
      const match: TextMatch = { relation, other: ref(index, j), share: o.share, similarity: sim, sections: [], examples: [] };
      overlaps.set(match, o);
      list.push(match);
      if (o.share >= DUPLICATE_SHARE) needText.add(index.ids[p.i]);
    }
    if (list.length) matches.set(index.ids[p.i], list);
  }

  // the reports to evaluate: those with something to compare with
  const evaluate = pairs.filter((p) => p.prev !== undefined || matches.has(index.ids[p.i]));
  const loadIds = new Set<number>();
  for (const p of evaluate) {
    loadIds.add(index.ids[p.i]);
    if (p.prev !== undefined) loadIds.add(index.ids[p.prev]);
  }
  const reports = await loadReports(store.db, [...loadIds]);
  // sections (headings, places, example passages) only where a duplicate is reported
  const texts = await loadReports(store.db, [...needText], { tables: false, sections: true, findings: 'none' });
  for (const [id, list] of matches) {
    const withText = texts.get(id);
    if (withText) for (const m of list) describeMatch(withText, m, overlaps.get(m)!);
  }

  const rows: unknown[] = [];
  const checkedIds = chunk.map((i) => index.ids[i]);
  for (const p of evaluate) {
    const id = index.ids[p.i];
    const report = reports.get(id);
    if (!report) continue;
    const previous = p.prev !== undefined ? reports.get(index.ids[p.prev]) : undefined;
    const found = runCorpusRules(
      { report, notes: [], previous, previousRef: p.prev !== undefined ? ref(index, p.prev) : undefined, textMatches: matches.get(id) },
      { ...options.selection, minSeverity: undefined },
    );
    // the reports were read without provenance: a finding about a figure points at its cell
    for (const f of found) if (!f.finding.loc && f.finding.paths?.length) f.finding.loc = await cellLoc(store.db, id, f.finding.paths[0]);
    for (const f of found) rows.push(...findingRow(id, f));
    result.findings += found.length;
    result.errors += found.filter((f) => f.finding.severity === 'error').length;
    result.warnings += found.filter((f) => f.finding.severity === 'warning').length;
    // kept for printing: identity only, so collecting stays small on a large corpus
    const show = found.filter((f) => severityRank(f.finding.severity) >= shown).map((f) => f.finding);
    if (options.collect && show.length) result.reports.push({ report: { ...report, table2: null, table3: null, table4: null, legacy: null, cells: [] }, findings: show });
  }
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('findings').where('scope', '=', 'corpus').where('code', 'in', codes).where('report_id', 'in', checkedIds).execute();
    await insertFlat(trx, store.dialect, 'findings', FINDING_COLUMNS, rows);
  });
  return chunk.length;
}

async function loadPassages(store: Store, ids: number[]): Promise<Map<number, Uint32Array>> {
  const out = new Map<number, Uint32Array>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await store.db.selectFrom('report_data').select(['report_id', 'passages']).where('report_id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.report_id, fromBytes(r.passages));
  }
  return out;
}

/** Fills in where the shared prose is (section headings and shares) and example passages. */
function describeMatch(report: StoredReport, m: TextMatch, o: ReturnType<typeof overlap>): void {
  const sections = proseSections(report);
  m.sections = [...o.bySection.entries()]
    .filter(([, s]) => s.length)
    .map(([k, s]) => ({ key: sections[k]?.key ?? String(k), heading: (sections[k]?.heading ?? '').replace(/\s+/g, ''), share: Math.round(s.share * 1000) / 1000, loc: sections[k]?.loc }))
    .sort((a, b) => b.share - a.share);
  m.examples = passagesWithHashes(sections, report.meta.agency, o.matched)
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, EXAMPLES)
    .map((p) => (p.text.length > 120 ? `${p.text.slice(0, 120)}…` : p.text));
}

function findingRow(reportId: number, f: CorpusFinding): unknown[] {
  const x = f.finding;
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  return [
    reportId,
    'corpus',
    x.code,
    x.severity,
    x.message,
    json(x.paths),
    x.expected ?? null,
    x.actual ?? null,
    x.loc && Object.keys(x.loc).length ? JSON.stringify(x.loc) : null,
    x.excerpt ?? null,
    f.related?.report.id ?? null,
    json(f.related?.detail ?? (x.assessable === false ? { assessable: false } : undefined)),
  ];
}
