/**
 * The lifecycle simulation webview: one panel per (file, YAML document),
 * fed by the language server's `podLens/simulate`. The logic lives in
 * webview-session.ts (tested without VS Code); this file only connects it to
 * the WebviewPanel, the document events and the language client.
 */

import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { simulationHtml } from './webview-html';
import { SIMULATE_REQUEST, type PanelSimulateParams } from './webview-protocol';
import { SimulationSession, type SimulationTarget } from './webview-session';

const VIEW_TYPE = 'podLens.simulation';
/** Edits come in bursts while typing; one run after they pause is enough. */
const EDIT_DEBOUNCE_MS = 400;

const panels = new Map<string, vscode.WebviewPanel>();
let output: vscode.OutputChannel | undefined;

function log(text: string): void {
  output ??= vscode.window.createOutputChannel('Pod Lens Simulation');
  output.appendLine(text);
}

function webviewRoot(context: vscode.ExtensionContext): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview');
}

function fileLabel(uri: string): string {
  try {
    return vscode.Uri.parse(uri).path.split('/').pop() || uri;
  } catch {
    return uri;
  }
}

export function openSimulationPanel(context: vscode.ExtensionContext, client: LanguageClient, uri: string, target: SimulationTarget): void {
  const key = `${uri}#${target.document}${target.item === undefined ? '' : `/${target.item}`}`;
  const existing = panels.get(key);
  if (existing) {
    existing.reveal(undefined, false);
    return;
  }

  const root = webviewRoot(context);
  const fallbackTitle = `${fileLabel(uri)} (document ${target.document}${target.item === undefined ? '' : `, item ${target.item}`})`;
  const panel = vscode.window.createWebviewPanel(
    VIEW_TYPE,
    `Simulation: ${fallbackTitle}`,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
    {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [root],
    },
  );
  panels.set(key, panel);

  const disposables: vscode.Disposable[] = [];
  let inFlight: vscode.CancellationTokenSource | undefined;

  const session = new SimulationSession(
    {
      request: async (params: PanelSimulateParams) => {
        // Only the newest run matters: a slow one that a newer edit overtook is cancelled.
        inFlight?.cancel();
        inFlight?.dispose();
        const source = new vscode.CancellationTokenSource();
        inFlight = source;
        try {
          return await client.sendRequest(SIMULATE_REQUEST, params, source.token);
        } finally {
          if (inFlight === source) inFlight = undefined;
          source.dispose();
        }
      },
      post: (message) => {
        void panel.webview.postMessage(message);
      },
      setTitle: (title) => {
        panel.title = title;
      },
      log,
    },
    uri,
    target,
    fallbackTitle,
    EDIT_DEBOUNCE_MS,
  );

  const webview = panel.webview;
  webview.html = simulationHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'simulation.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'simulation.css')).toString(),
  });

  disposables.push(
    webview.onDidReceiveMessage((message: unknown) => session.onMessage(message)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0 && event.document.uri.toString() === uri) session.documentChanged();
    }),
  );

  panel.onDidDispose(
    () => {
      panels.delete(key);
      session.dispose();
      inFlight?.cancel();
      inFlight?.dispose();
      for (const disposable of disposables.splice(0)) disposable.dispose();
    },
    undefined,
    context.subscriptions,
  );
}
