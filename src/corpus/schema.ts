/**
 * The corpus tables as Kysely sees them. One code path serves SQLite and PostgreSQL, so the
 * column types are the common ground: integers, doubles, text, JSON kept as text, and bytes
 * (blob / bytea) for the text fingerprints.
 */
import type { Generated } from 'kysely';

/** One row per distinct file content (sha256); a file that failed is kept with its error. */
export interface FilesTable {
  id: Generated<number>;
  /** null only for a file that could not be opened at all (no content to hash). */
  sha256: string | null;
  path: string;
  bytes: number | null;
  format: string | null;
  status: 'ok' | 'error';
  error_code: string | null;
  error_message: string | null;
  ingested_at: string;
}

/** A reporting body, recognised across years and naming variants (see bodies.ts). */
export interface BodiesTable {
  id: Generated<number>;
  /** The most specific name seen (淮安市洪泽区人民政府 rather than 洪泽区人民政府). */
  name: string;
  key: string;
  core: string;
  prefix: string;
  kind: string | null;
}

/** Every spelling of a body's name that a report used. */
export interface BodyNamesTable {
  name: string;
  body_id: number;
  key: string;
  core: string;
  prefix: string;
}

export interface ReportsTable {
  id: Generated<number>;
  file_id: number;
  body_id: number | null;
  path: string;
  format: string;
  title: string | null;
  agency: string | null;
  year: number | null;
  template: string;
  date: string | null;
  body_type: string;
  /** Counts of the report's own (per-report) findings by severity. */
  errors: number;
  warnings: number;
  infos: number;
  /** Cell rows written for the report (a consistency check: COUNT(cells) must equal it). */
  n_cells: number;
  /** Cells that hold a number (not blank). */
  n_values: number;
  /** 1 for the copy of a (body, year) that queries and cross-year rules use; see writer.ts. */
  is_primary: number;
  ingested_at: string;
}

/**
 * A report's bulky data, apart from `reports` so that the rows queries scan stay small (a
 * report row with its 4 KB of data fills a database page of its own).
 */
export interface ReportDataTable {
  report_id: number;
  /**
   * JSON: the report's tables ({table2, table3, table4, legacy}) as in the report model. The same
   * figures are in `cells`, one per row, for querying; this copy rebuilds a report in one read
   * (the cross-report rules read 100,000 reports in seconds instead of minutes).
   */
  tables: string | null;
  /** JSON: what the model's columns do not hold (the source's encoding). */
  extra: string | null;
  /** MinHash signature of the prose (duplicate.ts), little-endian uint32s. */
  signature: Buffer | null;
  /** Hashed prose passages (duplicate.ts): [hash, length, section index] uint32 triples. */
  passages: Buffer | null;
}

/** The figures that occur in the corpus: a small id for every (table, row key, column key). */
export interface FiguresTable {
  id: Generated<number>;
  tbl: string;
  row_key: string;
  col_key: string;
}

/** Every figure of every table as a row: report, table, row key, column key, value. */
export interface CellsTable {
  report_id: number;
  /** figures.id of (tbl, row_key, col_key): what the index by figure is keyed on. */
  figure: number;
  /** table2 | table3 | table4 | legacy | legacy.extra */
  tbl: string;
  row_key: string;
  col_key: string;
  value: number | null;
  raw: string | null;
  /** JSON of the model's Loc ({line} | {table,row,column} | {page,x,y}). */
  loc: string | null;
  marker: string | null;
  unit: string | null;
  inferred: string | null;
  normalised: string | null;
}

export interface SectionsTable {
  id: Generated<number>;
  report_id: number;
  ord: number;
  key: string;
  heading: string;
  text: string;
  line: number | null;
}

export interface FindingsTable {
  id: Generated<number>;
  report_id: number;
  /** 'report': found by parsing the report alone; 'corpus': by the cross-report rules. */
  scope: 'report' | 'corpus';
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  paths: string | null;
  expected: number | null;
  actual: number | null;
  loc: string | null;
  excerpt: string | null;
  /** The other report a corpus finding is about (last year's, the one copied). */
  related_report_id: number | null;
  /** JSON: what a corpus finding measured (shares per section, example passages). */
  detail: string | null;
}

export interface Database {
  files: FilesTable;
  bodies: BodiesTable;
  body_names: BodyNamesTable;
  reports: ReportsTable;
  report_data: ReportDataTable;
  figures: FiguresTable;
  cells: CellsTable;
  sections: SectionsTable;
  findings: FindingsTable;
}
