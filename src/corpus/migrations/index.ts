/** The corpus schema's migrations, in order. A new migration is a new file appended here. */
import type { Migration, MigrationProvider } from 'kysely';
import type { DialectName } from '../store.js';
import { initial } from './001-initial.js';

export function migrations(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return { '001-initial': initial(dialect) };
    },
  };
}
