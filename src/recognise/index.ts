/**
 * Document → report model. Tables are read against the template (regions, labels, values),
 * meta and sections from the prose. What needed interpretation is kept as notes for the rules.
 */
import { SCHEMA_ID, type Report } from '../model/report.js';
import type { Generation } from '../model/template.js';
import { blockText, ReadFailure, type SourceDocument } from '../read/document.js';
import { newCell, Recognition, type Note } from './context.js';
import { recogniseLegacy } from './legacy.js';
import { bodyType, findAgency, findDate, findTitle, findYear } from './meta.js';
import { findRegions } from './regions.js';
import { findSections } from './sections.js';
import { recogniseTable2 } from './table2.js';
import { recogniseTable3 } from './table3.js';
import { recogniseTable4 } from './table4.js';
import { tokenize } from './tokens.js';

export interface Recognised {
  report: Report;
  notes: Note[];
}

const REPORT_WORDS = /(政府信息公开|政务信息公开|政务公开|信息公开).{0,20}(年度报告|年报|工作报告)|政府信息公开工作年度报告|政府信息公开情况统计表/;

export function recognise(doc: SourceDocument): Recognised {
  const tokens = tokenize(doc);
  const regions = findRegions(tokens);
  const rec = new Recognition();
  const t2 = regions.table2 ? recogniseTable2(tokens, regions.table2, rec) : null;
  const t3 = regions.table3 ? recogniseTable3(tokens, regions.table3, rec) : null;
  const t4 = regions.table4 ? recogniseTable4(tokens, regions.table4, rec) : null;
  const legacy = regions.legacy ? recogniseLegacy(tokens, regions.legacy, rec) : null;

  const { title, loc: titleLoc } = findTitle(doc);
  const agency = findAgency(title, doc);
  const date = findDate(doc);
  const year = findYear(title, doc);
  // provenance of the identity too: where the title (and the year and body in it) and the date are printed
  if (title) rec.cells.push(newCell('meta.title', title, null, titleLoc ?? {}));
  if (date.date) rec.cells.push(newCell('meta.date', date.raw ?? date.date, null, date.loc ?? {}));
  const sections = findSections(doc);
  const template: Generation = t2?.generation ?? t3?.generation ?? (legacy ? 'legacy' : t4 ? '2021' : 'unknown');

  if (!t2 && !t3 && !t4 && !legacy && sections.length < 2) {
    const text = (title ?? '') + doc.blocks.slice(0, 60).map(blockText).join('\n');
    if (!REPORT_WORDS.test(text.replace(/\s+/g, ''))) {
      throw new ReadFailure('NOT_A_REPORT', 'this is not a government information disclosure annual report (no title, sections or statistics tables of one)');
    }
  }

  const report: Report = {
    schema: SCHEMA_ID,
    source: doc.source,
    meta: {
      title,
      agency,
      year,
      template,
      date: date.date,
      bodyType: bodyType(agency),
    },
    sections,
    table2: t2?.table ?? null,
    table3: t3?.table ?? null,
    table4: t4 ?? null,
    legacy,
    cells: rec.cells,
    findings: [],
  };
  return { report, notes: rec.notes };
}
