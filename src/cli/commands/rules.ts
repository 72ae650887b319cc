import type { Command } from 'commander';
import { findRule } from '../../check/engine.js';
import { RULES } from '../../check/rules/index.js';
import { padEnd } from '../../render/width.js';
import { outputFormat, UsageError } from '../io.js';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list the rule catalogue')
    .option('-f, --format <format>', 'text | json', 'text')
    .action((opts: { format: string }) => {
      const format = outputFormat(opts.format, ['text', 'json']);
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(RULES.map((r) => r.meta), null, 2)}\n`);
        return;
      }
      const width = Math.max(...RULES.map((r) => r.meta.code.length)) + 2;
      for (const r of RULES) {
        const m = r.meta;
        process.stdout.write(`${padEnd(m.code, width)}${padEnd(m.severity, 9)}${padEnd(m.scope, 8)}${m.title.zh} — ${m.title.en}\n`);
      }
    });

  program
    .command('explain')
    .description("print a rule's explanation")
    .argument('<code>', 'finding code, e.g. T3_BALANCE')
    .action((code: string) => {
      const rule = findRule(code);
      if (!rule) throw new UsageError(`unknown rule "${code}" (see \`gongkai rules\`)`);
      const m = rule.meta;
      process.stdout.write(
        [
          `${m.code}  (${m.severity}, ${m.scope}${m.generations ? `, ${m.generations.join('/')} format` : ''})`,
          '',
          m.title.zh,
          m.explanation.zh,
          '',
          m.title.en,
          m.explanation.en,
          '',
          `Basis: ${m.basis}`,
          '',
        ].join('\n'),
      );
    });

  program
    .command('schema')
    .description('print the JSON Schema of `parse --format json` output')
    .action(async () => {
      // zod is only needed here: load it on demand, not for every command
      const { reportJsonSchema } = await import('../../model/schema.js');
      process.stdout.write(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
    });
}
