import { LineIndex } from '../engine/documents';
import { type ReportDiagnostic, type ReportLocator } from '../engine/report';
import { type ReadonlyFileSystem } from './files';
import { type RenderedSource, type SourceProblem } from './index';
import { Placer } from './placement';

/**
 * A rendered chart or built overlay in the report: findings move to the
 * template, values or patch file they are about, with lines counted in that
 * file; the render's own problems become findings there too.
 */
export class SourceReport {
  private readonly placer: Placer;
  private readonly lines = new Map<string, LineIndex | null>();

  constructor(
    private readonly rendered: RenderedSource,
    private readonly fs: ReadonlyFileSystem,
  ) {
    this.placer = new Placer(rendered.sourceMap, rendered.documents);
  }

  private linesOf(file: string): LineIndex | null {
    let index = this.lines.get(file);
    if (index === undefined) {
      const text = this.fs.readText(`${this.rendered.dir}/${file}`);
      index = text === undefined ? null : new LineIndex(text);
      this.lines.set(file, index);
    }
    return index;
  }

  private position(file: string, start: number, end: number): { path: string; line: number; character: number; endLine: number; endCharacter: number } {
    const lines = this.linesOf(file);
    // A `--set[0]` argument, or a file inside a chart archive: one line, counted in characters.
    if (!lines) return { path: file, line: 0, character: start, endLine: 0, endCharacter: end };
    const from = lines.position(start);
    const to = lines.position(end);
    return { path: file, line: from.line, character: from.character, endLine: to.line, endCharacter: to.character };
  }

  readonly locate: ReportLocator = (start, end) => {
    const placed = this.placer.place(start, end);
    return placed ? this.position(placed.file, placed.start, placed.end) : null;
  };

  /** Helm's and kustomize's own errors and warnings, as findings where they are to blame. */
  problems(): ReportDiagnostic[] {
    return this.rendered.problems.map((problem) => {
      const place =
        problem.file !== undefined ? this.position(problem.file, problem.start, problem.end) : { line: 0, character: 0, endLine: 0, endCharacter: 0 };
      return { ...sourceProblemCode(this.rendered.kind, problem), message: problem.message, ...place };
    });
  }
}

/** The diagnostic code and severity of a render's or build's own problem. */
export function sourceProblemCode(kind: RenderedSource['kind'], problem: SourceProblem): { code: string; severity: 'error' | 'warning' | 'information' } {
  if (kind === 'chart') return { code: 'helm-error', severity: 'error' };
  if (problem.severity === 'error') return { code: 'kustomize-error', severity: 'error' };
  // kustomize's advice about deprecated fields changes nothing in what is built.
  if (problem.kind === 'deprecation') return { code: 'kustomize-deprecated', severity: 'information' };
  return { code: 'kustomize-remote-resource', severity: 'warning' };
}
