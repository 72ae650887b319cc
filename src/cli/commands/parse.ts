import type { Command } from 'commander';
import { defaultThreads, renderEach } from '../batch.js';
import { OutputSequence, outputFormat, parseSize, parseThreads } from '../io.js';
import { jsonRendering, type Rendering } from '../rendering.js';

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('read annual reports into the standard model (text, Markdown, HTML, DOCX, PDF, .doc/.wps)')
    .argument('<files...>', 'report files; - reads standard input')
    .option('-f, --format <format>', 'text | json | jsonl', 'text')
    .option('--max-size <size>', 'largest input accepted', '32MB')
    .option('--threads <n>', 'worker threads for a large batch (default: one per core but one; 1 parses on the main thread)')
    .action(async (files: string[], opts: { format: string; maxSize: string; threads?: string }) => {
      const format = outputFormat(opts.format);
      const threads = opts.threads === undefined ? defaultThreads() : parseThreads(opts.threads);
      const rendering: Rendering = format === 'text' ? { kind: 'report-text' } : jsonRendering(format, files.length);
      const out = OutputSequence.of(rendering);
      let failed = false;
      for await (const r of renderEach(files, { options: { maxBytes: parseSize(opts.maxSize) }, rendering }, threads)) {
        if (r.failure) failed = true;
        // text: a file that cannot be read is a line on stderr
        if (format === 'text' && r.failure) process.stderr.write(`gongkai: ${r.failure.path}: ${r.failure.message} [${r.failure.code}]\n`);
        else await out.add(r.out);
      }
      await out.end();
      process.exitCode = failed ? 1 : 0;
    });
}
