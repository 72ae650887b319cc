/**
 * gongkai's command line. Exit codes: 0 success, 1 a report could not be read or (check) has an
 * error, 2 bad usage. Every command lives in its own module under commands/.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerParse } from './commands/parse.js';
import { registerRules } from './commands/rules.js';
import { registerIngest } from './commands/ingest.js';
import { registerQuery } from './commands/query.js';
import { registerExport } from './commands/export.js';
import { UsageError } from './io.js';
import { tuneJit } from '../jit.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('gongkai')
    .description('政府信息公开工作年度报告 — read, check, compare and write government information disclosure annual reports')
    .version(pkg.version)
    .showHelpAfterError('(run gongkai --help for usage)')
    .exitOverride();
  registerParse(program);
  registerCheck(program);
  registerRules(program);
  registerIngest(program);
  registerQuery(program);
  registerExport(program);
  for (const register of extraCommands) register(program);
  return program;
}

/** Commands registered by other parts of the system (corpus, server) without main knowing them. */
const extraCommands: ((program: Command) => void)[] = [];
export function addCommand(register: (program: Command) => void): void {
  extraCommands.push(register);
}

export async function main(argv: string[]): Promise<void> {
  tuneJit();
  // `gongkai … | head`: a closed pipe ends the output, it is not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exitCode = 0;
      else process.exitCode = 2;
      return;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`gongkai: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`gongkai: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
