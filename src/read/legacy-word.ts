// Placeholder until .doc/.wps conversion lands (issue 4).
import type { SourceInfo } from '../model/report.js';
import { ReadFailure, type SourceDocument } from './document.js';

export async function convertLegacyWord(
  _data: Buffer,
  _source: SourceInfo,
  _readDocx: (docx: Buffer, source: SourceInfo) => Promise<SourceDocument>,
): Promise<SourceDocument> {
  throw new ReadFailure('CONVERTER_MISSING', '.doc/.wps conversion is not available yet');
}
