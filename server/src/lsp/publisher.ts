import { type Connection, type Diagnostic, ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { CodeLens, Range } from 'vscode-languageserver-types';
import type { Finding } from '../engine/findings';
import type { LensData } from '../service/codeLens';
import type { DocumentView } from '../service/document';
import type { LineMap } from '../service/positions';
import type { ServiceSettings } from '../service/settings';
import type { FileAnalyses } from './fileAnalyses';
import type { Progress } from './progress';
import { isRange } from './params';
import { withJson } from './preserialized';
import { loadService } from './service-loader';

/**
 * What the server shows: each file's diagnostics (published) and lenses
 * (asked for), converted from the service's results once per analysis of a
 * document and cached with their JSON, which the stdio writer splices into
 * each message instead of serializing thousands of objects again.
 */

/** What the publisher needs from the server around it. */
export interface ServerContext {
  connection: Connection;
  settings(): ServiceSettings;
  analyses(): FileAnalyses;
  /** Runs work outside a request, logging a failure instead of ending the process. */
  guarded(what: string, work: () => void): void;
  /** Work-done progress for long work (a big file, a queue of charts and overlays). */
  progress: Progress;
}

/** A document's converted diagnostics, valid while its result, its first line and the settings are the same. */
interface CachedDiagnostics {
  line: number;
  settings: ServiceSettings;
  diagnostics: Diagnostic[];
  /** The diagnostics' JSON without brackets, spliced into each publish. */
  json: string;
}

/**
 * A document's unresolved lenses (each of its workloads has two), valid while
 * its result, first line, index and URI are the same. The version in each
 * lens's data changes with every edit, so the JSON is kept up to it and the
 * version is appended per answer.
 */
interface CachedLenses {
  line: number;
  index: number;
  uri: string;
  /** Per lens: its range, which workload of the document it is for, and which of its lenses. */
  lenses: { anchor: Range; object: number; lens: number }[];
  /** Per lens: its JSON up to the value of `data.version`. */
  prefixes: string[];
}

interface Published {
  version: number | null;
  perDocument: CachedDiagnostics[];
}

const jsonOf = (items: unknown[]) => (items.length === 0 ? '' : JSON.stringify(items).slice(1, -1));
const sameDiagnostics = (a: CachedDiagnostics, b: CachedDiagnostics) => a === b || a.json === b.json;

export class Publisher {
  private readonly published = new Map<string, Published>();
  /** Keyed by a result's `findings` array, which is new for every analysis and kept when the result only moves. */
  private converted = new WeakMap<Finding[], CachedDiagnostics>();
  private readonly lensCache = new WeakMap<Finding[], CachedLenses>();
  private readonly recheckTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly context: ServerContext,
    /** Whether an analysis run of the file is under way (a re-check then waits for its publish). */
    private readonly isRunning: (uri: string) => boolean,
    /** Files whose diagnostics come from the chart or overlay they belong to, not from their own text. */
    private readonly fromSources: (uri: string) => boolean = () => false,
  ) {}

  /** New settings change every conversion (severities). */
  settingsChanged(): void {
    this.converted = new WeakMap();
  }

  /** The next publish of the file goes out even if nothing changed. */
  forget(uri: string): void {
    this.published.delete(uri);
  }

  close(uri: string): void {
    clearTimeout(this.recheckTimers.get(uri));
    this.recheckTimers.delete(uri);
    this.published.delete(uri);
    void this.context.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const timer of this.recheckTimers.values()) clearTimeout(timer);
    this.recheckTimers.clear();
  }

  private documentDiagnostics(view: DocumentView, held: boolean, lines: LineMap): CachedDiagnostics {
    const { documentDiagnostics: convert } = loadService().diagnostics;
    const settings = this.context.settings();
    const line = lines.positionAt(view.base).line;
    if (held) {
      const diagnostics = convert(view, lines, settings);
      return { line, settings, diagnostics, json: jsonOf(diagnostics) };
    }
    const key = view.result.findings;
    const cached = this.converted.get(key);
    if (cached && cached.line === line && cached.settings === settings) return cached;
    const diagnostics = convert(view, lines, settings);
    const entry = { line, settings, diagnostics, json: jsonOf(diagnostics) };
    this.converted.set(key, entry);
    return entry;
  }

  publish(uri: string): void {
    if (this.fromSources(uri)) return;
    const shown = this.context.analyses().views(uri);
    if (!shown) return;
    const { analyzed, views, held } = shown;
    const perDocument = views.map((view, i) => this.documentDiagnostics(view, held[i], analyzed.lines));
    // What spans documents (an error that stops kubectl, the text after it) is converted anew each time: a few diagnostics at most.
    const file = analyzed.file;
    const reading = loadService().diagnostics.readingDiagnostics(file.text, file.reading, views, analyzed.lines, this.context.settings());
    if (reading.length > 0) perDocument.unshift({ line: 0, settings: this.context.settings(), diagnostics: reading, json: jsonOf(reading) });
    // Every new version of the text gets a publish, even with the same diagnostics: it tells the
    // client (and a benchmark timing edit → diagnostics) that this version has been analyzed.
    // Re-checks of the same version (settings, held-back syntax errors) publish only real changes;
    // unchanged documents keep their cached arrays, so comparing is cheap.
    const last = this.published.get(uri);
    const changed =
      !last ||
      last.version !== analyzed.version ||
      last.perDocument.length !== perDocument.length ||
      perDocument.some((diagnostics, i) => !sameDiagnostics(diagnostics, last.perDocument[i]));
    if (changed) {
      this.published.set(uri, { version: analyzed.version, perDocument });
      const diagnostics: Diagnostic[] = [];
      for (const entry of perDocument) for (const diagnostic of entry.diagnostics) diagnostics.push(diagnostic);
      withJson(
        diagnostics,
        perDocument.map((entry) => entry.json),
      );
      void this.context.connection.sendDiagnostics({ uri, version: analyzed.version ?? undefined, diagnostics });
    }
    clearTimeout(this.recheckTimers.get(uri));
    this.recheckTimers.delete(uri);
    if (shown.recheckAt !== null) {
      // A held-back syntax error is shown once the user has paused: look again then.
      const timer = setTimeout(
        () => {
          this.recheckTimers.delete(uri);
          if (!this.isRunning(uri)) this.context.guarded(`analysis of ${uri}`, () => this.publish(uri));
        },
        Math.max(0, shown.recheckAt - Date.now()) + 1,
      );
      this.recheckTimers.set(uri, timer);
    }
  }

  private documentLenses(uri: string, view: DocumentView, held: boolean, lines: LineMap): CachedLenses {
    const { lensAnchor, lensesPerWorkload } = loadService().codeLens;
    const line = lines.positionAt(view.base).line;
    const index = view.result.slice.index;
    const key = view.result.findings;
    const cached = held ? undefined : this.lensCache.get(key);
    if (cached && cached.line === line && cached.index === index && cached.uri === uri) return cached;
    const lenses: CachedLenses['lenses'] = [];
    const prefixes: string[] = [];
    for (let object = 0; object < view.result.objects.length; object++) {
      const anchor = lensAnchor(view, object, lines);
      if (!anchor) continue;
      const head = `{"range":${JSON.stringify(anchor)},"data":{"uri":${JSON.stringify(uri)},"document":${index},"object":${object},"lens":`;
      for (let lens = 0; lens < lensesPerWorkload; lens++) {
        lenses.push({ anchor, object, lens });
        prefixes.push(`${head}${lens},"version":`);
      }
    }
    const entry = { line, index, uri, lenses, prefixes };
    if (!held) this.lensCache.set(key, entry);
    return entry;
  }

  /** The unresolved lenses of a file: a range and a `LensData` each, the JSON joined from cached pieces. */
  lenses(uri: string, version: number | null, views: readonly DocumentView[], held: readonly boolean[] | null, lines: LineMap): CodeLens[] {
    const lenses: CodeLens[] = [];
    const pieces: string[] = [];
    const tail = `${JSON.stringify(version)}}}`;
    views.forEach((view, i) => {
      const entry = this.documentLenses(uri, view, held?.[i] ?? false, lines);
      for (let k = 0; k < entry.lenses.length; k++) {
        const { anchor, object, lens } = entry.lenses[k];
        const data: LensData = { uri, document: entry.index, object, lens, version };
        lenses.push({ range: anchor, data });
        pieces.push(entry.prefixes[k] + tail);
      }
    });
    return withJson(lenses, pieces);
  }

  /**
   * Title and command of one lens. The lens names its document by index for
   * the version it was made for; after an edit the document is the one now
   * under the lens's range (the client asks again for the new lenses anyway).
   */
  resolveLens(lens: CodeLens): CodeLens | ResponseError<void> {
    if (typeof lens !== 'object' || lens === null || !isRange(lens.range)) {
      return new ResponseError(ErrorCodes.InvalidParams, 'codeLens/resolve needs a CodeLens with a range');
    }
    const data: unknown = lens.data;
    const { isLensData, objectLenses, objectIndexAt } = loadService().codeLens;
    if (!isLensData(data) || !this.context.settings().codeLensEnabled) return lens;
    const store = this.context.analyses();
    let index = data.document;
    let object = data.object ?? 0;
    let offset: number | null = null;
    if (data.version !== store.version(data.uri)) {
      offset = store.lines(data.uri)?.offsetAt(lens.range.start) ?? null;
      index = offset === null ? -1 : store.indexAt(data.uri, offset);
    }
    const shown = store.viewAt(data.uri, index);
    // After an edit, the workload is the one now under the lens.
    if (shown && offset !== null) object = objectIndexAt(shown.view.result, offset - shown.view.base);
    const resolved = shown ? objectLenses(data.uri, shown.view, object, shown.lines)[data.lens] : undefined;
    return resolved ? { range: lens.range, command: resolved.command, data } : lens;
  }
}
