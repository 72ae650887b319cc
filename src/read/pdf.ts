// Placeholder until the PDF reader lands (issue 4).
import type { SourceInfo } from '../model/report.js';
import { ReadFailure, type SourceDocument } from './document.js';

export async function readPdf(_data: Buffer, _source: SourceInfo): Promise<SourceDocument> {
  throw new ReadFailure('UNSUPPORTED_FORMAT', 'PDF reading is not available yet');
}
