import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { openSimulationPanel } from './simulationPanel';
import { SIMULATE_REQUEST, type SimulateParams } from './webview-protocol';

export interface SimulateArgs {
  /** The manifest's URI as the server knows it (LSP string form). */
  uri: string;
  /** Index of the YAML document in the file. */
  document: number;
  /** The item of the document's List, for a List item's lens. */
  item?: number;
}

/**
 * The `podLens.simulate` command, from a CodeLens (with arguments) or the
 * palette (the document under the cursor): opens the lifecycle simulation
 * webview for that workload.
 */
export function runSimulateCommand(context: vscode.ExtensionContext, client: LanguageClient | undefined, arg?: unknown): void {
  const target = toArgs(arg);
  const editor = target ? undefined : activeYamlEditor();
  if (!target && !editor) {
    void vscode.window.showInformationMessage('Pod Lens: open a Kubernetes manifest and put the cursor in a workload to simulate it.');
    return;
  }
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage('Pod Lens: the language server is not running; run "Pod Lens: Restart Language Server".');
    return;
  }
  if (target) {
    openSimulationPanel(context, client, target.uri, { document: target.document, ...(target.item === undefined ? {} : { item: target.item }) });
    return;
  }
  void openAtCursor(context, client, editor!);
}

function toArgs(arg: unknown): SimulateArgs | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const { uri, document, item } = arg as Record<string, unknown>;
  const uriText = typeof uri === 'string' ? uri : uri instanceof vscode.Uri ? uri.toString() : undefined;
  if (uriText === undefined) return undefined;
  return { uri: uriText, document: typeof document === 'number' ? document : 0, ...(typeof item === 'number' ? { item } : {}) };
}

function activeYamlEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && ['yaml', 'helm', 'json', 'jsonl'].includes(editor.document.languageId) ? editor : undefined;
}

/**
 * From the palette: the server decides which YAML document holds the cursor
 * (its split of the file is the only one), with a one-second simulation that
 * names the document; the panel then follows that document.
 */
async function openAtCursor(context: vscode.ExtensionContext, client: LanguageClient, editor: vscode.TextEditor): Promise<void> {
  const uri = editor.document.uri.toString();
  const { line, character } = editor.selection.active;
  const params: SimulateParams = { uri, position: { line, character }, until: 1 };
  try {
    const answer = (await client.sendRequest(SIMULATE_REQUEST, params)) as { object?: { document?: unknown; item?: unknown } };
    const document = answer?.object?.document;
    const item = answer?.object?.item;
    if (typeof document !== 'number') throw new Error('the server named no document');
    openSimulationPanel(context, client, uri, { document, ...(typeof item === 'number' ? { item } : {}) });
  } catch (error) {
    void vscode.window.showInformationMessage(`Pod Lens: nothing to simulate at the cursor: ${error instanceof Error ? error.message : String(error)}`);
  }
}
