import { analyzeDocument, type AnalyzeOptions, fileReading, type FileResult } from '../engine/analyze';
import { frameDocuments } from '../engine/documents';
import { type AnalysisPool, parallelThreshold } from './pool';

export { AnalysisPool, parallelThreshold, poolSize } from './pool';

/**
 * `analyzeText` on worker threads when the text is big enough to pay for
 * them (and there are at least two to share it); the same `FileResult`,
 * document for document.
 */
export async function analyzeTextInPool(text: string, options: AnalyzeOptions, pool: AnalysisPool, threshold = parallelThreshold): Promise<FileResult> {
  const frame = frameDocuments(text);
  const slices = frame.slices;
  const reading = fileReading(frame);
  if (text.length < threshold || slices.length < 2 || !pool.parallel)
    return { text, documents: slices.map((slice) => analyzeDocument(slice, options)), reading };
  return { text, documents: await pool.analyze(text, slices, options), reading };
}
