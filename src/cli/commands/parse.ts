import type { Command } from 'commander';
import { isReadError } from '../../model/report.js';
import { renderReportText } from '../../render/text.js';
import { outputFormat, parseInputs, parseSize, reportErrorsToStderr, writeJson } from '../io.js';

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('read annual reports into the standard model (text, Markdown, HTML, DOCX, PDF, .doc/.wps)')
    .argument('<files...>', 'report files; - reads standard input')
    .option('-f, --format <format>', 'text | json | jsonl', 'text')
    .option('--max-size <size>', 'largest input accepted', '32MB')
    .action(async (files: string[], opts: { format: string; maxSize: string }) => {
      const format = outputFormat(opts.format);
      const results = await parseInputs(files, { maxBytes: parseSize(opts.maxSize) });
      if (format === 'text') {
        reportErrorsToStderr(results);
        const ok = results.filter((r) => !isReadError(r));
        process.stdout.write(ok.map((r) => renderReportText(r as never)).join('\n\n') + (ok.length ? '\n' : ''));
      } else writeJson(results, format);
      process.exitCode = results.some(isReadError) ? 1 : 0;
    });
}
