#!/usr/bin/env node
// The gongkai command. The TypeScript sources are compiled to dist/ by `npm install` (prepare).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('gongkai: not built yet — run `npm install` (or `npm run build`) in the gongkai folder\n');
  process.exit(2);
}
const { main } = await import(entry.href);
await main(process.argv);
