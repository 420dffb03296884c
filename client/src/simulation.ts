import * as vscode from 'vscode';
import { LanguageClient, ResponseError, ErrorCodes } from 'vscode-languageclient/node';
import { documentIndexAt } from './yaml-documents';

/** The custom request the server answers with a workload's lifecycle simulation. */
export const simulateRequest = 'podLens/simulate';

export interface SimulateArgs {
  /** The manifest's URI as the server knows it (LSP string form). */
  uri: string;
  /** Index of the YAML document in the file. */
  document: number;
}

const scheme = 'pod-lens-simulation';

/**
 * Shows simulation results as read-only JSON documents until the webview
 * (its own issue) replaces this. A content provider rather than an untitled
 * document, so that closing it never asks to save.
 */
export class SimulationView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor(private readonly getClient: () => LanguageClient | undefined) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }

  /** The `podLens.simulate` command: from a CodeLens (with arguments) or the palette (the cursor's document). */
  async run(arg?: unknown): Promise<void> {
    const target = toArgs(arg) ?? fromActiveEditor();
    if (!target) {
      void vscode.window.showInformationMessage('Pod Lens: open a Kubernetes manifest and put the cursor in a workload to simulate it.');
      return;
    }
    const client = this.getClient();
    if (!client || !client.isRunning()) {
      void vscode.window.showWarningMessage('Pod Lens: the language server is not running; run "Pod Lens: Restart Language Server".');
      return;
    }
    let result: unknown;
    try {
      result = await client.sendRequest(simulateRequest, target);
    } catch (error) {
      if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) {
        void vscode.window.showInformationMessage('Pod Lens: the lifecycle simulation is coming with the simulator.');
        return;
      }
      void vscode.window.showErrorMessage(`Pod Lens: the simulation failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (result === null || result === undefined) {
      void vscode.window.showInformationMessage('Pod Lens: there is no workload to simulate in this document.');
      return;
    }
    await this.show(target, result);
  }

  private async show(target: SimulateArgs, result: unknown): Promise<void> {
    const source = vscode.Uri.parse(target.uri);
    const base = source.path.split('/').pop() || 'manifest';
    // The `.json` suffix gives the document JSON highlighting without a language switch.
    const uri = vscode.Uri.from({ scheme, path: `/${base} #${target.document + 1} simulation.json`, query: source.toString() });
    this.contents.set(uri.toString(), `${JSON.stringify(result, null, 2)}\n`);
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

function toArgs(arg: unknown): SimulateArgs | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, document } = arg as Record<string, unknown>;
  const uriText = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : undefined;
  if (uriText === undefined) return undefined;
  return { uri: uriText, document: typeof document === 'number' ? document : 0 };
}

function fromActiveEditor(): SimulateArgs | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml') return undefined;
  const text = editor.document.getText();
  const offset = editor.document.offsetAt(editor.selection.active);
  return { uri: editor.document.uri.toString(), document: documentIndexAt(text, offset) };
}
