import { type ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  type Diagnostic,
  InitializeRequest,
  InitializedNotification,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  ShutdownRequest,
  ExitNotification,
  ConfigurationRequest,
  type TextDocumentContentChangeEvent,
  type Position,
  type Range,
  type TextEdit,
  type ClientCapabilities,
  type CodeLens,
  CodeLensRequest,
  CodeLensResolveRequest,
  type ProgressToken,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type WorkDoneProgressBegin,
  type WorkDoneProgressReport,
  type WorkDoneProgressEnd,
} from 'vscode-languageserver-protocol/node';

/**
 * A minimal LSP client for the integration tests: it starts the real server
 * the way an editor does (`node bin/pod-lens.js lsp --stdio` from the repo
 * root), speaks JSON-RPC over its standard streams, keeps each open
 * document's text the way the editor would, and records published diagnostics.
 */

export const repoRoot = path.resolve(__dirname, '../../..');

export interface StartOptions {
  /** The `podLens` section answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** The server's command line after `node` (default: `bin/pod-lens.js lsp --stdio`). */
  command?: string[];
  /** The workspace folder (a `file:` URI) the client has open. */
  workspaceFolder?: string;
  /** Variables added to the server's environment. */
  env?: Record<string, string>;
}

interface Waiter {
  uri: string;
  predicate: (diagnostics: Diagnostic[]) => boolean;
  resolve: (diagnostics: Diagnostic[]) => void;
}

export class TestClient {
  readonly texts = new Map<string, string>();
  readonly versions = new Map<string, number>();
  /** Every publishDiagnostics notification, in order. */
  readonly publications: PublishDiagnosticsParams[] = [];
  private readonly waiters: Waiter[] = [];
  settings: Record<string, unknown>;
  stderr = '';
  /** What the server wrote to the client's log (window/logMessage). */
  readonly logs: string[] = [];
  /** Tokens the server asked to create (window/workDoneProgress/create), and every $/progress on them, in order. */
  readonly progressTokens: ProgressToken[] = [];
  readonly progress: { token: ProgressToken; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd; at: number }[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, options.command ?? ['bin/pod-lens.js', 'lsp', '--stdio'], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options.settings ?? {});
    child.stderr!.on('data', (chunk) => (client.stderr += String(chunk)));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.publications.push(params);
      for (const waiter of [...client.waiters]) {
        if (waiter.uri === params.uri && waiter.predicate(params.diagnostics)) {
          client.waiters.splice(client.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => client.settings));
    connection.onNotification('window/logMessage', (params: { message: string }) => void client.logs.push(params.message));
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      client.progressTokens.push(token);
      connection.onProgress(WorkDoneProgress.type, token, (value) => void client.progress.push({ token, value, at: Date.now() }));
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.workspaceFolder ?? null,
      workspaceFolders: options.workspaceFolder ? [{ uri: options.workspaceFolder, name: 'workspace' }] : null,
      capabilities: options.capabilities ?? {
        workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
        textDocument: {
          codeAction: { disabledSupport: true, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite'] } } },
        },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  latestDiagnostics(uri: string): Diagnostic[] | null {
    for (let i = this.publications.length - 1; i >= 0; i--) if (this.publications[i].uri === uri) return this.publications[i].diagnostics;
    return null;
  }

  /** The next publication for `uri` that satisfies the predicate (or the latest one already received, if it does). */
  diagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean = () => true, timeoutMs = 5000, includeLatest = true): Promise<Diagnostic[]> {
    const latest = this.latestDiagnostics(uri);
    if (includeLatest && latest && predicate(latest)) return Promise.resolve(latest);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        uri,
        predicate,
        resolve: (diagnostics) => {
          clearTimeout(timer);
          resolve(diagnostics);
        },
      };
      this.waiters.push(waiter);
      const timer = setTimeout(() => {
        const at = this.waiters.indexOf(waiter);
        if (at === -1) return;
        this.waiters.splice(at, 1);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; latest: ${JSON.stringify(this.latestDiagnostics(uri))}`));
      }, timeoutMs);
    });
  }

  /** The lenses as an editor shows them: requested, then each resolved (the server sends them without commands). */
  async lenses(uri: string): Promise<CodeLens[]> {
    const unresolved = (await this.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
    return Promise.all(unresolved.map((lens) => (lens.command ? lens : this.connection.sendRequest(CodeLensResolveRequest.type, lens))));
  }

  async open(uri: string, text: string): Promise<void> {
    this.texts.set(uri, text);
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  /** Sends incremental changes, each with its range in the text as it is before that change. */
  async change(uri: string, changes: { range: Range; text: string }[]): Promise<void> {
    let text = this.texts.get(uri)!;
    for (const change of changes) text = applyTextEdits(text, [{ range: change.range, newText: change.text }]);
    const version = this.versions.get(uri)! + 1;
    this.texts.set(uri, text);
    this.versions.set(uri, version);
    const contentChanges: TextDocumentContentChangeEvent[] = changes.map((c) => ({ range: c.range, text: c.text }));
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  /** Applies edits (as a code action gives them) locally and sends them as incremental changes, last first. */
  async applyEdits(uri: string, edits: TextEdit[]): Promise<void> {
    const ordered = [...edits].sort((a, b) => compare(b.range.start, a.range.start));
    await this.change(
      uri,
      ordered.map((edit) => ({ range: edit.range, text: edit.newText })),
    );
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.child.kill();
    }
    const timer = setTimeout(() => this.child.kill(), 3000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset + position.character;
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The position of the `nth` occurrence of `needle` in `text`, plus `shift` characters. */
export function find(text: string, needle: string, shift = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`${JSON.stringify(needle)} not found ${nth + 1} times`);
  }
  return positionAt(text, at + shift);
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => compare(b.range.start, a.range.start));
  let result = text;
  for (const edit of ordered) {
    result = result.slice(0, offsetAt(result, edit.range.start)) + edit.newText + result.slice(offsetAt(result, edit.range.end));
  }
  return result;
}
