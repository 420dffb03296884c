import { packageVersion } from '../version';
import {
  CodeActionKind,
  type Connection,
  createConnection,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  IPCMessageReader,
  IPCMessageWriter,
  RequestType,
  StreamMessageWriter,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { contentTypeEncoder } from './preserialized';
import { defaultSettings, type ServiceSettings } from '../service/settings';
import type { FileAnalyses } from './fileAnalyses';
import { isContentChange, paramsProblem } from './params';
import { connectionChannel, Progress } from './progress';
import { Publisher, type ServerContext } from './publisher';
import { Scheduler } from './scheduler';
import { loadService } from './service-loader';
import { SettingsSource } from './settings';
import type { SourceFeatures } from './source-features';
import type { WorkspaceCluster } from './cluster';
import { pathOfUri } from './uris';
import type { SimulateAnswer, SimulateParams } from './simulateRequest';

/**
 * The LSP adapter: documents in, service results out. This module wires the
 * connection (capabilities, settings, notifications, requests) to the parts
 * that do the work: `scheduler.ts` (when the analysis runs), `publisher.ts`
 * (diagnostics and lenses with their caches), `fileAnalyses.ts` (the open
 * files), `params.ts` (malformed parameters). Everything about Kubernetes is
 * in the engine and the service.
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

/** `podLens/simulate` (declared here too, so that the simulator loads only when asked). */
const SimulateRequest = new RequestType<SimulateParams, SimulateAnswer, void>('podLens/simulate');

/** Wires a connection to the language service; resolves when the connection closes. */
export function startServer(connection: Connection, options: ServerOptions = {}): Promise<void> {
  const log = (message: string) => connection.console.log(message);
  const settingsSource = new SettingsSource(connection, log);
  let settings: ServiceSettings = defaultSettings;
  let analysesInstance: FileAnalyses | null = null;
  const analyses = (): FileAnalyses => {
    analysesInstance ??= new (loadService().analyses.FileAnalyses)(settings, options.holdMilliseconds ?? 500);
    return analysesInstance;
  };
  let documentChanges = false;
  let disabledSupport = false;
  let codeLensRefresh = false;
  let dynamicConfiguration = false;
  let workDoneProgress = false;

  const progress = new Progress(connectionChannel(connection), () => workDoneProgress);
  const context: ServerContext = {
    connection,
    settings: () => settings,
    analyses,
    progress,
    guarded: (what, work) => {
      try {
        work();
      } catch (error) {
        connection.console.error(`pod-lens: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    },
  };
  let roots: string[] = [];
  let sourceFeatures: SourceFeatures | null = null;
  const sources = (): SourceFeatures => {
    sourceFeatures ??= new (loadService().sources.SourceFeatures)(context, roots);
    return sourceFeatures;
  };
  // Templates and patches are not judged alone: a file that belongs to a chart or overlay gets their results.
  const owned = (uri: string): boolean => sources().owns(uri);
  const publisher: Publisher = new Publisher(
    context,
    (uri) => scheduler.isRunning(uri),
    (uri) => owned(uri),
  );
  const scheduler: Scheduler = new Scheduler(context, publisher, {
    sliceMilliseconds: options.sliceMilliseconds ?? 10,
    codeLensRefresh: () => codeLensRefresh,
    progress,
    rendered: (uri) => owned(uri),
  });

  let workspaceCluster: WorkspaceCluster | null = null;
  // Charts and overlays count as they render: the cluster hears of every render's objects.
  const cluster = (): WorkspaceCluster =>
    (workspaceCluster ??= new (loadService().cluster.WorkspaceCluster)(
      roots,
      undefined,
      sources().clusterSources((owner, objects) => clusterChanged(workspaceCluster?.rendered(owner, objects) ?? false)),
      settings.namespace,
    ));
  // The workspace's LimitRanges, quotas and classes changed: every number may have.
  const clusterChanged = (changed: boolean) => {
    if (!changed) return;
    analyses().updateCluster(workspaceCluster?.context());
    sourceFeatures?.clusterChanged();
    scheduler.refreshAll();
  };
  /** What the cluster's objects depend on beyond the files: the namespace of objects that name none, and how charts render. */
  const renderingKey = (of: ServiceSettings) => JSON.stringify([of.namespace, of.helm, [...of.helm.charts]]);

  const applySettings = (next: ServiceSettings | null) => {
    if (!next) return;
    const rereadCluster = renderingKey(next) !== renderingKey(settings);
    settings = next;
    publisher.settingsChanged();
    analysesInstance?.updateSettings(next);
    sourceFeatures?.settingsChanged();
    if (workspaceCluster && rereadCluster) context.guarded('reading the namespace objects', () => clusterChanged(workspaceCluster!.reset(next.namespace)));
    if (analysesInstance) scheduler.refreshAll();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    roots = workspaceRoots(params);
    settingsSource.canPull = capabilities.workspace?.configuration === true;
    dynamicConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    disabledSupport = capabilities.textDocument?.codeAction?.disabledSupport === true;
    codeLensRefresh = capabilities.workspace?.codeLens?.refreshSupport === true;
    workDoneProgress = capabilities.window?.workDoneProgress === true;
    if (params.initializationOptions !== undefined && params.initializationOptions !== null) {
      settings = settingsSource.read(SettingsSource.section(params.initializationOptions));
    }
    // Load the engine while the client digests the answer, before the first document arrives.
    setImmediate(() => context.guarded('loading the service', () => analyses()));
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
    scheduler.settingsPending = pulled.finally(() => {
      scheduler.settingsPending = null;
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
    context.guarded(`opening ${textDocument.uri}`, () => scheduler.expectOpen(textDocument.text.length));
    context.guarded(`reading ${textDocument.uri}`, () => clusterChanged(cluster().edited(textDocument.uri, textDocument.text)));
    analyses().open(textDocument.uri, textDocument.version, textDocument.text);
    publisher.forget(textDocument.uri);
    scheduler.fileOpened(textDocument.uri);
    scheduler.kick(textDocument.uri);
    context.guarded(`opening ${textDocument.uri}`, () => sources().edited(textDocument.uri, textDocument.text));
  });
  connection.onDidChangeTextDocument((params) => {
    const { textDocument, contentChanges } = params ?? {};
    if (!textDocument || typeof textDocument.uri !== 'string' || !Array.isArray(contentChanges) || !contentChanges.every(isContentChange)) {
      return malformed('textDocument/didChange', 'it needs textDocument.uri and contentChanges of { text, range? }');
    }
    const store = analyses();
    if (!store.has(textDocument.uri)) return;
    store.applyChanges(textDocument.uri, textDocument.version, contentChanges);
    scheduler.kick(textDocument.uri);
    const text = store.lines(textDocument.uri)?.text;
    if (text !== undefined) context.guarded(`editing ${textDocument.uri}`, () => sources().edited(textDocument.uri, text));
    if (text !== undefined) context.guarded(`reading ${textDocument.uri}`, () => clusterChanged(cluster().edited(textDocument.uri, text)));
  });
  connection.onDidCloseTextDocument((params) => {
    const { textDocument } = params ?? {};
    if (!textDocument || typeof textDocument.uri !== 'string') return malformed('textDocument/didClose', 'textDocument needs a uri');
    analysesInstance?.close(textDocument.uri);
    publisher.close(textDocument.uri);
    context.guarded(`closing ${textDocument.uri}`, () => sourceFeatures?.edited(textDocument.uri, null));
    context.guarded(`closing ${textDocument.uri}`, () => clusterChanged(cluster().edited(textDocument.uri, null)));
  });

  connection.onHover((params) => {
    const problem = paramsProblem(params, { position: true });
    if (problem) return problem;
    const { textDocument, position } = params;
    if (owned(textDocument.uri)) return sources().hover(textDocument.uri, position);
    const analyzed = analyses().snapshot(textDocument.uri);
    return analyzed ? loadService().hover.doHover(analyzed, position, settings) : null;
  });

  connection.onCodeLens((params) => {
    const problem = paramsProblem(params, {});
    if (problem) return problem;
    const { textDocument } = params;
    if (!settings.codeLensEnabled) return [];
    if (owned(textDocument.uri)) return sources().lenses(textDocument.uri);
    const store = analyses();
    if (store.pending(textDocument.uri) > 0) {
      // Still analyzing: lenses for what is done; a refresh follows when the rest is.
      scheduler.lensesAnsweredPartially(textDocument.uri);
      const partial = store.analyzedSoFar(textDocument.uri);
      return partial ? publisher.lenses(textDocument.uri, store.version(textDocument.uri), partial.views, null, partial.lines) : [];
    }
    const shown = store.views(textDocument.uri);
    return shown ? publisher.lenses(textDocument.uri, shown.analyzed.version, shown.views, shown.held, shown.analyzed.lines) : [];
  });

  connection.onCodeLensResolve((lens) => publisher.resolveLens(lens));

  connection.onCodeAction((params) => {
    const problem = paramsProblem(params, { range: true, context: true });
    if (problem) return problem;
    const { textDocument, range, context: actionContext } = params;
    if (owned(textDocument.uri)) return sources().codeActions(textDocument.uri, range);
    const analyzed = analyses().snapshot(textDocument.uri);
    return analyzed ? loadService().codeActions.codeActions(analyzed, range, actionContext, settings, { documentChanges, disabledSupport }) : [];
  });

  connection.onRequest(SimulateRequest, (params) => loadService().simulate.runSimulateRequest(analyses(), params, sources()));

  connection.onDidChangeWatchedFiles((params) => {
    const uris = Array.isArray(params?.changes) ? params.changes.map((change) => change.uri).filter((uri) => typeof uri === 'string') : [];
    context.guarded('watched files', () => sources().changedOnDisk(uris));
    context.guarded('watched files', () => clusterChanged(cluster().changedOnDisk(uris)));
  });

  const closed = new Promise<void>((resolve) => {
    connection.onExit(() => resolve());
    connection.onShutdown(() => {
      publisher.dispose();
      scheduler.close();
    });
  });
  connection.listen();
  return closed;
}

/** The workspace folders the client opened, as absolute paths (only `file:` folders can be read). */
function workspaceRoots(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map((uri) => pathOfUri(uri)).filter((root): root is string => root !== null);
}
