/**
 * The report model (MODEL.md §1) as TypeScript types, with no runtime dependency: the pipeline
 * loads this file. The runtime schemas that `gongkai schema` exports live in ./schema.ts, which
 * checks at compile time that they describe exactly these types.
 */
import type { Generation } from './template.js';

export const SCHEMA_ID = 'gongkai/report/v1';

/** Where a value or message comes from in the source document. */
export interface Loc {
  /** 1-based line in a text, Markdown or HTML source. */
  line?: number;
  /** 0-based grid column of a table cell. */
  column?: number;
  /** 0-based index of the table in the document. */
  table?: number;
  /** 0-based grid row of a table cell. */
  row?: number;
  /** 0-based paragraph index (DOCX). */
  paragraph?: number;
  /** 1-based PDF page. */
  page?: number;
  x?: number;
  y?: number;
}

export interface SourceInfo {
  path: string;
  /** txt | md | html | docx | pdf | doc | wps | stdin */
  format: string;
  sha256?: string;
  bytes?: number;
  encoding?: string;
}

export interface Meta {
  title: string | null;
  agency: string | null;
  /** The statistics year, not the publication year. */
  year: number | null;
  template: Generation;
  /** The date printed on the report (ISO yyyy-mm-dd), or null. */
  date: string | null;
  /** What kind of body the agency is; decides the legal deadline. */
  bodyType: 'government' | 'department' | 'township' | 'unknown';
}

export interface Section {
  key: string;
  heading: string;
  loc: Loc;
  /** The prose of the section (tables excluded). */
  text: string;
}

export interface Cell {
  /** Model path, e.g. table3.newReceived.total. */
  path: string;
  /** The text as printed. */
  raw: string;
  value: number | null;
  loc: Loc;
  marker?: 'blank' | 'slash' | 'dash' | 'text';
  unit?: string;
  /** How the value was inferred when it was not read directly. */
  inferred?: string;
  /** Why the printed form needed interpretation (增3, 1,234, 251000元). */
  normalised?: string;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  paths?: string[];
  expected?: number | null;
  actual?: number | null;
  loc?: Loc;
  /** The source text the finding is about. */
  excerpt?: string;
  /** False when the rule could not be assessed (blank inputs). */
  assessable?: boolean;
}

export type NumericRow = Record<string, number | null>;
export type Table2 = Record<string, NumericRow>;
export type Table3 = Record<string, NumericRow>;
export type Table4 = Record<string, NumericRow>;

export interface LegacyExtra {
  label: string;
  unit: string | null;
  value: number | null;
  /** Indicator key or label this item is printed under. */
  parent?: string | null;
}

export interface Legacy {
  indicators: Record<string, number | null>;
  extra: LegacyExtra[];
}

export interface Report {
  schema: typeof SCHEMA_ID;
  source: SourceInfo;
  meta: Meta;
  sections: Section[];
  table2: Table2 | null;
  table3: Table3 | null;
  table4: Table4 | null;
  legacy: Legacy | null;
  cells: Cell[];
  findings: Finding[];
}

export interface ReadError {
  source: SourceInfo;
  error: { code: string; message: string };
}

export type ParseResult = Report | ReadError;
export const isReadError = (r: ParseResult): r is ReadError => 'error' in r;
