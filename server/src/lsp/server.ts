import { packageVersion } from '../version';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  Connection,
  createConnection,
  Diagnostic,
  DidChangeConfigurationNotification,
  InitializeParams,
  InitializeResult,
  IPCMessageReader,
  IPCMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../service/codeActions';
import { codeLenses } from '../service/codeLens';
import { fileDiagnostics } from '../service/diagnostics';
import { doHover } from '../service/hover';
import { defaultSettings, ServiceSettings } from '../service/settings';
import { FileAnalyses } from './fileAnalyses';
import { SettingsSource } from './settings';
import { runSimulateRequest, SimulateRequest } from './simulateRequest';

/**
 * The LSP adapter: documents in, service results out. It knows the
 * transport, the client's capabilities and timing (debounce, hold-back);
 * everything about Kubernetes is in the engine and the service.
 */

export type Transport = 'stdio' | 'node-ipc';

export interface ServerOptions {
  /** How long after the last edit analysis and diagnostics wait (coalesces bursts of keystrokes). */
  debounceMilliseconds?: number;
  /** How long a YAML syntax error near the edited line is held back. */
  holdMilliseconds?: number;
}

export function createTransportConnection(transport: Transport): Connection {
  if (transport === 'node-ipc') return createConnection(new IPCMessageReader(process), new IPCMessageWriter(process));
  return createConnection(process.stdin, process.stdout);
}

/** Wires a connection to the language service; resolves when the connection closes. */
export function startServer(connection: Connection, options: ServerOptions = {}): Promise<void> {
  const debounce = options.debounceMilliseconds ?? 30;
  const log = (message: string) => connection.console.log(message);
  const settingsSource = new SettingsSource(connection, log);
  let settings: ServiceSettings = defaultSettings;
  const analyses = new FileAnalyses(settings, options.holdMilliseconds ?? 500);
  const documents = new TextDocuments(TextDocument);
  const published = new Map<string, string>();
  const timers = new Map<string, NodeJS.Timeout>();
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

  const publish = (uri: string) => {
    const shown = analyses.views(uri);
    if (!shown) return;
    const diagnostics: Diagnostic[] = fileDiagnostics(shown.views, shown.analyzed.lines, settings);
    // Every new version of the text gets a publish, even with the same diagnostics: it tells the
    // client (and a benchmark timing edit → diagnostics) that this version has been analyzed.
    // Re-checks of the same version (settings, held-back syntax errors) publish only real changes.
    const key = `${shown.analyzed.version ?? ''}\u0000${JSON.stringify(diagnostics)}`;
    if (published.get(uri) !== key) {
      published.set(uri, key);
      void connection.sendDiagnostics({ uri, version: shown.analyzed.version ?? undefined, diagnostics });
    }
    if (shown.recheckAt !== null) schedule(uri, Math.max(0, shown.recheckAt - Date.now()) + 1);
  };

  const schedule = (uri: string, delay: number) => {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        guarded(`analysis of ${uri}`, () => publish(uri));
      }, delay),
    );
  };

  const refreshAll = () => {
    for (const uri of analyses.uris) schedule(uri, 0);
    if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  const applySettings = (next: ServiceSettings | null) => {
    if (!next) return;
    settings = next;
    analyses.updateSettings(next);
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
      analyses.updateSettings(settings);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
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
    void settingsSource.pull().then(applySettings);
  });

  connection.onDidChangeConfiguration((change) => {
    if (settingsSource.canPull) void settingsSource.pull().then(applySettings);
    else if (change.settings !== undefined && change.settings !== null) applySettings(settingsSource.read(SettingsSource.section(change.settings)));
  });

  documents.onDidOpen(({ document }) => {
    analyses.open(document.uri, document.version, document.getText());
    schedule(document.uri, 0);
  });
  documents.onDidChangeContent(({ document }) => {
    if (!analyses.has(document.uri)) analyses.open(document.uri, document.version, document.getText());
    else analyses.change(document.uri, document.version, document.getText());
    schedule(document.uri, debounce);
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(timers.get(document.uri));
    timers.delete(document.uri);
    analyses.close(document.uri);
    published.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onHover(({ textDocument, position }) => {
    const analyzed = analyses.get(textDocument.uri);
    return analyzed ? doHover(analyzed, position, settings) : null;
  });

  connection.onCodeLens(({ textDocument }) => {
    if (!settings.codeLensEnabled) return [];
    const shown = analyses.views(textDocument.uri);
    return shown ? codeLenses(textDocument.uri, shown.views, shown.analyzed.lines) : [];
  });

  connection.onCodeAction(({ textDocument, range, context }) => {
    const analyzed = analyses.get(textDocument.uri);
    return analyzed ? codeActions(analyzed, range, context, settings, { documentChanges, disabledSupport }) : [];
  });

  connection.onRequest(SimulateRequest, (params) => runSimulateRequest(analyses, params));

  const closed = new Promise<void>((resolve) => {
    connection.onExit(() => resolve());
    connection.onShutdown(() => {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    });
  });
  documents.listen(connection);
  connection.listen();
  return closed;
}
