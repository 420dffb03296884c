import { DocumentResult, FileResult, reanalyze } from '../engine/analyze';
import { AnalyzedFile, analyzedFile, DocumentView, isKubernetesDocument } from '../service/document';
import { ServiceSettings } from '../service/settings';

/**
 * The analysis of every open file, kept up to date with the engine's
 * `reanalyze`: on each edit only the YAML documents whose text changed are
 * analyzed again.
 *
 * It also decides what the editor is shown while someone types. A line being
 * typed is often not YAML yet (`resour`, `cpu: "5`); flagging it at every
 * keystroke is noise. A YAML syntax error near the line just edited is held
 * back for `holdMilliseconds`, and that document shows its last good analysis
 * meanwhile; when no further edit comes, the error is shown.
 */

export interface EditedLines {
  first: number;
  last: number;
  at: number;
}

interface FileState {
  uri: string;
  version: number;
  text: string;
  analyzed: AnalyzedFile | null;
  edited: EditedLines | null;
  /** Per document index: the last result without a YAML syntax error. */
  lastGood: Map<number, DocumentResult>;
}

export interface Clock {
  now(): number;
}

const hasSyntaxError = (document: DocumentResult) => document.findings.some((f) => f.code === 'yaml-syntax');

/** Lines of `after` that differ from `before`: the span between their common prefix and common suffix. */
export function changedLines(before: string, after: string): { first: number; last: number } | null {
  if (before === after) return null;
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const lineOf = (offset: number) => {
    let line = 0;
    for (let i = after.indexOf('\n'); i !== -1 && i < offset; i = after.indexOf('\n', i + 1)) line++;
    return line;
  };
  return { first: lineOf(prefix), last: lineOf(Math.max(prefix, after.length - suffix)) };
}

/** Maps offsets of an older text of a document into its current text, around the one region that changed. */
export function offsetTranslator(before: string, after: string): (offset: number) => number {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const delta = after.length - before.length;
  // An offset at the edit point itself is the start of what follows it (a key, a value), so it moves with it.
  return (offset) => (offset >= before.length - suffix ? offset + delta : offset <= prefix ? offset : prefix);
}

export class FileAnalyses {
  private readonly files = new Map<string, FileState>();

  constructor(
    private settings: ServiceSettings,
    readonly holdMilliseconds = 500,
    private readonly clock: Clock = { now: () => Date.now() },
  ) {}

  get uris(): string[] {
    return [...this.files.keys()];
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  open(uri: string, version: number, text: string): void {
    this.files.set(uri, { uri, version, text, analyzed: null, edited: null, lastGood: new Map() });
  }

  /** A new version of an open file; the analysis waits until someone asks for it. */
  change(uri: string, version: number, text: string): void {
    const state = this.files.get(uri);
    if (!state) return this.open(uri, version, text);
    const lines = changedLines(state.text, text);
    if (lines) state.edited = { ...lines, at: this.clock.now() };
    state.version = version;
    state.text = text;
  }

  close(uri: string): void {
    this.files.delete(uri);
  }

  /** New settings change every number: nothing computed before can be reused. */
  updateSettings(settings: ServiceSettings): void {
    const nodeChanged = settings.node.cpuMilli !== this.settings.node.cpuMilli || settings.node.memoryBytes !== this.settings.node.memoryBytes;
    this.settings = settings;
    if (!nodeChanged) return;
    for (const state of this.files.values()) {
      state.analyzed = null;
      state.lastGood.clear();
    }
  }

  /** The analysis of the file's current text, computed now if it is out of date; null for a file not open. */
  get(uri: string): AnalyzedFile | null {
    const state = this.files.get(uri);
    if (!state) return null;
    if (state.analyzed && state.analyzed.version === state.version) return state.analyzed;
    const previous: FileResult | null = state.analyzed?.file ?? null;
    const file = reanalyze(previous, state.text, { node: this.settings.node });
    state.analyzed = analyzedFile(uri, state.version, file);
    for (const document of file.documents) {
      if (!hasSyntaxError(document)) state.lastGood.set(document.slice.index, document);
    }
    for (const index of [...state.lastGood.keys()]) if (index >= file.documents.length) state.lastGood.delete(index);
    return state.analyzed;
  }

  /**
   * What the editor should show for a file now, and when to look again
   * (the moment a held-back syntax error is due), or null when nothing is held.
   */
  views(uri: string): { analyzed: AnalyzedFile; views: DocumentView[]; recheckAt: number | null } | null {
    const analyzed = this.get(uri);
    const state = this.files.get(uri);
    if (!analyzed || !state) return null;
    const now = this.clock.now();
    const edited = state.edited && now - state.edited.at < this.holdMilliseconds ? state.edited : null;
    let held = false;
    const views = analyzed.file.documents.map((result): DocumentView => {
      const current: DocumentView = { result, base: result.slice.start, translate: (offset) => offset };
      if (!edited || !hasSyntaxError(result) || !isKubernetesDocument(result)) return current;
      const nearEdit = result.findings.some((f) => {
        if (f.code !== 'yaml-syntax') return false;
        const line = analyzed.lines.positionAt(result.slice.start + f.start).line;
        return line >= edited.first - 1 && line <= edited.last + 1;
      });
      if (!nearEdit) return current;
      held = true;
      const good = state.lastGood.get(result.slice.index);
      if (!good) return { ...current, result: { ...result, findings: result.findings.filter((f) => f.code !== 'yaml-syntax') } };
      return { result: good, base: result.slice.start, translate: offsetTranslator(good.slice.text, result.slice.text) };
    });
    return { analyzed, views, recheckAt: held && edited ? edited.at + this.holdMilliseconds : null };
  }
}
