import { CodeLensRefreshRequest } from 'vscode-languageserver/node';
import type { AnalysisPool } from '../parallel';
import type { Progress, ProgressTask } from './progress';
import type { Publisher, ServerContext } from './publisher';
import { loadService } from './service-loader';

/**
 * When the analysis runs. An edit is applied to the text at once (only the
 * documents it touches wait to be analyzed again), and the analysis starts on
 * the next turn of the event loop, so a single keystroke is published without
 * delay. Waiting documents are analyzed in slices of a few milliseconds with
 * the event loop free in between: hovers and other requests are answered
 * while a big file is being opened, and edits that arrive meanwhile are
 * folded into the same run, which then publishes once, for the newest
 * version. Opening a big file hands its documents to the worker pool.
 * A run that lasts is shown as work-done progress (`progress.ts`), in
 * documents done of the documents waiting, one task from the first slice
 * (or the pool) to the publication.
 */
export class Scheduler {
  private readonly running = new Set<string>();
  private readonly deferred = new Set<string>();
  private readonly progress = new Map<string, { task: ProgressTask; total: number }>();
  private pool: AnalysisPool | null = null;
  /** Files whose lenses were answered while documents still waited: a refresh follows their run. */
  private readonly partialLenses = new Set<string>();
  /**
   * Files just opened: a refresh follows their first run too. The client asks
   * for an editor's lenses as it shows the document, and an answer it got
   * then (before the file's first analysis, or in a race this server did not
   * see) would stay until the next edit: the walkthrough's example showed no
   * lens now and then in code-server.
   */
  private readonly opened = new Set<string>();
  /** Hovers run to compile the hover code, over the whole life of the server. */
  private warmUpHoversDone = 0;
  /** The first pull of the client's settings, while it is under way: runs wait for it. */
  settingsPending: Promise<void> | null = null;

  constructor(
    private readonly context: ServerContext,
    private readonly publisher: Publisher,
    private readonly options: {
      sliceMilliseconds: number;
      codeLensRefresh: () => boolean;
      progress: Progress;
      /** A file of a chart or an overlay: its findings come from the rendered output, so its own text is never analyzed. */
      rendered: (uri: string) => boolean;
    },
  ) {}

  /** The progress of the run under way on `uri` (a run in the workers goes on in this thread with the same task). */
  private track(uri: string, left: number): void {
    let entry = this.progress.get(uri);
    if (!entry) {
      const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)) || uri;
      entry = { task: this.options.progress.start(`Pod Lens: analyzing ${name}`, 'documents'), total: 0 };
      this.progress.set(uri, entry);
    }
    entry.total = Math.max(entry.total, left);
    entry.task.report(entry.total - left, entry.total);
  }

  private untrack(uri: string): void {
    this.progress.get(uri)?.task.end();
    this.progress.delete(uri);
  }

  isRunning(uri: string): boolean {
    return this.running.has(uri);
  }

  close(): void {
    for (const uri of [...this.progress.keys()]) this.untrack(uri);
    void this.pool?.close();
  }

  /** The client got lenses for only the documents analyzed so far: it is asked to refresh them when the run ends. */
  lensesAnsweredPartially(uri: string): void {
    this.partialLenses.add(uri);
  }

  /** A file was opened: its first run ends with a lens refresh. */
  fileOpened(uri: string): void {
    this.opened.add(uri);
  }

  private refreshLenses(): void {
    if (this.options.codeLensRefresh()) void this.context.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  /**
   * Analyzes what waits in a file, a slice at a time, then publishes. One run
   * per file at a time: edits during a run only add work to it.
   */
  kick(uri: string, opened = false): void {
    if (this.running.has(uri) || this.options.rendered(uri)) return;
    if (this.settingsPending) {
      // Diagnostics computed with the defaults, then corrected a moment later, would only flicker.
      if (!this.deferred.has(uri)) {
        this.deferred.add(uri);
        void this.settingsPending.then(() => {
          this.deferred.delete(uri);
          this.kick(uri, opened);
        });
      }
      return;
    }
    this.running.add(uri);
    this.track(uri, this.context.analyses().pending(uri));
    if (this.inWorkers(uri)) return;
    const step = () => {
      const store = this.context.analyses();
      if (!store.has(uri)) {
        this.running.delete(uri);
        this.partialLenses.delete(uri);
        this.opened.delete(uri);
        this.untrack(uri);
        return;
      }
      let left = store.pending(uri);
      const big = left > 50;
      opened ||= big;
      const until = Date.now() + this.options.sliceMilliseconds;
      while (left > 0 && Date.now() < until) left = store.analyzeSome(uri, 4);
      this.track(uri, left);
      if (left > 0) {
        setImmediate(() => this.context.guarded(`analysis of ${uri}`, step));
        return;
      }
      this.running.delete(uri);
      this.untrack(uri);
      this.publisher.publish(uri);
      // Lenses asked for while documents still waited were partial (during a big open, after new settings
      // or an edit): the client asks again for the whole file.
      const partial = this.partialLenses.delete(uri);
      if (this.opened.delete(uri) || partial) this.refreshLenses();
      if (opened) setImmediate(() => this.warmUp(uri, 0));
    };
    setImmediate(() =>
      this.context.guarded(`analysis of ${uri}`, () => {
        try {
          step();
        } catch (error) {
          this.running.delete(uri);
          this.untrack(uri);
          throw error;
        }
      }),
    );
  }

  /** Every open file again (new settings): each publishes what changed. */
  refreshAll(): void {
    const store = this.context.analyses();
    for (const uri of store.uris) {
      this.publisher.forget(uri);
      this.kick(uri);
    }
    this.refreshLenses();
  }

  /**
   * A big file's waiting documents (an open, new node settings) go to the
   * worker pool; the event loop stays free, results are taken as each chunk
   * arrives (hovers and lenses see them), and edits meanwhile only make their
   * documents wait again. When the pool is done, an ordinary run analyzes
   * what still waits and publishes. Returns false when the work stays here.
   */
  private inWorkers(uri: string): boolean {
    const parallel = loadService().parallel;
    const store = this.context.analyses();
    // Workers end as soon as the open is done: edits never use them, and their heaps would add to the peak while the user types.
    this.pool ??= new parallel.AnalysisPool({ idleMilliseconds: 0 });
    if (!this.pool.available) return false;
    const batch = store.batch(uri, parallel.parallelThreshold);
    if (!batch) return false;
    const finish = () => {
      this.running.delete(uri);
      if (!store.has(uri)) {
        this.partialLenses.delete(uri);
        this.opened.delete(uri);
        return this.untrack(uri);
      }
      this.kick(uri, true);
    };
    this.pool
      .analyze(
        batch.text,
        batch.slices,
        batch.options,
        (results) =>
          this.context.guarded(`analysis of ${uri}`, () => {
            store.adopt(uri, batch, results);
            this.track(uri, store.pending(uri));
          }),
        () => !store.isCurrent(uri, batch),
      )
      .then(finish, (error: unknown) => {
        this.context.connection.console.error(
          `pod-lens: analysis of ${uri} in workers failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        finish();
      });
    return true;
  }

  /** A file big enough for the workers is opening: they start now, and load the engine while this thread reads the file and the workspace. */
  expectOpen(characters: number): void {
    const parallel = loadService().parallel;
    if (characters < parallel.parallelThreshold) return;
    this.pool ??= new parallel.AnalysisPool({ idleMilliseconds: 0 });
    this.pool.start();
  }

  /**
   * After the first big open this thread has not run the hover code yet (nor
   * the parser, when the workers analyzed the file), and the first hovers
   * would pay for compiling them (tens of milliseconds). A few hovers on
   * documents spread over the file, one per turn of the event loop while
   * nothing else waits, compile them first; once per process is enough.
   */
  private warmUp(uri: string, step: number): void {
    const warmUpHovers = 24;
    const store = this.context.analyses();
    if (step >= warmUpHovers || this.warmUpHoversDone >= warmUpHovers || !store.has(uri)) return;
    if (this.running.has(uri)) {
      setTimeout(() => this.warmUp(uri, step), 50).unref();
      return;
    }
    this.context.guarded(`warming up on ${uri}`, () => {
      const analyzed = store.snapshot(uri);
      if (!analyzed || analyzed.documentCount === 0) return;
      const document = analyzed.document(Math.floor(((step + 0.5) * analyzed.documentCount) / warmUpHovers));
      // Keys and values have hovers of their own (the field's meaning, the cgroup numbers): warm up both.
      const match = document ? /\b(cpu|memory): +['"]?(?=\w)/.exec(document.slice.text) : null;
      if (!document || !match) return;
      const at = step % 2 === 0 ? match.index + 1 : match.index + match[0].length;
      this.warmUpHoversDone++;
      loadService().hover.doHover(analyzed, analyzed.lines.positionAt(document.slice.start + at), this.context.settings());
    });
    setImmediate(() => this.warmUp(uri, step + 1));
  }
}
