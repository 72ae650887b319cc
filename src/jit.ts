/**
 * JIT settings for parsing many reports in one process. Parsing is short, branchy code run
 * thousands of times, and on a 2-core machine V8's own defaults made a 1,000-report batch 20–35%
 * slower. The settings only change how V8 optimises, never what the code computes.
 *
 * - Array builtins not inlined by the optimising compiler. An inlined `map` returns a holey
 *   array where the builtin returns a packed one, so every function that had already seen the
 *   builtin's arrays deoptimised once the caller was optimised ("wrong map"), and was compiled
 *   again: about 60 of the 72 deoptimisations of a 1,000-report batch, and half of its 2.1 s of
 *   compiler time. Once optimised, the code is as fast without the inlining.
 * - No more optimising compiles at a time per isolate than there are spare cores. Each compile
 *   runs on a thread of its own: with the default queue of 8, a 2-core machine ran the parse
 *   thread beside up to four compiler threads during warm-up, and they took its core from it
 *   (with V8's pool cut to one thread, `--v8-pool-size=1`, the same batch ran 20% faster).
 * - Functions optimised later: an interrupt budget of 300,000 (V8: 67,584). By default V8
 *   made 299 optimised compiles of 255 functions in a 1,000-report batch, 1.5 s of compiler
 *   time (44 compiles were of functions compiled before, whose feedback had moved on). With the
 *   larger budget: 161 compiles of 156 functions, 0.8 s, and the hot code is still optimised
 *   early. The batch ran 4–7% faster on one worker and 11–12% faster on two, whose compiles
 *   compete with both parse threads for the two cores.
 *   Larger budgets (600,000 and more) left too much code unoptimised and were slower again.
 * - Cheaper optimising compiles: no loop peeling, and at most 460 bytes of bytecode inlined
 *   into one function (V8: 920). The two cores of the VM measured do not run two threads of
 *   this code at full speed (two parse processes side by side each ran 35–45% slower than one
 *   alone, while an integer loop did not slow down), so a compile on the "spare" core slows the
 *   parse thread too: compiler work is never free. Counted in instructions (valgrind, a
 *   1,000-report batch, compiles on the main thread so that the count repeats): 12.69 → 12.20
 *   billion in all (−3.8%), of which the compiler's own 2.31 → 1.77 billion (−23%), while a warm
 *   report costs the same (9.86 → 9.79 million). Each flag alone saved about half of that;
 *   halving the inlining again (300) cost more than it saved, and a smaller limit per inlined
 *   function (230) changed nothing. In time (16 interleaved pairs of runs each, median of the
 *   pairs' ratios): −8% with two workers, −5% with one.
 *
 * The flags are process-wide and read when a function is optimised or an isolate is created, so
 * call this before the parsing starts and before workers are spawned. They are set only on the
 * V8 versions they were measured on: elsewhere an unknown flag would print an error, and the
 * defaults are merely slower.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import type { ResourceLimits } from 'node:worker_threads';

const MEASURED_ON = /^11\./; // Node 20
/** V8's own queue length: with at least this many spare cores there is nothing to limit. */
const DEFAULT_QUEUE = 8;
/** Bytecode run between two of V8's optimisation checks of a function (V8's default: 67,584). */
const INTERRUPT_BUDGET = 300_000;
/** Bytecode inlined into one optimised function, in all (V8's default: 920). */
const INLINED_BYTECODE = 460;

let tuned = false;

export function tuneJit(): void {
  if (tuned || !MEASURED_ON.test(process.versions.v8)) return;
  tuned = true;
  setFlagsFromString('--no-turbo-inline-array-builtins');
  setFlagsFromString('--no-turbo-loop-peeling');
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE}`);
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  const spare = availableParallelism() - 1;
  if (spare < DEFAULT_QUEUE) setFlagsFromString(`--concurrent-recompilation-queue-length=${Math.max(1, spare)}`);
}

/**
 * Heap limits for parse workers: a young generation of up to 192 MB (Node's default for a worker:
 * 48). A report allocates about half a megabyte, nearly all of it garbage by the next report; with
 * room to grow, the young generation settled at 28 MB semi-spaces instead of 16, and a 1,000-report
 * batch took 49 scavenges and one full collection instead of 56 and two. Peak RSS did not change
 * (155–159 MB for two workers). In time, 16 interleaved pairs of runs each: −4% and −5% with two
 * workers, −2% with one. A worker's limits are its own (the main thread's heap is set up before
 * any of this code runs), so they are given where workers are made: `gongkai parse`/`check`'s
 * pool and the bench. Not the ingest's: with them, its 100,000-file bench ran at 800–870 MB of
 * RSS instead of 570–650 (peak 890 against 687; long-running workers presumably grow their young
 * generations to the limit), and no gain in speed was measured.
 */
export const PARSE_WORKER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 192 };
