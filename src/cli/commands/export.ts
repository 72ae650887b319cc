import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { DEFAULT_DB } from '../../corpus/defaults.js';
import type { ExportFormat, ExportWhat } from '../../corpus/export.js';
import { openCorpus } from '../corpus-store.js';
import { UsageError } from '../io.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export reports, cells or findings of the corpus as CSV, XLSX (a sheet per table, Chinese headers) or JSON Lines')
    .option('--db <location>', 'SQLite file, or postgres://user@host:port/db[?schema=name]', DEFAULT_DB)
    .option('-f, --format <format>', 'csv | xlsx | jsonl', 'csv')
    .option('--what <what>', 'reports | cells | findings', 'reports')
    .option('-o, --out <file>', 'write to this file (default: standard output)')
    .option('--year <year>', 'only this statistics year')
    .option('--body <name>', "only this body's reports")
    .option('--code <code>', 'findings: only this code')
    .option('--primary', 'only the primary copy of each body and year')
    .action(async (opts: { db: string; format: string; what: string; out?: string; year?: string; body?: string; code?: string; primary?: boolean }) => {
      if (!['csv', 'xlsx', 'jsonl'].includes(opts.format)) throw new UsageError(`unknown format "${opts.format}" (use csv, xlsx, jsonl)`);
      if (!['reports', 'cells', 'findings'].includes(opts.what)) throw new UsageError(`unknown --what "${opts.what}" (use reports, cells, findings)`);
      const year = opts.year === undefined ? undefined : Number(opts.year);
      if (year !== undefined && !Number.isInteger(year)) throw new UsageError('--year takes a year, e.g. 2024');
      if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) throw new UsageError('an XLSX workbook is binary: give --out FILE.xlsx (or redirect the output)');
      const store = await openCorpus(opts.db, { mustExist: true });
      // exceljs and the export code load only for this command
      const { ExportError, exportCorpus } = await import('../../corpus/export.js');
      const { QueryError } = await import('../../corpus/query.js');
      const out: Writable = opts.out ? createWriteStream(opts.out) : process.stdout;
      try {
        const { rows } = await exportCorpus(store, opts.what as ExportWhat, opts.format as ExportFormat, { year, body: opts.body, code: opts.code, primary: opts.primary }, out);
        if (opts.out) {
          out.end();
          await finished(out);
          process.stderr.write(`gongkai: ${rows} ${opts.what === 'cells' ? 'cells' : opts.what} written to ${opts.out}\n`);
        }
      } catch (e) {
        if (opts.out) out.destroy();
        if (e instanceof ExportError || e instanceof QueryError) throw new UsageError(e.message);
        throw e;
      } finally {
        await store.close();
      }
    });
}
