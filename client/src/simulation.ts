import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { openSimulationPanel } from './simulationPanel';
import { documentIndexAt } from './yaml-documents';

export interface SimulateArgs {
  /** The manifest's URI as the server knows it (LSP string form). */
  uri: string;
  /** Index of the YAML document in the file. */
  document: number;
}

/**
 * The `podLens.simulate` command, from a CodeLens (with arguments) or the
 * palette (the document under the cursor): opens the lifecycle simulation
 * webview for that workload.
 */
export function runSimulateCommand(context: vscode.ExtensionContext, client: LanguageClient | undefined, arg?: unknown): void {
  const target = toArgs(arg) ?? fromActiveEditor();
  if (!target) {
    void vscode.window.showInformationMessage('Pod Lens: open a Kubernetes manifest and put the cursor in a workload to simulate it.');
    return;
  }
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage('Pod Lens: the language server is not running; run "Pod Lens: Restart Language Server".');
    return;
  }
  openSimulationPanel(context, client, target.uri, target.document);
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
