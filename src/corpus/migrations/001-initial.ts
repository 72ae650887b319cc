/**
 * The first schema. The DDL is written once with Kysely's schema builder; the few places where
 * the databases differ (auto-increment keys, byte columns, full-text search) ask `dialect`.
 */
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { DialectName } from '../store.js';

export function initial(dialect: DialectName): Migration {
  const pg = dialect === 'postgres';
  const id = <T extends string>(t: CreateTableBuilder<T, never>) =>
    t.addColumn('id', pg ? 'serial' : 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey());
  const real = pg ? sql`double precision` : sql`real`;
  const bytes = pg ? sql`bytea` : sql`blob`;

  return {
    async up(db: Kysely<any>) {
      await id(db.schema.createTable('files'))
        .addColumn('sha256', 'text', (c) => c.unique())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('bytes', 'integer')
        .addColumn('format', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('ingested_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('files_status').on('files').columns(['status']).execute();

      await id(db.schema.createTable('bodies'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('core', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('kind', 'text')
        .execute();

      await db.schema
        .createTable('body_names')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('body_id', 'integer', (c) => c.notNull().references('bodies.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('core', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('body_names_core').on('body_names').columns(['core']).execute();
      await db.schema.createIndex('body_names_body').on('body_names').columns(['body_id']).execute();

      await id(db.schema.createTable('reports'))
        .addColumn('file_id', 'integer', (c) => c.notNull().unique().references('files.id'))
        .addColumn('body_id', 'integer', (c) => c.references('bodies.id'))
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('agency', 'text')
        .addColumn('year', 'integer')
        .addColumn('template', 'text', (c) => c.notNull())
        .addColumn('date', 'text')
        .addColumn('body_type', 'text', (c) => c.notNull())
        .addColumn('errors', 'integer', (c) => c.notNull())
        .addColumn('warnings', 'integer', (c) => c.notNull())
        .addColumn('infos', 'integer', (c) => c.notNull())
        .addColumn('n_cells', 'integer', (c) => c.notNull())
        .addColumn('n_values', 'integer', (c) => c.notNull())
        .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('ingested_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('reports_body_year').on('reports').columns(['body_id', 'year']).execute();
      // covers the per-year summary (reports, bodies, reports with errors) without reading the rows
      await db.schema.createIndex('reports_year').on('reports').columns(['year', 'is_primary', 'body_id', 'errors']).execute();

      await db.schema
        .createTable('report_data')
        .addColumn('report_id', 'integer', (c) => c.primaryKey().references('reports.id'))
        .addColumn('tables', 'text')
        .addColumn('extra', 'text')
        .addColumn('signature', bytes)
        .addColumn('passages', bytes)
        .execute();

      await id(db.schema.createTable('figures'))
        .addColumn('tbl', 'text', (c) => c.notNull())
        .addColumn('row_key', 'text', (c) => c.notNull())
        .addColumn('col_key', 'text', (c) => c.notNull())
        .addUniqueConstraint('figures_key', ['tbl', 'row_key', 'col_key'])
        .execute();

      // A report's cells are together under the key (report_id, figure); a figure across reports
      // is one range of the index by figure. Its integer keys keep that index cheap to write:
      // keyed on the three text columns it tripled the cost of storing a report (measured).
      let cells = db.schema
        .createTable('cells')
        .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
        .addColumn('figure', 'integer', (c) => c.notNull().references('figures.id'))
        .addColumn('tbl', 'text', (c) => c.notNull())
        .addColumn('row_key', 'text', (c) => c.notNull())
        .addColumn('col_key', 'text', (c) => c.notNull())
        .addColumn('value', real)
        .addColumn('raw', 'text')
        .addColumn('loc', 'text')
        .addColumn('marker', 'text')
        .addColumn('unit', 'text')
        .addColumn('inferred', 'text')
        .addColumn('normalised', 'text')
        .addPrimaryKeyConstraint('cells_pk', ['report_id', 'figure']);
      if (!pg) cells = cells.modifyEnd(sql`without rowid`);
      await cells.execute();
      await db.schema.createIndex('cells_figure').on('cells').columns(['figure', 'report_id', 'value']).execute();

      await id(db.schema.createTable('sections'))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
        .addColumn('ord', 'integer', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('heading', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('line', 'integer')
        .execute();
      await db.schema.createIndex('sections_report').on('sections').columns(['report_id', 'ord']).execute();

      await id(db.schema.createTable('findings'))
        .addColumn('report_id', 'integer', (c) => c.notNull().references('reports.id'))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('paths', 'text')
        .addColumn('expected', real)
        .addColumn('actual', real)
        .addColumn('loc', 'text')
        .addColumn('excerpt', 'text')
        .addColumn('related_report_id', 'integer', (c) => c.references('reports.id'))
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('findings_code').on('findings').columns(['code', 'report_id']).execute();
      await db.schema.createIndex('findings_report').on('findings').columns(['report_id', 'scope']).execute();

      // full-text search over the prose: Chinese has no spaces, so both index character trigrams
      if (pg) {
        await sql`create index sections_text_trgm on sections using gin (text public.gin_trgm_ops)`.execute(db);
      } else {
        await sql`create virtual table sections_fts using fts5(text, content='sections', content_rowid='id', tokenize='trigram')`.execute(db);
        await sql`create trigger sections_fts_insert after insert on sections begin insert into sections_fts(rowid, text) values (new.id, new.text); end`.execute(db);
        await sql`create trigger sections_fts_delete after delete on sections begin insert into sections_fts(sections_fts, rowid, text) values ('delete', old.id, old.text); end`.execute(db);
      }
    },
  };
}
