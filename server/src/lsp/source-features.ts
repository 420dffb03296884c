import { type CodeAction, type CodeLens, type Diagnostic, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import { type DocumentDetail, type ObjectDetail } from '../engine/analyze';
import { LineMap } from '../service/positions';
import { type SourceAnalysis } from '../service/sourced';
import { type ServerContext } from './publisher';
import { pathOfUri, SourceAnalyses, sourceKey, sourceOfKey, type SourceRef, uriOfPath } from './sources';
import { type RenderedSources } from './cluster';
import { type ClusterObjects } from '../engine/admission';

/**
 * What the editor shows in the files of charts and overlays: diagnostics
 * published per file from every chart or overlay the file belongs to, and
 * hovers, lenses, quick fixes and the simulation answered from their
 * rendered or built output. Files that belong to none are plain files, left
 * to the rest of the server.
 */
/** A render that holds the thread this long shows progress before it starts (the same half second as any long work). */
const SLOW_RENDER_MILLISECONDS = 500;

export class SourceFeatures {
  readonly sources: SourceAnalyses;
  /** Per source, the files it published diagnostics to last time: a file it no longer shows anything in is cleared. */
  private readonly shownBy = new Map<string, Set<string>>();
  private readonly pending = new Set<string>();
  /** Open files of each source: they get a publish even when it shows nothing there (the editor waits for one). */
  private readonly openFiles = new Map<string, Set<string>>();
  private scheduled = false;

  constructor(
    private readonly context: ServerContext,
    roots: string[],
  ) {
    this.sources = new SourceAnalyses(roots, context.settings(), (ref) => {
      const cluster = context.analyses().clusterContext;
      const node = context.settings().node;
      // The workspace's objects, with this source's namespace for its pods that name none (a chart's release namespace).
      return cluster ? { node, cluster: { objects: cluster.objects, namespace: this.sources.namespaceOf(ref) } } : { node };
    });
  }

  /** The charts and overlays as the workspace's cluster reads them; `onRendered` hears of every render's objects. */
  clusterSources(onRendered: (owner: string, objects: ClusterObjects) => void): RenderedSources {
    this.sources.onRendered = onRendered;
    return {
      ownersOf: (file) => this.sources.ownersOf(file).map(sourceKey),
      objectsOf: (owner) => this.sources.clusterObjectsOf(sourceOfKey(owner)),
    };
  }

  /** The workspace's LimitRanges, quotas or classes changed: every shown source is analyzed again, without rendering it again. */
  clusterChanged(): void {
    for (const key of this.shownBy.keys()) this.schedule(refOf(key));
  }

  /** The chart or overlays a document belongs to, or none. */
  ownersOfUri(uri: string): SourceRef[] {
    const file = pathOfUri(uri);
    return file ? this.sources.ownersOf(file) : [];
  }

  owns(uri: string): boolean {
    return this.ownersOfUri(uri).length > 0;
  }

  /**
   * The editor's text of a file changed (null: closed). Its first chart or
   * overlay renders at once; the others that read it (every overlay built on
   * a base) wait until typing pauses, so a keystroke costs one render.
   */
  edited(uri: string, text: string | null): void {
    const file = pathOfUri(uri);
    if (!file) return;
    const affected = this.sources.edited(file, text);
    const owners = text === null ? [] : this.sources.ownersOf(file);
    for (const ref of owners) {
      const key = `${ref.kind}:${ref.dir}`;
      const open = this.openFiles.get(key) ?? new Set<string>();
      open.add(file);
      this.openFiles.set(key, open);
    }
    if (text === null) {
      for (const open of this.openFiles.values()) open.delete(file);
      // A closed file's diagnostics may be cleared by the rest of the server: the next ones go out whatever they are.
      this.sent.delete(uriOfPath(file));
    }
    const first = owners[0] ?? affected[0];
    if (first) this.schedule(first);
    for (const ref of [...owners, ...affected]) if (ref !== first) this.scheduleWhenIdle(ref);
  }

  private readonly idle = new Set<string>();
  private idleTimer: NodeJS.Timeout | null = null;

  /** Renders after the edits pause (600 ms). */
  private scheduleWhenIdle(ref: SourceRef): void {
    this.idle.add(`${ref.kind}:${ref.dir}`);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      const keys = [...this.idle];
      this.idle.clear();
      for (const key of keys) this.schedule(refOf(key));
    }, 600);
    this.idleTimer.unref?.();
  }

  /** Files changed on disk (the client's file watcher). */
  changedOnDisk(uris: readonly string[]): void {
    for (const uri of uris) {
      const file = pathOfUri(uri);
      if (file) for (const ref of this.sources.changed(file)) this.schedule(ref);
    }
  }

  settingsChanged(): void {
    this.sources.updateSettings(this.context.settings());
    this.sent.clear();
    for (const key of this.shownBy.keys()) {
      const [kind, dir] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      this.schedule({ kind: kind as SourceRef['kind'], dir });
    }
  }

  /**
   * Renders wait their turn: one chart or overlay per turn of the event loop,
   * in the order asked (a file's preferred overlay first), so that its
   * diagnostics go out before the next render starts and requests are
   * answered in between. Edits that arrive together render once.
   */
  private schedule(ref: SourceRef): void {
    this.pending.add(`${ref.kind}:${ref.dir}`);
    if (this.scheduled) return;
    this.scheduled = true;
    // One progress task per run of the queue: shown once the run lasts, or at once before a render that took long last time.
    const task = this.context.progress.start('Pod Lens: rendering charts and overlays', 'charts and overlays');
    let done = 0;
    const next = async () => {
      const key = this.pending.values().next().value;
      if (key === undefined) {
        this.scheduled = false;
        task.end();
        return;
      }
      if ((this.renderMilliseconds.get(key) ?? 0) >= SLOW_RENDER_MILLISECONDS) await task.showNow();
      this.pending.delete(key);
      const started = performance.now();
      this.context.guarded(`rendering ${key}`, () => this.publish(key));
      this.renderMilliseconds.set(key, performance.now() - started);
      task.report(++done, done + this.pending.size);
      setImmediate(() => void next());
    };
    setImmediate(() => void next());
  }

  /** How long each source's last render and analysis took: one that took long says so before it holds the thread again. */
  private readonly renderMilliseconds = new Map<string, number>();

  /**
   * Per file URI, the diagnostics last sent from charts and overlays (as JSON).
   * An overlay shows something in every resource file of its bases; after a
   * keystroke in one patch, most of them show what they showed: those that
   * are not open are not sent again.
   */
  private readonly sent = new Map<string, string>();

  private publish(key: string): void {
    const ref = refOf(key);
    const shown = new Set(this.sources.filesShownBy(ref));
    const before = this.shownBy.get(key) ?? new Set<string>();
    this.shownBy.set(key, shown);
    const open = this.openFiles.get(key) ?? new Set<string>();
    // Open files first: the editor waits for them.
    for (const file of new Set([...open, ...shown, ...before])) {
      const uri = uriOfPath(file);
      const diagnostics = this.diagnosticsOf(file);
      const json = JSON.stringify(diagnostics);
      // An open file gets a publish after every render even when nothing changed: it says its edit has been seen.
      if (open.has(file) || this.sent.get(uri) !== json) {
        this.sent.set(uri, json);
        void this.context.connection.sendDiagnostics({ uri, diagnostics });
      }
      // The file's other charts or overlays render once edits pause, each publishing again when it is done.
      for (const owner of this.sources.ownersOf(file)) if (!this.sources.ready(owner)) this.scheduleWhenIdle(owner);
    }
  }

  /** A file's diagnostics from every source already rendered that shows something there, each finding once. */
  private diagnosticsOf(file: string): Diagnostic[] {
    const seen = new Set<string>();
    const diagnostics: Diagnostic[] = [];
    for (const { analysis, relative } of this.analysesOf(file, true)) {
      for (const diagnostic of analysis.diagnostics(relative, this.context.settings())) {
        const key = `${diagnostic.code}|${diagnostic.message}|${JSON.stringify(diagnostic.range)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push(diagnostic);
      }
    }
    return diagnostics;
  }

  /** The analyses of a file's charts or overlays; with `readyOnly`, only those rendered already (none is rendered here). */
  private analysesOf(file: string, readyOnly = false): { ref: SourceRef; analysis: SourceAnalysis; relative: string }[] {
    const found: { ref: SourceRef; analysis: SourceAnalysis; relative: string }[] = [];
    const owners = this.sources.ownersOf(file);
    // A values file or a kustomization is shown by the source it configures even when it is not a workload's file.
    for (const ref of owners) {
      const analysis = readyOnly ? this.sources.ready(ref) : this.sources.analysis(ref);
      if (analysis) found.push({ ref, analysis, relative: this.sources.relative(ref, file) });
    }
    return found;
  }

  private offsetIn(uri: string, position: Position): { file: string; offset: number } | null {
    const file = pathOfUri(uri);
    if (!file) return null;
    const text = this.context.analyses().lines(uri)?.text ?? null;
    if (text === null) return null;
    const offset = new LineMap(text).offsetAt(position);
    return offset === null ? null : { file, offset };
  }

  hover(uri: string, position: Position): Hover | null {
    const at = this.offsetIn(uri, position);
    if (!at) return null;
    const parts: string[] = [];
    let range: Range | undefined;
    for (const { analysis, relative } of this.analysesOf(at.file)) {
      const hover = analysis.hover(relative, at.offset, this.context.settings());
      if (!hover) continue;
      parts.push((hover.contents as { value: string }).value);
      range ??= hover.range;
    }
    if (parts.length === 0) return null;
    return { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, ...(range ? { range } : {}) };
  }

  lenses(uri: string): CodeLens[] {
    const file = pathOfUri(uri);
    if (!file || !this.context.settings().codeLensEnabled) return [];
    return this.analysesOf(file).flatMap(({ analysis, relative }) => analysis.lenses(relative, uri));
  }

  codeActions(uri: string, range: Range): CodeAction[] {
    const file = pathOfUri(uri);
    const lines = this.context.analyses().lines(uri);
    if (!file || !lines) return [];
    const start = lines.clampedOffsetAt(range.start);
    const end = Math.max(start, lines.clampedOffsetAt(range.end));
    const version = this.context.analyses().version(uri);
    return this.analysesOf(file).flatMap(({ analysis, relative }) => analysis.codeActions(relative, uri, version, { start, end }, this.context.settings()));
  }

  /**
   * The rendered document a lens or a position names, for the simulation: the
   * lens carries the rendered document's index; a position finds the workload
   * printed there.
   */
  simulationTarget(
    uri: string,
    document: number | null,
    position: Position | null,
    item: number | null = null,
    podSpecPath: string | null = null,
  ): { detail: DocumentDetail; object: ObjectDetail; index: number } | null {
    const file = pathOfUri(uri);
    if (!file) return null;
    for (const { analysis, relative } of this.analysesOf(file)) {
      let index = document;
      let object = 0;
      if (position) {
        const at = this.offsetIn(uri, position);
        const found = at ? analysis.workloadAt(relative, at.offset) : null;
        index = found?.document ?? null;
        object = found?.object ?? 0;
      }
      const result = index === null ? undefined : analysis.result.documents[index];
      if (!result || result.objects.length === 0) continue;
      if (item !== null) object = result.objects.findIndex((o) => o.item === item);
      if (podSpecPath !== null) {
        const of = result.objects[object]?.item;
        object = result.objects.findIndex((o) => o.item === of && o.workload.podSpecPath === podSpecPath);
      }
      const detail = analysis.detailOf(result);
      const chosen = detail.objects[object];
      if (chosen) return { detail, object: chosen, index: result.slice.index };
    }
    return null;
  }
}

const refOf = sourceOfKey;
