/**
 * The report model (MODEL.md §1) as runtime schemas: `gongkai schema` exports them as JSON
 * Schema and the tests validate every output against them. The compile-time checks at the end
 * keep them identical to the types in ./report.ts, which the pipeline uses without loading zod.
 */
import { z } from 'zod';
import type * as M from './report.js';
import { SCHEMA_ID } from './report.js';
import { TABLE2, TABLE3_COLUMN_KEYS, TABLE3_ROWS, TABLE4_BLOCKS, TABLE4_COLUMNS, type TableGeneration } from './template.js';

/** A numeric leaf: a number, or null when the cell is blank, a dash, or carries no number. */
const value = z.number().nullable();

export const Loc = z
  .object({
    line: z.number().int().optional().describe('1-based line in a text, Markdown or HTML source'),
    column: z.number().int().optional().describe('0-based grid column of a table cell'),
    table: z.number().int().optional().describe('0-based index of the table in the document'),
    row: z.number().int().optional().describe('0-based grid row of a table cell'),
    paragraph: z.number().int().optional().describe('0-based paragraph index (DOCX)'),
    page: z.number().int().optional().describe('1-based PDF page'),
    x: z.number().optional(),
    y: z.number().optional(),
  })
  .describe('Where a value or message comes from in the source document');

export const SourceInfo = z.object({
  path: z.string(),
  format: z.string().describe('txt | md | html | docx | pdf | doc | wps | stdin'),
  sha256: z.string().optional(),
  bytes: z.number().int().optional(),
  encoding: z.string().optional(),
});

export const Meta = z.object({
  title: z.string().nullable(),
  agency: z.string().nullable(),
  year: z.number().int().nullable().describe('the statistics year, not the publication year'),
  template: z.enum(['2021', '2019', 'legacy', 'unknown']),
  date: z.string().nullable().describe('the date printed on the report (ISO yyyy-mm-dd), or null'),
  bodyType: z
    .enum(['government', 'department', 'township', 'unknown'])
    .describe('what kind of body the agency is; decides the legal deadline'),
});

export const Section = z.object({
  key: z.string(),
  heading: z.string(),
  loc: Loc,
  text: z.string().describe('the prose of the section (tables excluded)'),
});

function objectOf(keys: readonly string[], schema: z.ZodType) {
  return z.object(Object.fromEntries(keys.map((k) => [k, schema])));
}

function table2Schema(generation: TableGeneration) {
  return z.object(
    Object.fromEntries(
      TABLE2[generation].map((row) => [row.key, objectOf(row.columns.map((c) => c.key), value)]),
    ),
  );
}
export const Table2_2021 = table2Schema('2021').describe('表二, 2021 format');
export const Table2_2019 = table2Schema('2019').describe('表二, 2019 trial format');

export const Table3Row = objectOf(TABLE3_COLUMN_KEYS, value);
export const Table3 = z
  .object(Object.fromEntries(TABLE3_ROWS.map((r) => [r.key, Table3Row.optional()])))
  .describe('表三: the rows the report prints (2019: otherHandling; 2021: otherHandling.*)');

export const Table4 = z.object(
  Object.fromEntries(TABLE4_BLOCKS.map((b) => [b.key, objectOf(TABLE4_COLUMNS.map((c) => c.key), value)])),
);

export const LegacyExtra = z.object({
  label: z.string(),
  unit: z.string().nullable(),
  value,
  parent: z.string().nullable().optional().describe('indicator key or label this item is printed under'),
});
export const Legacy = z.object({
  indicators: z.record(z.string(), value),
  extra: z.array(LegacyExtra),
});

export const Cell = z.object({
  path: z.string().describe('model path, e.g. table3.newReceived.total'),
  raw: z.string().describe('the text as printed'),
  value,
  loc: Loc,
  marker: z.enum(['blank', 'slash', 'dash', 'text']).optional(),
  unit: z.string().optional(),
  inferred: z.string().optional().describe('how the value was inferred when it was not read directly'),
  normalised: z.string().optional().describe('why the printed form needed interpretation (增3, 1,234, 251000元)'),
});

export const Severity = z.enum(['error', 'warning', 'info']);

export const Finding = z.object({
  code: z.string(),
  severity: Severity,
  message: z.string(),
  paths: z.array(z.string()).optional(),
  expected: z.number().nullable().optional(),
  actual: z.number().nullable().optional(),
  loc: Loc.optional(),
  excerpt: z.string().optional().describe('the source text the finding is about'),
  assessable: z.boolean().optional().describe('false when the rule could not be assessed (blank inputs)'),
});

export const Report = z.object({
  schema: z.literal(SCHEMA_ID),
  source: SourceInfo,
  meta: Meta,
  sections: z.array(Section),
  table2: z.union([Table2_2021, Table2_2019]).nullable(),
  table3: Table3.nullable(),
  table4: Table4.nullable(),
  legacy: Legacy.nullable(),
  cells: z.array(Cell),
  findings: z.array(Finding),
});

export const ReadError = z.object({
  source: SourceInfo,
  error: z.object({ code: z.string(), message: z.string() }),
});

/** The JSON Schema of `parse --format json` output. */
export function reportJsonSchema(): unknown {
  return z.toJSONSchema(z.union([Report, ReadError]), { target: 'draft-2020-12', unrepresentable: 'any' });
}

// The schemas and the types in report.ts describe the same values (checked by the compiler).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameLoc: Same<z.infer<typeof Loc>, M.Loc> = true;
const sameSource: Same<z.infer<typeof SourceInfo>, M.SourceInfo> = true;
const sameMeta: Same<z.infer<typeof Meta>, M.Meta> = true;
const sameSection: Same<z.infer<typeof Section>, M.Section> = true;
const sameCell: Same<z.infer<typeof Cell>, M.Cell> = true;
const sameFinding: Same<z.infer<typeof Finding>, M.Finding> = true;
const sameExtra: Same<z.infer<typeof LegacyExtra>, M.LegacyExtra> = true;
const sameError: Same<z.infer<typeof ReadError>, M.ReadError> = true;
export const TYPES_MATCH = sameLoc && sameSource && sameMeta && sameSection && sameCell && sameFinding && sameExtra && sameError;
