// How fast this machine is today, so that figures from different machines (or from the same
// virtual machine on a different day: the 2-core VMs this project is measured on have differed
// by 1.6× between sessions) can be compared. Three fixed workloads, each the best of five runs:
// an integer loop (one core's speed), small objects and strings made and dropped (the
// allocator and the garbage collector, which parsing keeps busy) and SHA-256 of 64 MB (what
// hashing every file costs).
import { createHash } from 'node:crypto';

function best(f, runs = 5) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    min = Math.min(min, performance.now() - t);
  }
  return Math.round(min);
}

export async function run() {
  let sink = 0;
  const loop = best(() => {
    let x = 0;
    for (let i = 0; i < 1e8; i++) x = (x * 31 + i) | 0;
    sink ^= x;
  });
  const churn = best(() => {
    let n = 0;
    for (let k = 0; k < 20; k++) {
      const made = [];
      for (let i = 0; i < 100_000; i++) made.push({ i, text: String(i) });
      for (const o of made) n += o.text.length;
    }
    sink ^= n;
  });
  const data = Buffer.alloc(64 * 1024 * 1024, 7);
  const sha = best(() => createHash('sha256').update(data).digest());
  const out = {
    'machine: 1e8-step integer loop ms': loop,
    'machine: 2,000,000 objects and strings ms': churn,
    'machine: SHA-256 of 64 MB ms': sha,
  };
  if (sink === 0.5) console.log(sink); // never: keeps the loops' results alive
  console.log('machine speed (lower is faster)');
  for (const [k, v] of Object.entries(out)) console.log(`  ${k}: ${v}`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
