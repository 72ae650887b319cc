/** Shared plumbing of the commands: options (formats, sizes, threads) and writing the output. */
import type { ParseResult } from '../model/report.js';
import type { Rendering } from './rendering.js';

export type OutputFormat = 'text' | 'json' | 'jsonl';

export class UsageError extends Error {}

export function outputFormat(value: string, allowed: OutputFormat[] = ['text', 'json', 'jsonl']): OutputFormat {
  if (!allowed.includes(value as OutputFormat)) throw new UsageError(`unknown format "${value}" (use ${allowed.join(', ')})`);
  return value as OutputFormat;
}

export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(value.trim());
  if (!m) throw new UsageError(`cannot read the size "${value}" (e.g. 32MB)`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * mult);
}

/** `--threads`: a whole number of at least 1. */
export function parseThreads(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--threads takes a whole number of at least 1, not "${value}"`);
  return n;
}

/** Writes to standard output, waiting while its buffer is full (a slow reader, a pipe). */
export async function writeOut(text: string): Promise<void> {
  if (text && !process.stdout.write(text)) await new Promise<void>((resolve) => process.stdout.once('drain', resolve));
}

/**
 * The outputs of a batch's files, written as they come: with `open` before the first, `separator`
 * between two and `close` after the last (nothing at all when there is none).
 */
export class OutputSequence {
  private count = 0;
  constructor(
    private readonly open = '',
    private readonly separator = '',
    private readonly close = '',
  ) {}

  /** What a rendering's files make together: a JSON array, reports one blank line apart, or lines. */
  static of(rendering: Rendering): OutputSequence {
    if (rendering.kind === 'json' && rendering.inArray) return new OutputSequence('[\n', ',\n', '\n]\n');
    if (rendering.kind === 'report-text') return new OutputSequence('', '\n');
    return new OutputSequence();
  }

  async add(text: string): Promise<void> {
    await writeOut(this.count++ ? this.separator + text : this.open + text);
  }

  async end(): Promise<void> {
    if (this.count) await writeOut(this.close);
  }
}

export function writeJson(results: ParseResult[], format: 'json' | 'jsonl'): void {
  if (format === 'jsonl') for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
  else process.stdout.write(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
}
