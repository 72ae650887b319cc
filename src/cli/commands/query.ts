import type { Command } from 'commander';
import { DEFAULT_DB } from '../../corpus/defaults.js';
import type { TableFormat } from '../../corpus/output.js';
import type { Table } from '../../corpus/query.js';
import { openCorpus } from '../corpus-store.js';
import { UsageError } from '../io.js';

interface QueryOptions {
  db: string;
  body?: string;
  figure?: string[];
  year?: string;
  rank?: string;
  total?: string;
  finding?: string;
  search?: string;
  sql?: string;
  limit?: string;
  asc?: boolean;
  format: string;
}

const whole = (v: string | undefined, name: string) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`${name} takes a whole number`);
  return n;
};

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('ask the corpus: a body over the years, a year ranked by a figure, totals, findings, full-text search, or SQL')
    .option('--db <location>', 'SQLite file, or postgres://user@host:port/db[?schema=name]', DEFAULT_DB)
    .option('--body <name>', "a body's reports over the years (with --figure …)")
    .option('--figure <paths...>', 'figures for --body, e.g. table3.newReceived.total table2.normativeDocuments.inForce')
    .option('--year <year>', 'the year for --rank (and a filter for --finding)')
    .option('--rank <figure>', 'all bodies of --year ranked by a figure')
    .option('--asc', 'rank from the smallest')
    .option('--total <figure>', 'a figure summed over all bodies, per year')
    .option('--finding <code>', 'reports with a finding, e.g. XYEAR_CARRYOVER, TEXT_DUPLICATE')
    .option('--search <text>', 'full-text search of the prose')
    .option('--sql <query>', 'any read-only SQL (tables: reports, bodies, cells, sections, findings, files)')
    .option('--limit <n>', 'rows to show')
    .option('-f, --format <format>', 'text | csv | json | jsonl', 'text')
    .addHelpText('after', '\nWithout a question, prints a summary of the corpus (reports, bodies, errors per year).')
    .action(async (opts: QueryOptions) => {
      const format = opts.format as TableFormat;
      if (!['text', 'csv', 'json', 'jsonl'].includes(format)) throw new UsageError(`unknown format "${opts.format}" (use text, csv, json, jsonl)`);
      const asked = [opts.body, opts.rank, opts.total, opts.finding, opts.search, opts.sql].filter((x) => x !== undefined).length;
      if (asked > 1) throw new UsageError('ask one question at a time: --body, --rank, --total, --finding, --search or --sql');
      const year = whole(opts.year, '--year');
      const limit = whole(opts.limit, '--limit');
      if (opts.rank !== undefined && year === undefined) throw new UsageError('--rank needs --year');
      const store = await openCorpus(opts.db, { mustExist: true });
      const { FigureError } = await import('../../corpus/figures.js');
      const { formatTable } = await import('../../corpus/output.js');
      const { findings, QueryError, rank, rawSql, search, series, summary, total } = await import('../../corpus/query.js');
      try {
        let table: Table;
        if (opts.body !== undefined) table = await series(store, opts.body, opts.figure);
        else if (opts.rank !== undefined) table = await rank(store, year!, opts.rank, { limit, ascending: opts.asc });
        else if (opts.total !== undefined) table = await total(store, opts.total);
        else if (opts.finding !== undefined) table = await findings(store, opts.finding, { year, limit });
        else if (opts.search !== undefined) table = await search(store, opts.search, { limit });
        else if (opts.sql !== undefined) table = await rawSql(store, opts.sql);
        else table = await summary(store);
        process.stdout.write(formatTable(table, format));
      } catch (e) {
        if (e instanceof QueryError || e instanceof FigureError) throw new UsageError(e.message);
        throw e;
      } finally {
        await store.close();
      }
    });
}
