/**
 * Ingest progress: a bar on a terminal (files/s, errors so far, ETA), plain lines otherwise
 * (logs, CI), nothing with --quiet.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** One more file done; `failed` when it was recorded with an error. */
  tick(failed: boolean): void;
  /** A message that must not be torn by the bar. */
  log(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  total: number;
  stream?: NodeJS.WriteStream;
  /** 'bar' on a terminal, 'lines' otherwise, 'none' for --quiet. */
  mode?: 'bar' | 'lines' | 'none';
  /** Seconds between plain lines. */
  every?: number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (seconds < 10) return `${Math.max(0, seconds).toFixed(1)}s`;
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const mode = options.mode ?? (stream.isTTY ? 'bar' : 'lines');
  const started = Date.now();
  let done = 0;
  let errors = 0;
  const figures = () => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (options.total - done) / rate : Infinity;
    return { rate: rate.toFixed(rate < 10 ? 1 : 0), eta: formatDuration(eta), elapsed: formatDuration(elapsed) };
  };

  if (mode === 'none') return { tick: () => {}, log: () => {}, stop: () => {} };

  if (mode === 'bar') {
    const bar = new cliProgress.SingleBar(
      { format: 'ingest {bar} {value}/{total} files | {rate} files/s | {errors} errors | ETA {remaining}', stream, hideCursor: true, clearOnComplete: false, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(options.total, 0, { rate: '0', errors: 0, remaining: '?' });
    return {
      tick(failed) {
        done++;
        if (failed) errors++;
        const f = figures();
        bar.update(done, { rate: f.rate, errors, remaining: f.eta });
      },
      log(line) {
        bar.stop();
        stream.write(`${line}\n`);
        bar.start(options.total, done, { errors, rate: figures().rate, remaining: figures().eta });
      },
      stop: () => bar.stop(),
    };
  }

  const every = (options.every ?? 5) * 1000;
  let last = started;
  const line = () => {
    const f = figures();
    stream.write(`ingest: ${done}/${options.total} files, ${f.rate} files/s, ${errors} error${errors === 1 ? '' : 's'}, ETA ${f.eta}\n`);
  };
  return {
    tick(failed) {
      done++;
      if (failed) errors++;
      const now = Date.now();
      if (now - last >= every) {
        last = now;
        line();
      }
    },
    log: (l) => stream.write(`${l}\n`),
    stop() {
      const f = figures();
      stream.write(`ingest: ${done}/${options.total} files in ${f.elapsed}, ${errors} error${errors === 1 ? '' : 's'}\n`);
    },
  };
}
