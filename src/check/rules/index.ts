/** The rule catalogue, in the evaluation order FORMAT.md §D recommends. */
import type { Rule } from '../rule.js';
import cellNormalised from './cell-normalised.js';
import cellBlank from './cell-blank.js';
import cellInvalid from './cell-invalid.js';
import cellInferred from './cell-inferred.js';
import cellAmbiguous from './cell-ambiguous.js';
import rowLabelMissing from './row-label-missing.js';
import rowMissing from './row-missing.js';
import tableReconstructed from './table-reconstructed.js';
import t3RowSum from './t3-row-sum.js';
import t3ResultsSum from './t3-results-sum.js';
import t3Balance from './t3-balance.js';
import t4BlockSum from './t4-block-sum.js';
import t2InForceMin from './t2-in-force-min.js';
import t2PublishedTotal from './t2-published-total.js';
import legacySum from './legacy-sum.js';
import tableMissing from './table-missing.js';
import sectionMissing from './section-missing.js';
import templateOutdated from './template-outdated.js';
import metaAgencyMissing from './meta-agency-missing.js';
import metaYearMissing from './meta-year-missing.js';
import dateBeforePeriodEnd from './date-before-period-end.js';
import dateAfterDeadline from './date-after-deadline.js';
import narrativeTableMismatch from './narrative-table-mismatch.js';
import narrativeSumMismatch from './narrative-sum-mismatch.js';
import xyearCarryover from './xyear-carryover.js';
import xyearInForce from './xyear-in-force.js';
import xyearItems from './xyear-items.js';
import textDuplicate from './text-duplicate.js';

export const RULES: Rule[] = [
  cellNormalised,
  cellBlank,
  cellInvalid,
  cellInferred,
  cellAmbiguous,
  rowLabelMissing,
  rowMissing,
  tableReconstructed,
  t3RowSum,
  t3ResultsSum,
  t3Balance,
  t4BlockSum,
  t2InForceMin,
  t2PublishedTotal,
  legacySum,
  tableMissing,
  sectionMissing,
  templateOutdated,
  metaAgencyMissing,
  metaYearMissing,
  dateBeforePeriodEnd,
  dateAfterDeadline,
  narrativeTableMismatch,
  narrativeSumMismatch,
  // cross-report rules (scope 'corpus'): run by the corpus, `gongkai check --corpus`
  xyearCarryover,
  xyearInForce,
  xyearItems,
  textDuplicate,
];
