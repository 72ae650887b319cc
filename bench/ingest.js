// Corpus ingest at scale: BENCH_INGEST_N (default 100,000) valid reports are generated — bodies
// × years with consistent tables (totals hold, last year's carried-forward is this year's
// carried-over), prose taken sentence by sentence from the fixtures — written as text files,
// and ingested into a fresh SQLite store through the real `gongkai ingest` path (worker
// threads, batched transactions, the cross-report rules afterwards). Prints reports/s, the
// peak memory (RSS of the whole process, workers included) along the way, and the time of the
// standard queries. Targets: 100,000 in ≤ 10 min on 2 cores, memory flat, each query ≤ 200 ms.
//
// BENCH_INGEST_N=5000 for a quick run; BENCH_KEEP=1 keeps the generated folder and database.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePath } from '../dist/pipeline.js';
import { renderReportText } from '../dist/render/report-text.js';
import { proseSections } from '../dist/corpus/record.js';
import { openStore } from '../dist/corpus/store.js';
import { ingest } from '../dist/corpus/ingest.js';
import { findings, rank, rawSql, search, series, summary, total } from '../dist/corpus/query.js';
import { TABLE2, TABLE3_APPLICANT_KEYS, TABLE3_ROWS, TABLE4_BLOCKS } from '../dist/model/template.js';
import { setUpJit } from './jit.js';

const FIXTURES = new URL('../test/fixtures/', import.meta.url).pathname;
const N = Number(process.env.BENCH_INGEST_N ?? 100_000);
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

// a small deterministic generator, so every run ingests the same corpus
let seed = 20240131;
const random = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const int = (max) => Math.floor(random() * (max + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const skewed = (max) => Math.floor(max * random() ** 3);

// ---------------------------------------------------------------------------------------------
// prose from the fixtures
// ---------------------------------------------------------------------------------------------

async function prosePool() {
  const pool = { overview: [], problems: [], other: [] };
  const agencies = new Set();
  for (const dir of ['seeds', 'real']) {
    for (const f of readdirSync(join(FIXTURES, dir))) {
      if (!/\.(txt|html)$/.test(f) || f.includes('.raw.')) continue;
      const r = await parsePath(join(FIXTURES, dir, f));
      if (r.error) continue;
      if (r.meta.agency) agencies.add(r.meta.agency);
      for (const s of proseSections(r)) {
        const list = pool[s.key] ?? pool.overview;
        for (const sentence of s.text.split(/(?<=[。；])/)) {
          const t = sentence.replace(/\s+/g, '').trim();
          if (t.length >= 12 && t.length <= 200 && !/^[一二三四五六七八九十]+、/.test(t)) list.push(t);
        }
      }
    }
  }
  // names of the fixtures' bodies become the generated body's name
  const names = [...agencies].sort((a, b) => b.length - a.length);
  for (const k of Object.keys(pool)) pool[k] = [...new Set(pool[k])];
  return { pool, names };
}

const PLACE_CHARS = '安宁平江山河清东西南北新明阳华兴丰泰德和永昌长青云龙川海城湖乐康福嘉远宜林溪桥潭源台峰';
const DEPARTMENTS = ['人民政府', '卫生健康委员会', '教育局', '财政局', '公安局', '民政局', '司法局', '自然资源和规划局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化和旅游局', '应急管理局', '市场监督管理局', '统计局', '医疗保障局', '人力资源和社会保障局'];
const PREFECTURES = ['江州市', '云海市', '青山市', '安平市', '兴华市', '龙川市', '清源市', '东阳市'];

function bodies(count) {
  const out = [];
  const seen = new Set();
  while (out.length < count) {
    const place = pick([...PLACE_CHARS]) + pick([...PLACE_CHARS]) + pick(['区', '县', '县', '市']);
    if (seen.has(place)) continue;
    seen.add(place);
    const prefecture = pick(PREFECTURES);
    for (const d of DEPARTMENTS) out.push({ place, prefecture, name: `${place}${d}`, government: d === '人民政府', state: null });
  }
  return out.slice(0, count);
}

// ---------------------------------------------------------------------------------------------
// consistent tables
// ---------------------------------------------------------------------------------------------

const OUTCOMES = TABLE3_ROWS.filter((r) => r.outcome);

function table3(generation, carriedOver) {
  const t = {};
  const rows = TABLE3_ROWS.filter((r) => r.generations.includes(generation));
  for (const r of rows) t[r.key] = {};
  const outcomes = OUTCOMES.filter((r) => r.generations.includes(generation)).map((r) => r.key);
  const forward = {};
  for (const c of TABLE3_APPLICANT_KEYS) {
    const received = c === 'naturalPerson' ? skewed(400) : skewed(12);
    const over = carriedOver?.[c] ?? int(3);
    const ahead = Math.min(received + over, int(4));
    let handled = received + over - ahead;
    t.newReceived[c] = received;
    t.carriedOver[c] = over;
    t.carriedForward[c] = ahead;
    t.resultsTotal[c] = handled;
    forward[c] = ahead;
    for (const o of outcomes) t[o][c] = 0;
    // most applications are granted; the rest spread over the outcome rows
    while (handled > 0) {
      const n = Math.min(handled, 1 + int(Math.max(1, Math.floor(handled / 3))));
      t[random() < 0.55 ? 'granted' : pick(outcomes)][c] += n;
      handled -= n;
    }
  }
  for (const r of rows) t[r.key].total = TABLE3_APPLICANT_KEYS.reduce((a, c) => a + t[r.key][c], 0);
  return { table: t, forward };
}

function table4() {
  const t = {};
  for (const b of TABLE4_BLOCKS) {
    const v = { upheld: skewed(20), corrected: skewed(4), other: skewed(6), pending: skewed(5) };
    t[b.key] = { ...v, total: v.upheld + v.corrected + v.other + v.pending };
  }
  return t;
}

function table2(generation, state) {
  const t = {};
  if (generation === '2021') {
    for (const key of ['regulations', 'normativeDocuments']) {
      const before = state.inForce?.[key] ?? (key === 'regulations' ? int(3) : int(40));
      const issued = key === 'regulations' ? int(1) : int(8);
      const repealed = Math.min(before, int(3));
      t[key] = { issued, repealed, inForce: before + issued - repealed };
    }
    t.licensing = { decisions: skewed(20000) };
    t.penalty = { decisions: skewed(5000) };
    t.enforcement = { decisions: skewed(300) };
    t.fees = { amount: Math.round(random() * 100000) / 100 };
    state.inForce = { regulations: t.regulations.inForce, normativeDocuments: t.normativeDocuments.inForce };
  } else {
    for (const key of ['regulations', 'normativeDocuments']) {
      const made = int(6);
      t[key] = { newlyMade: made, newlyPublished: Math.min(made, int(6)), totalPublished: made + int(60) };
    }
    for (const key of ['licensing', 'otherServices', 'penalty', 'enforcement', 'fees']) {
      const previousItems = state.items?.[key] ?? int(300);
      const change = Math.max(-previousItems, int(20) - 10);
      t[key] = key === 'fees' ? { previousItems, change } : { previousItems, change, decisions: skewed(3000) };
      (state.items ??= {})[key] = previousItems + change;
    }
    t.procurement = { projects: int(30), amount: Math.round(random() * 5000 * 100) / 100 };
  }
  return t;
}

function prose(pool, names, key, body, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    let s = pick(pool[key]);
    for (const n of names) if (s.includes(n)) s = s.split(n).join(body.name);
    // vary the figures the prose quotes
    out.push(s.replace(/\d+/g, () => String(int(500))));
  }
  return out.join('\n');
}

function report(body, year, ctx) {
  const generation = year >= 2021 ? '2021' : '2019';
  const state = body.state ?? (body.state = {});
  const t3 = table3(generation, state.forward);
  // 2 % of the reports break the cross-year carry-over (their own table still adds up)
  if (state.forward && random() < 0.02) {
    for (const row of ['carriedOver', 'granted', 'resultsTotal']) for (const c of ['naturalPerson', 'total']) t3.table[row][c] += 1;
  }
  state.forward = t3.forward;
  // the agency sometimes writes its prefecture before its own name (bodies.ts links both)
  const agency = random() < 0.3 ? `${body.prefecture}${body.name}` : body.name;
  const copyLastYear = state.prose && random() < 0.05;
  const sections = copyLastYear
    ? state.prose
    : [
        { key: 'overview', heading: '一、总体情况', text: prose(ctx.pool, ctx.names, 'overview', body, 6 + int(8)) },
        { key: 'problems', heading: '五、存在的主要问题及改进情况', text: prose(ctx.pool, ctx.names, 'problems', body, 3 + int(4)) },
        { key: 'other', heading: '六、其他需要报告的事项', text: prose(ctx.pool, ctx.names, 'other', body, 1 + int(2)) },
      ];
  state.prose = sections;
  const month = body.government ? 1 + int(2) : 1;
  const date = `${year + 1}-${String(month).padStart(2, '0')}-${String(1 + int(27)).padStart(2, '0')}`;
  return renderReportText({
    meta: { title: `${agency}${year}年政府信息公开工作年度报告`, agency, year, template: generation, date },
    sections,
    table2: table2(generation, state),
    table3: t3.table,
    table4: table4(),
  });
}

export async function generate(dir, n) {
  const ctx = await prosePool();
  const list = bodies(Math.ceil(n / YEARS.length));
  let written = 0;
  for (const year of YEARS) {
    for (let b = 0; b < list.length && written < n; b++) {
      const shard = join(dir, String(Math.floor(written / 1000)).padStart(3, '0'));
      if (written % 1000 === 0) mkdirSync(shard, { recursive: true });
      writeFileSync(join(shard, `${String(written).padStart(6, '0')}.txt`), report(list[b], year, ctx));
      written++;
    }
  }
  return written;
}

// ---------------------------------------------------------------------------------------------
// the run
// ---------------------------------------------------------------------------------------------

const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function timed(fn) {
  const t = performance.now();
  const r = await fn();
  return { ms: performance.now() - t, r };
}

export async function run() {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-bench-ingest-'));
  const dir = join(root, 'reports');
  const dbPath = join(root, 'corpus.db');
  try {
    let t = performance.now();
    const generated = await generate(dir, N);
    const generateSeconds = (performance.now() - t) / 1000;
    console.log(`generated ${generated} reports in ${generateSeconds.toFixed(1)} s (${dir})`);

    const store = await openStore(dbPath);
    // RSS along the way, to show that memory stays flat
    const samples = [];
    const sampler = setInterval(() => samples.push(process.memoryUsage().rss), 1000);
    t = performance.now();
    const s = await ingest(store, [dir], { progress: process.stderr.isTTY ? 'bar' : 'lines' });
    clearInterval(sampler);
    const seconds = (performance.now() - t) / 1000;
    const parseSeconds = seconds - (s.corpus?.seconds ?? 0);
    console.log(`ingested ${s.reports} reports (${s.failed} failed, ${s.bodies} bodies) in ${seconds.toFixed(1)} s on ${availableParallelism()} cores`);
    console.log(`  parse + write ${parseSeconds.toFixed(1)} s = ${(s.reports / parseSeconds).toFixed(0)} reports/s; cross-report rules ${s.corpus?.seconds.toFixed(1)} s (${s.corpus?.findings} findings)`);
    const quarter = (q) => samples[Math.min(samples.length - 1, Math.floor((samples.length - 1) * q))] ?? 0;
    console.log(`  peak RSS ${mb(s.peakRss)}; RSS at 25/50/75/100 %: ${[0.25, 0.5, 0.75, 1].map((q) => mb(quarter(q))).join(' / ')}`);

    const body = (await rawSql(store, 'select name from bodies order by id limit 1')).rows[0][0];
    const queries = {
      summary: () => summary(store),
      'series (a body over the years)': () => series(store, body),
      'rank (a year by a figure)': () => rank(store, 2023, 'table3.newReceived.total'),
      'total (a figure per year)': () => total(store, 'table3.newReceived.total'),
      'findings (XYEAR_CARRYOVER)': () => findings(store, 'XYEAR_CARRYOVER'),
      'search (full text)': () => search(store, '政务公开'),
      'sql (sum by year)': () =>
        rawSql(
          store,
          "select r.year, sum(c.value) as total from figures f join cells c on c.figure = f.id join reports r on r.id = c.report_id where f.tbl = 'table3' and f.row_key = 'resultsTotal' and f.col_key = 'total' and r.is_primary = 1 group by r.year",
        ),
    };
    const times = {};
    for (const [name, fn] of Object.entries(queries)) {
      const first = await timed(fn);
      const second = await timed(fn);
      times[name] = { first: first.ms, warm: second.ms, rows: first.r.rows.length };
      console.log(`  query ${name}: ${first.ms.toFixed(1)} ms (warm ${second.ms.toFixed(1)} ms, ${first.r.rows.length} rows)`);
    }
    const dbBytes = ['', '-wal'].reduce((a, x) => a + (statSync(dbPath + x, { throwIfNoEntry: false })?.size ?? 0), 0);
    console.log(`  database ${mb(dbBytes)}`);
    await store.close();
    const slowest = Math.max(...Object.values(times).map((x) => x.first));
    return {
      'ingest reports': s.reports,
      'ingest seconds': seconds.toFixed(1),
      'ingest reports/s': (s.reports / seconds).toFixed(0),
      'ingest parse+write reports/s': (s.reports / parseSeconds).toFixed(0),
      'ingest cross-report rules s': s.corpus?.seconds.toFixed(1),
      'ingest peak RSS MB': Math.round(s.peakRss / 1024 / 1024),
      'ingest slowest query ms': slowest.toFixed(1),
      ...Object.fromEntries(Object.entries(times).map(([k, v]) => [`query ${k} ms`, v.first.toFixed(1)])),
    };
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(root, { recursive: true, force: true });
    else console.log(`kept ${root}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setUpJit();
  const figures = await run();
  for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${v}`);
}
