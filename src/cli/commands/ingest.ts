import type { Command } from 'commander';
import { DEFAULT_DB } from '../../corpus/defaults.js';
import { openCorpus } from '../corpus-store.js';
import { parseSize, UsageError } from '../io.js';

const LISTED = 20;

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} takes a whole number ≥ 1`);
  return n;
}

export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('read reports (files, folders, globs) into a corpus database, in parallel; resumable — stored files are skipped')
    .argument('<paths...>', 'report files, folders (searched recursively) or quoted glob patterns')
    .option('--db <location>', 'SQLite file, or postgres://user@host:port/db[?schema=name]', DEFAULT_DB)
    .option('-j, --threads <n>', 'parse workers (default: all cores)')
    .option('--batch <n>', 'reports per transaction', '200')
    .option('--retry-errors', 'parse again the files stored with an error')
    .option('--no-check', 'do not run the cross-report rules afterwards')
    .option('-q, --quiet', 'no progress output')
    .option('-f, --format <format>', 'summary as text | json', 'text')
    .option('--max-size <size>', 'largest input accepted', '32MB')
    .action(async (paths: string[], opts: { db: string; threads?: string; batch: string; retryErrors?: boolean; check: boolean; quiet?: boolean; format: string; maxSize: string }) => {
      if (!['text', 'json'].includes(opts.format)) throw new UsageError(`unknown format "${opts.format}" (use text, json)`);
      const threads = positive(opts.threads, '--threads');
      const batchSize = positive(opts.batch, '--batch');
      const maxBytes = parseSize(opts.maxSize);
      const store = await openCorpus(opts.db);
      const { ingest } = await import('../../corpus/ingest.js');
      const { formatDuration } = await import('../../corpus/progress.js');
      try {
        const s = await ingest(store, paths, { threads, batchSize, retryErrors: opts.retryErrors, check: opts.check, maxBytes, progress: opts.quiet ? 'none' : undefined });
        if (opts.format === 'json') process.stdout.write(`${JSON.stringify({ db: store.label, ...s }, null, 2)}\n`);
        else {
          for (const f of s.failures.slice(0, LISTED)) process.stderr.write(`gongkai: ${f.path}: ${f.message} [${f.code}]\n`);
          if (s.failed > LISTED) process.stderr.write(`gongkai: … ${s.failed - LISTED} more files with errors; they are stored with their error (gongkai query --db ${opts.db} --sql "select path, error_code, error_message from files where status = 'error'")\n`);
          const lines = [
            `${store.label}: ${s.reports} report${s.reports === 1 ? '' : 's'} stored (${s.bodies} new bod${s.bodies === 1 ? 'y' : 'ies'}), ${s.skipped} already stored, ${s.failed} with errors — ${s.files} files in ${formatDuration(s.seconds)}`,
          ];
          if (s.corpus) {
            lines.push(`cross-report rules: ${s.corpus.checked} report${s.corpus.checked === 1 ? '' : 's'} checked, ${s.corpus.findings} findings (${s.corpus.errors} errors, ${s.corpus.warnings} warnings) — details: gongkai check --corpus --db ${opts.db}`);
          }
          if (!s.files) lines.push('nothing to ingest: no report files (.txt .md .html .pdf .docx .doc .wps) in the paths given');
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        process.exitCode = s.failed || !s.files ? 1 : 0;
      } finally {
        await store.close();
      }
    });
}
