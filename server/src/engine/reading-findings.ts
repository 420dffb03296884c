import { type Finding } from './findings';
import { type FileReading } from './results';

/**
 * What kubectl's reading of a whole file adds to its documents' findings,
 * with file offsets: the error that stops it between documents (a bad `---`
 * line, broken JSON), and the text it never applies because it stopped
 * earlier (`not-applied`: kubectl applies the objects before the error and
 * nothing after it). Depends on every document, so it is computed when
 * shown, never kept in a document's result.
 */
export function fileReadingFindings(
  text: string,
  reading: FileReading,
  documents: readonly { slice: { start: number; end: number }; stops: boolean; findings: readonly Finding[] }[],
): Finding[] {
  const findings: Finding[] = [];
  let stop = reading.stop;
  let cause = reading.error?.message ?? null;
  for (const document of documents) {
    if (stop !== null && document.slice.start >= stop) break;
    if (!document.stops) continue;
    if (stop === null || document.slice.end < stop) {
      stop = document.slice.end;
      cause = document.findings.find((f) => f.code === 'yaml-syntax')?.message ?? cause;
    }
    break;
  }
  if (reading.error) findings.push(reading.error);
  if (stop === null) return findings;
  let start = stop;
  while (start < text.length && /\s/.test(text[start])) start++;
  if (start >= text.length) return findings;
  findings.push({
    code: 'not-applied',
    severity: 'hint',
    message: `kubectl stops reading the file at an error${cause ? ` (${cause})` : ''}: nothing from here on is applied`,
    start,
    end: text.length,
  });
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
