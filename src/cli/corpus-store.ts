/**
 * Opening the corpus for a command. The database drivers (better-sqlite3, pg) and Kysely are
 * loaded here, on demand, so that commands that do not touch the corpus start fast.
 */
import type { Store } from '../corpus/store.js';
import { UsageError } from './io.js';

export async function openCorpus(db: string, opts: { mustExist?: boolean } = {}): Promise<Store> {
  const { openStore, StoreError } = await import('../corpus/store.js');
  try {
    return await openStore(db, opts);
  } catch (e) {
    if (e instanceof StoreError) throw new UsageError(e.message);
    throw e;
  }
}
