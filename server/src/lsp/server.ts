import { packageVersion } from '../version';
import {
  CodeActionKind,
  ErrorCodes,
  ResponseError,
  CodeLensRefreshRequest,
  type Connection,
  createConnection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  IPCMessageReader,
  IPCMessageWriter,
  RequestType,
  StreamMessageWriter,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { CodeLens, Range } from 'vscode-languageserver-types';
import { contentTypeEncoder, withJson } from './preserialized';
import type { Finding } from '../engine/findings';
import type { DocumentView } from '../service/document';
import type { LineMap } from '../service/positions';
import type { LensData } from '../service/codeLens';
import { defaultSettings, type ServiceSettings } from '../service/settings';
import type { FileAnalyses } from './fileAnalyses';
import { SettingsSource } from './settings';
import type { SimulateParams } from './simulateRequest';
import type { SimulationResult } from '../engine/simulation';
import type { AnalysisPool } from '../parallel';

/**
 * The LSP adapter: documents in, service results out. It knows the
 * transport, the client's capabilities and timing (scheduling, hold-back);
 * everything about Kubernetes is in the engine and the service.
 *
 * Timing, for files of thousands of objects: an edit is applied to the text
 * at once (only the documents it touches wait to be analyzed again), and the
 * analysis starts on the next turn of the event loop, so a single keystroke
 * is published without delay. Waiting documents are analyzed in batches of
 * a few milliseconds with the event loop free in between: hovers and other
 * requests are answered while a big file is being opened, and edits that
 * arrive meanwhile are folded into the same run (coalesced), which then
 * publishes once, for the newest version.
 */

export type Transport = 'stdio' | 'node-ipc';

export interface ServerOptions {
  /** How long a YAML syntax error near the edited line is held back. */
  holdMilliseconds?: number;
  /** Longest stretch of analysis before the event loop is let go (default 10 ms). */
  sliceMilliseconds?: number;
}

export function createTransportConnection(transport: Transport): Connection {
  if (transport === 'node-ipc') return createConnection(new IPCMessageReader(process), new IPCMessageWriter(process));
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder });
  // A writer stands in for the output stream (the library checks which it got); stdin stays a stream, so the
  // library still ends the process when the client goes away.
  return createConnection(process.stdin, writer as unknown as NodeJS.WritableStream);
}

// The engine and the service load after `initialize` has been answered: the client waits for that answer, not for them.
type Service = {
  analyses: typeof import('./fileAnalyses');
  hover: typeof import('../service/hover');
  codeLens: typeof import('../service/codeLens');
  codeActions: typeof import('../service/codeActions');
  diagnostics: typeof import('../service/diagnostics');
  simulate: typeof import('./simulateRequest');
  parallel: typeof import('../parallel');
};
let service: Service | null = null;
function loadService(): Service {
  service ??= {
    analyses: require('./fileAnalyses'),
    hover: require('../service/hover'),
    codeLens: require('../service/codeLens'),
    codeActions: require('../service/codeActions'),
    diagnostics: require('../service/diagnostics'),
    simulate: require('./simulateRequest'),
    parallel: require('../parallel'),
  };
  return service;
}

/** `podLens/simulate` (declared here too, so that the simulator loads only when asked). */
const SimulateRequest = new RequestType<SimulateParams, SimulationResult, void>('podLens/simulate');

/** A document's converted diagnostics, valid while its result, its first line and the settings are the same. */
interface CachedDiagnostics {
  line: number;
  settings: ServiceSettings;
  diagnostics: Diagnostic[];
  /** The diagnostics' JSON without brackets, spliced into each publish. */
  json: string;
}

/**
 * A document's unresolved lenses, valid while its result, first line, index
 * and URI are the same. The version in each lens's data changes with every
 * edit, so the JSON is kept up to it and the version is appended per answer.
 */
interface CachedLenses {
  line: number;
  index: number;
  uri: string;
  anchor: Range | null;
  /** Per lens: its JSON up to the value of `data.version`. */
  prefixes: string[];
}

interface Published {
  version: number | null;
  perDocument: CachedDiagnostics[];
}

const jsonOf = (items: unknown[]) => (items.length === 0 ? '' : JSON.stringify(items).slice(1, -1));

/** Wires a connection to the language service; resolves when the connection closes. */
export function startServer(connection: Connection, options: ServerOptions = {}): Promise<void> {
  const sliceMs = options.sliceMilliseconds ?? 10;
  const log = (message: string) => connection.console.log(message);
  const settingsSource = new SettingsSource(connection, log);
  let settings: ServiceSettings = defaultSettings;
  let analysesInstance: FileAnalyses | null = null;
  const analyses = (): FileAnalyses => {
    analysesInstance ??= new (loadService().analyses.FileAnalyses)(settings, options.holdMilliseconds ?? 500);
    return analysesInstance;
  };
  const published = new Map<string, Published>();
  let pool: AnalysisPool | null = null;
  /** Keyed by a result's `findings` array, which is new for every analysis and kept when the result only moves. */
  let converted = new WeakMap<Finding[], CachedDiagnostics>();
  const lensCache = new WeakMap<Finding[], CachedLenses>();
  const running = new Set<string>();
  const deferred = new Set<string>();
  /** The first pull of the client's settings, while it is under way. */
  let settingsPending: Promise<void> | null = null;
  const recheckTimers = new Map<string, NodeJS.Timeout>();
  let documentChanges = false;
  let disabledSupport = false;
  let codeLensRefresh = false;
  let dynamicConfiguration = false;

  /** Work that runs outside a request must never take the process down: it is logged instead. */
  const guarded = (what: string, work: () => void) => {
    try {
      work();
    } catch (error) {
      connection.console.error(`pod-lens: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };

  const documentDiagnostics = (view: DocumentView, held: boolean, lines: LineMap): CachedDiagnostics => {
    const { documentDiagnostics: convert } = loadService().diagnostics;
    const line = lines.positionAt(view.base).line;
    if (held) {
      const diagnostics = convert(view, lines, settings);
      return { line, settings, diagnostics, json: jsonOf(diagnostics) };
    }
    const key = view.result.findings;
    const cached = converted.get(key);
    if (cached && cached.line === line && cached.settings === settings) return cached;
    const diagnostics = convert(view, lines, settings);
    const entry = { line, settings, diagnostics, json: jsonOf(diagnostics) };
    converted.set(key, entry);
    return entry;
  };

  const documentLenses = (uri: string, view: DocumentView, held: boolean, lines: LineMap): CachedLenses => {
    const { lensAnchor, lensesPerWorkload } = loadService().codeLens;
    const line = lines.positionAt(view.base).line;
    const index = view.result.slice.index;
    const key = view.result.findings;
    const cached = held ? undefined : lensCache.get(key);
    if (cached && cached.line === line && cached.index === index && cached.uri === uri) return cached;
    const anchor = lensAnchor(view, lines);
    const prefixes: string[] = [];
    if (anchor) {
      const head = `{"range":${JSON.stringify(anchor)},"data":{"uri":${JSON.stringify(uri)},"document":${index},"lens":`;
      for (let lens = 0; lens < lensesPerWorkload; lens++) prefixes.push(`${head}${lens},"version":`);
    }
    const entry = { line, index, uri, anchor, prefixes };
    if (!held) lensCache.set(key, entry);
    return entry;
  };

  /** The unresolved lenses of a file: a range and a `LensData` each, the JSON joined from cached pieces. */
  const allLenses = (uri: string, version: number | null, views: readonly DocumentView[], held: readonly boolean[] | null, lines: LineMap): CodeLens[] => {
    const lenses: CodeLens[] = [];
    const pieces: string[] = [];
    const tail = `${JSON.stringify(version)}}}`;
    views.forEach((view, i) => {
      const entry = documentLenses(uri, view, held?.[i] ?? false, lines);
      if (!entry.anchor) return;
      for (let lens = 0; lens < entry.prefixes.length; lens++) {
        const data: LensData = { uri, document: entry.index, lens, version };
        lenses.push({ range: entry.anchor, data });
        pieces.push(entry.prefixes[lens] + tail);
      }
    });
    return withJson(lenses, pieces);
  };

  /**
   * Title and command of one lens. The lens names its document by index for
   * the version it was made for; after an edit the document is the one now
   * under the lens's range (the client asks again for the new lenses anyway).
   */
  const resolveLens = (lens: CodeLens): CodeLens | ResponseError<void> => {
    if (typeof lens !== 'object' || lens === null || !isRange(lens.range)) {
      return new ResponseError(ErrorCodes.InvalidParams, 'codeLens/resolve needs a CodeLens with a range');
    }
    const data: unknown = lens.data;
    const { isLensData, documentLenses: lensesOf } = loadService().codeLens;
    if (!isLensData(data) || !settings.codeLensEnabled) return lens;
    const store = analyses();
    let index = data.document;
    if (data.version !== store.version(data.uri)) {
      const offset = store.lines(data.uri)?.offsetAt(lens.range.start) ?? null;
      index = offset === null ? -1 : store.indexAt(data.uri, offset);
    }
    const shown = store.viewAt(data.uri, index);
    const resolved = shown ? lensesOf(data.uri, shown.view, shown.lines)[data.lens] : undefined;
    return resolved ? { range: lens.range, command: resolved.command, data } : lens;
  };

  const sameDiagnostics = (a: CachedDiagnostics, b: CachedDiagnostics) => a === b || a.json === b.json;

  const publish = (uri: string) => {
    const shown = analyses().views(uri);
    if (!shown) return;
    const { analyzed, views, held } = shown;
    const perDocument = views.map((view, i) => documentDiagnostics(view, held[i], analyzed.lines));
    // Every new version of the text gets a publish, even with the same diagnostics: it tells the
    // client (and a benchmark timing edit → diagnostics) that this version has been analyzed.
    // Re-checks of the same version (settings, held-back syntax errors) publish only real changes;
    // unchanged documents keep their cached arrays, so comparing is cheap.
    const last = published.get(uri);
    const changed =
      !last ||
      last.version !== analyzed.version ||
      last.perDocument.length !== perDocument.length ||
      perDocument.some((diagnostics, i) => !sameDiagnostics(diagnostics, last.perDocument[i]));
    if (changed) {
      published.set(uri, { version: analyzed.version, perDocument });
      const diagnostics: Diagnostic[] = [];
      for (const entry of perDocument) for (const diagnostic of entry.diagnostics) diagnostics.push(diagnostic);
      withJson(
        diagnostics,
        perDocument.map((entry) => entry.json),
      );
      void connection.sendDiagnostics({ uri, version: analyzed.version ?? undefined, diagnostics });
    }
    clearTimeout(recheckTimers.get(uri));
    recheckTimers.delete(uri);
    if (shown.recheckAt !== null) {
      recheckTimers.set(
        uri,
        setTimeout(
          () => {
            recheckTimers.delete(uri);
            if (!running.has(uri)) guarded(`analysis of ${uri}`, () => publish(uri));
          },
          Math.max(0, shown.recheckAt - Date.now()) + 1,
        ),
      );
    }
  };

  /**
   * Analyzes what waits in a file, a slice at a time, then publishes. One run
   * per file at a time: edits during a run only add work to it.
   */
  const kick = (uri: string, opened = false) => {
    if (running.has(uri)) return;
    if (settingsPending) {
      // Diagnostics computed with the defaults, then corrected a moment later, would only flicker.
      if (!deferred.has(uri)) {
        deferred.add(uri);
        void settingsPending.then(() => {
          deferred.delete(uri);
          kick(uri, opened);
        });
      }
      return;
    }
    running.add(uri);
    if (inWorkers(uri)) return;
    const step = () => {
      const store = analyses();
      if (!store.has(uri)) {
        running.delete(uri);
        return;
      }
      let left = store.pending(uri);
      const big = left > 50;
      opened ||= big;
      const until = Date.now() + sliceMs;
      while (left > 0 && Date.now() < until) left = store.analyzeSome(uri, 4);
      if (left > 0) {
        setImmediate(() => guarded(`analysis of ${uri}`, step));
        return;
      }
      running.delete(uri);
      publish(uri);
      // Lenses asked for while a big file was still being analyzed were partial.
      if (opened && codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    };
    setImmediate(() =>
      guarded(`analysis of ${uri}`, () => {
        try {
          step();
        } catch (error) {
          running.delete(uri);
          throw error;
        }
      }),
    );
  };

  /**
   * A big file's waiting documents (an open, new node settings) go to the
   * worker pool; the event loop stays free, results are taken as each chunk
   * arrives (hovers and lenses see them), and edits meanwhile only make their
   * documents wait again. When the pool is done, an ordinary run analyzes
   * what still waits and publishes. Returns false when the work stays here.
   */
  const inWorkers = (uri: string): boolean => {
    const parallel = loadService().parallel;
    const store = analyses();
    // Workers end as soon as the open is done: edits never use them, and their heaps would add to the peak while the user types.
    pool ??= new parallel.AnalysisPool({ idleMilliseconds: 0 });
    if (!pool.available) return false;
    const batch = store.batch(uri, parallel.parallelThreshold);
    if (!batch) return false;
    const finish = () => {
      running.delete(uri);
      if (!store.has(uri)) return;
      kick(uri, true);
      setImmediate(() => warmUp(uri, 0));
    };
    pool
      .analyze(
        batch.text,
        batch.slices,
        batch.options,
        (results) => guarded(`analysis of ${uri}`, () => store.adopt(uri, batch, results)),
        () => !store.isCurrent(uri, batch),
      )
      .then(finish, (error: unknown) => {
        connection.console.error(`pod-lens: analysis of ${uri} in workers failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        finish();
      });
    return true;
  };

  /**
   * After an open in the workers this thread has not run the parser or the
   * hover code yet, and the first hovers would pay for compiling them (tens
   * of milliseconds). A few hovers on documents spread over the file, one
   * per turn of the event loop while nothing else waits, compile them first.
   */
  const warmUpHovers = 24;
  const warmUp = (uri: string, step: number) => {
    const store = analyses();
    if (step >= warmUpHovers || !store.has(uri)) return;
    if (running.has(uri)) {
      setTimeout(() => warmUp(uri, step), 50).unref();
      return;
    }
    guarded(`warming up on ${uri}`, () => {
      const analyzed = store.snapshot(uri);
      if (!analyzed || analyzed.documentCount === 0) return;
      const document = analyzed.document(Math.floor(((step + 0.5) * analyzed.documentCount) / warmUpHovers));
      // Keys and values have hovers of their own (the field's meaning, the cgroup numbers): warm up both.
      const match = document ? /\b(cpu|memory): +['"]?(?=\w)/.exec(document.slice.text) : null;
      if (!document || !match) return;
      const at = step % 2 === 0 ? match.index + 1 : match.index + match[0].length;
      loadService().hover.doHover(analyzed, analyzed.lines.positionAt(document.slice.start + at), settings);
    });
    setImmediate(() => warmUp(uri, step + 1));
  };

  const refreshAll = () => {
    if (!analysesInstance) return;
    for (const uri of analysesInstance.uris) {
      published.delete(uri);
      kick(uri);
    }
    if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  const applySettings = (next: ServiceSettings | null) => {
    if (!next) return;
    settings = next;
    converted = new WeakMap();
    analysesInstance?.updateSettings(next);
    refreshAll();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    settingsSource.canPull = capabilities.workspace?.configuration === true;
    dynamicConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    disabledSupport = capabilities.textDocument?.codeAction?.disabledSupport === true;
    codeLensRefresh = capabilities.workspace?.codeLens?.refreshSupport === true;
    if (params.initializationOptions !== undefined && params.initializationOptions !== null) {
      settings = settingsSource.read(SettingsSource.section(params.initializationOptions));
    }
    // Load the engine while the client digests the answer, before the first document arrives.
    setImmediate(() => guarded('loading the service', () => analyses()));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: true },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor, CodeActionKind.RefactorRewrite],
          resolveProvider: false,
        },
      },
      serverInfo: { name: 'pod-lens', version: packageVersion() },
    };
  });

  connection.onInitialized(() => {
    if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'podLens' }).catch(() => undefined);
    if (!settingsSource.canPull) return;
    const pulled = settingsSource.pull().then(applySettings, () => undefined);
    settingsPending = pulled.finally(() => {
      settingsPending = null;
    });
  });

  connection.onDidChangeConfiguration((change) => {
    if (settingsSource.canPull) void settingsSource.pull().then(applySettings);
    else if (change.settings !== undefined && change.settings !== null) applySettings(settingsSource.read(SettingsSource.section(change.settings)));
  });

  // A notification has no answer to carry an error: a malformed one is logged and ignored, before it can
  // leave a half-made file behind.
  const malformed = (method: string, why: string) => connection.console.error(`pod-lens: ignored a malformed ${method}: ${why}`);
  connection.onDidOpenTextDocument((params) => {
    const { textDocument } = params ?? {};
    if (!textDocument || typeof textDocument.uri !== 'string' || typeof textDocument.text !== 'string') {
      return malformed('textDocument/didOpen', 'textDocument needs a uri and a text');
    }
    analyses().open(textDocument.uri, textDocument.version, textDocument.text);
    published.delete(textDocument.uri);
    kick(textDocument.uri);
  });
  connection.onDidChangeTextDocument((params) => {
    const { textDocument, contentChanges } = params ?? {};
    if (!textDocument || typeof textDocument.uri !== 'string' || !Array.isArray(contentChanges) || !contentChanges.every(isContentChange)) {
      return malformed('textDocument/didChange', 'it needs textDocument.uri and contentChanges of { text, range? }');
    }
    const store = analyses();
    if (!store.has(textDocument.uri)) return;
    store.applyChanges(textDocument.uri, textDocument.version, contentChanges);
    kick(textDocument.uri);
  });
  connection.onDidCloseTextDocument((params) => {
    const { textDocument } = params ?? {};
    if (!textDocument || typeof textDocument.uri !== 'string') return malformed('textDocument/didClose', 'textDocument needs a uri');
    clearTimeout(recheckTimers.get(textDocument.uri));
    recheckTimers.delete(textDocument.uri);
    analysesInstance?.close(textDocument.uri);
    published.delete(textDocument.uri);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  connection.onHover((params) => {
    const problem = paramsProblem(params, { position: true });
    if (problem) return problem;
    const { textDocument, position } = params;
    const analyzed = analyses().snapshot(textDocument.uri);
    return analyzed ? loadService().hover.doHover(analyzed, position, settings) : null;
  });

  connection.onCodeLens((params) => {
    const problem = paramsProblem(params, {});
    if (problem) return problem;
    const { textDocument } = params;
    if (!settings.codeLensEnabled) return [];
    const store = analyses();
    if (store.pending(textDocument.uri) > 0) {
      // Still analyzing a big file: lenses for what is done; a refresh follows when the rest is.
      const partial = store.analyzedSoFar(textDocument.uri);
      return partial ? allLenses(textDocument.uri, store.version(textDocument.uri), partial.views, null, partial.lines) : [];
    }
    const shown = store.views(textDocument.uri);
    return shown ? allLenses(textDocument.uri, shown.analyzed.version, shown.views, shown.held, shown.analyzed.lines) : [];
  });

  connection.onCodeLensResolve(resolveLens);

  connection.onCodeAction((params) => {
    const problem = paramsProblem(params, { range: true, context: true });
    if (problem) return problem;
    const { textDocument, range, context } = params;
    const analyzed = analyses().snapshot(textDocument.uri);
    return analyzed ? loadService().codeActions.codeActions(analyzed, range, context, settings, { documentChanges, disabledSupport }) : [];
  });

  connection.onRequest(SimulateRequest, (params) => loadService().simulate.runSimulateRequest(analyses(), params));

  const closed = new Promise<void>((resolve) => {
    connection.onExit(() => resolve());
    connection.onShutdown(() => {
      for (const timer of recheckTimers.values()) clearTimeout(timer);
      recheckTimers.clear();
      void pool?.close();
    });
  });
  connection.listen();
  return closed;
}

const isRange = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && isPosition((value as { start?: unknown }).start) && isPosition((value as { end?: unknown }).end);

const isContentChange = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { text?: unknown }).text === 'string' &&
  ((value as { range?: unknown }).range == null || isRange((value as { range?: unknown }).range));

const isCodeActionContext = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  const { diagnostics, only } = value as { diagnostics?: unknown; only?: unknown };
  return (
    Array.isArray(diagnostics) &&
    diagnostics.every((d) => typeof d === 'object' && d !== null && isRange((d as { range?: unknown }).range)) &&
    (only === undefined || only === null || (Array.isArray(only) && only.every((kind) => typeof kind === 'string')))
  );
};

const isPosition = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  Number.isFinite((value as { line?: unknown }).line) &&
  Number.isFinite((value as { character?: unknown }).character);

/**
 * Malformed parameters are the client's mistake: say so with InvalidParams
 * instead of letting a handler fail with an internal error.
 */
function paramsProblem(params: unknown, needs: { position?: boolean; range?: boolean; context?: boolean }): ResponseError<void> | null {
  const record = (typeof params === 'object' && params !== null ? params : {}) as Record<string, unknown>;
  const textDocument = record.textDocument as { uri?: unknown } | undefined;
  if (typeof textDocument !== 'object' || textDocument === null || typeof textDocument.uri !== 'string') {
    return new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri must be a string');
  }
  if (needs.position && !isPosition(record.position)) {
    return new ResponseError(ErrorCodes.InvalidParams, 'position must be { line, character } numbers');
  }
  if (needs.range && !isRange(record.range)) {
    return new ResponseError(ErrorCodes.InvalidParams, 'range must be { start, end } positions');
  }
  if (needs.context && !isCodeActionContext(record.context)) {
    return new ResponseError(ErrorCodes.InvalidParams, 'context must be { diagnostics: Diagnostic[], only?: string[] }');
  }
  return null;
}
