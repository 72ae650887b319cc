// Placeholder until the DOCX reader lands (issue 4).
import type { SourceInfo } from '../model/report.js';
import { ReadFailure, type SourceDocument } from './document.js';

export async function readDocx(_data: Buffer, _source: SourceInfo, _opts: { notDocxMessage?: string } = {}): Promise<SourceDocument> {
  throw new ReadFailure('UNSUPPORTED_FORMAT', 'DOCX reading is not available yet');
}
