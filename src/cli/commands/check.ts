import type { Command } from 'commander';
import { findRule, type RuleSelection } from '../../check/engine.js';
import type { Severity } from '../../model/report.js';
import { addCounts, diagnosticSummary, noCounts } from '../../render/diagnostics.js';
import { defaultThreads, renderEach } from '../batch.js';
import { OutputSequence, outputFormat, parseSize, parseThreads, UsageError, writeOut } from '../io.js';
import { jsonRendering, type Rendering } from '../rendering.js';
import { checkCorpus } from './check-corpus.js';

function codes(list: string[] | undefined): string[] | undefined {
  if (!list?.length) return undefined;
  const out = list.flatMap((s) => s.split(',')).map((s) => s.trim().toUpperCase()).filter(Boolean);
  for (const c of out) if (!findRule(c)) throw new UsageError(`unknown rule "${c}" (see \`gongkai rules\`)`);
  return out;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('check annual reports against the rules of the format (exit 1 when any report has an error)')
    .argument('[files...]', 'report files; - reads standard input')
    .option('-f, --format <format>', 'text | json | jsonl', 'text')
    .option('--severity <level>', 'report only findings at or above: error | warning | info', 'info')
    .option('--rule <codes...>', 'run only these rules (codes, comma- or space-separated)')
    .option('--disable <codes...>', 'do not run these rules')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this')
    .option('--color', 'force colour')
    .option('--no-color', 'no colour')
    .option('--max-size <size>', 'largest input accepted', '32MB')
    .option('--threads <n>', 'worker threads for a large batch (default: one per core but one; 1 checks on the main thread)')
    .option('--corpus', 'run the cross-report rules (last year, other bodies) over a corpus database instead of files')
    .option('--db <location>', 'with --corpus: SQLite file or postgres:// URL', 'gongkai.db')
    .action(async (files: string[], opts: { format: string; severity: string; rule?: string[]; disable?: string[]; maxWarnings?: string; color?: boolean; maxSize: string; threads?: string; corpus?: boolean; db: string }) => {
      const format = outputFormat(opts.format);
      if (opts.corpus && files.length) throw new UsageError('--corpus checks the database given by --db; give no files with it');
      if (!opts.corpus && !files.length) throw new UsageError("missing required argument 'files' (or --corpus to check a corpus database)");
      if (!['error', 'warning', 'info'].includes(opts.severity)) throw new UsageError(`unknown severity "${opts.severity}" (error, warning, info)`);
      const maxWarnings = opts.maxWarnings === undefined ? undefined : Number(opts.maxWarnings);
      if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) throw new UsageError('--max-warnings takes a whole number');
      const rules: RuleSelection = { only: codes(opts.rule), disable: codes(opts.disable), minSeverity: opts.severity as Severity };
      const threads = opts.threads === undefined ? defaultThreads() : parseThreads(opts.threads);
      if (opts.corpus) {
        await checkCorpus(opts.db, rules, format, { color: opts.color, maxWarnings });
        return;
      }
      const color = Boolean(opts.color ?? (process.stdout.isTTY && !process.env.NO_COLOR));
      const rendering: Rendering = format === 'text' ? { kind: 'diagnostics', color } : jsonRendering(format, files.length);
      const out = OutputSequence.of(rendering);
      const total = noCounts();
      for await (const r of renderEach(files, { options: { maxBytes: parseSize(opts.maxSize), rules }, rendering }, threads)) {
        addCounts(total, r);
        await out.add(r.out);
      }
      await out.end();
      if (format === 'text') await writeOut(`\n${diagnosticSummary(files.length, total, { color })}\n`);
      const errors = total.errors + total.unreadable;
      const warnings = total.warnings;
      process.exitCode = errors || (maxWarnings !== undefined && warnings > maxWarnings) ? 1 : 0;
    });
}
