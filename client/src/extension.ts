import * as fs from 'fs';
import * as vscode from 'vscode';
import {
  CloseAction,
  CodeLensRequest,
  ErrorAction,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { ChartValuesStatus, pickValuesFilesCommand } from './chart-values';
import { NodeStatus, setNode, setNodeCommand, userSetNode } from './node-status';
import { withoutUnsetNode } from './node-size';
import { normalizeReasons, reasonsAsText } from './reasons';
import { RestartPolicy } from './restart-policy';
import { runSimulateCommand } from './simulation';
import { registerWalkthroughCommands } from './walkthrough';

/**
 * Schemes whose YAML the server may see. For plain files the server works on
 * the text the editor sends, so virtual file systems (Remote Repositories'
 * `vscode-vfs`) work like `file`; charts and overlays are read from disk,
 * with the editor's unsaved text on top. Diff and SCM views (`git`) are left
 * out: their old versions would add stale entries to Problems. Chart
 * templates arrive as `yaml`, or as `helm` with vscode-kubernetes-tools, and
 * `_helpers.tpl` as whatever the editor calls it: all count.
 */
const schemes = ['file', 'untitled', 'vscode-vfs'];
const documentSelector = [
  ...schemes.map((scheme) => ({ scheme, language: 'yaml' })),
  ...schemes.map((scheme) => ({ scheme, language: 'helm' })),
  // `kubectl get -o json` output and JSON streams (`jq -c '.items[]'`) are read as kubectl reads them;
  // other JSON (package.json, tsconfig.json) holds no Kubernetes object and stays silent.
  ...schemes.map((scheme) => ({ scheme, language: 'json' })),
  ...schemes.map((scheme) => ({ scheme, language: 'jsonl' })),
  { scheme: 'file', pattern: '**/templates/**/*.tpl' },
];

let client: LanguageClient | undefined;

/**
 * The server ships inside the extension. Nothing here depends on the
 * workspace or on a setting: in an untrusted folder the extension must not
 * run anything the folder could choose. The unbundled build is a fallback
 * for working on the extension from a clone.
 */
function serverModule(context: vscode.ExtensionContext): string {
  const bundled = context.asAbsolutePath('dist/server.js');
  if (fs.existsSync(bundled)) return bundled;
  return context.asAbsolutePath('out/server/src/lsp/main.js');
}

/**
 * The `podLens` section as the server reads it. VS Code fills in the
 * defaults of package.json; the node numbers the user did not set are left
 * out, so that the server knows its node is only assumed.
 */
function podLensSettings(scope?: vscode.Uri): unknown {
  return withoutUnsetNode(JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('podLens', scope))), userSetNode(scope));
}

function codeLensEnabled(document: vscode.TextDocument): boolean {
  return vscode.workspace.getConfiguration('podLens', document).get<boolean>('codeLens.enabled', true);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Pod Lens', { log: true });
  context.subscriptions.push(output);

  const module = serverModule(context);
  const serverOptions: ServerOptions = {
    // stdio, not IPC: the server writes the cached JSON of diagnostics and lenses straight into each
    // message on stdio, while IPC would serialize thousands of objects again on every publish.
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  const policy = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // Push (didChangeConfiguration with the section) for servers that do not pull.
    // A chart or an overlay is read from disk: a changed values file, patch or template re-renders it.
    synchronize: { configurationSection: 'podLens', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,tpl,json,txt,tgz}') },
    initializationOptions: { settings: podLensSettings() },
    errorHandler: {
      // A broken message is not worth a restart; a dead process is handled by closed().
      error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => {
        const decision = policy.onClosed();
        output.warn(decision.log);
        if (decision.notify) {
          if (decision.restart) void vscode.window.showWarningMessage(decision.notify);
          else void vscode.window.showErrorMessage(decision.notify, 'Restart').then((choice) => choice && restart());
        }
        return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
    middleware: {
      // Enforced here as well as in the server, so that the setting takes effect at once.
      provideCodeLenses: (document, token, next) => (codeLensEnabled(document) ? next(document, token) : []),
      workspace: {
        configuration: async (params, token, next) => {
          const answer = await next(params, token);
          if (!Array.isArray(answer)) return answer;
          return params.items.map((item, i) =>
            item.section === 'podLens' ? podLensSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : answer[i],
          );
        },
      },
    },
  };

  client = new LanguageClient('podLens', 'Pod Lens', serverOptions, clientOptions);

  const restart = async (): Promise<void> => {
    if (!client) return;
    policy.reset();
    try {
      await client.restart();
      void vscode.window.setStatusBarMessage('Pod Lens: language server restarted', 3000);
    } catch (error) {
      output.error(`Restart failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      void vscode.window.showErrorMessage('Pod Lens: the language server could not be restarted. See the "Pod Lens" output.');
    }
  };

  const chartValues = new ChartValuesStatus();
  context.subscriptions.push(
    chartValues,
    vscode.commands.registerCommand(pickValuesFilesCommand, (dir?: unknown) => chartValues.pick(dir)),
    vscode.commands.registerCommand('podLens.showReasons', (...args: unknown[]) => showReasons(args)),
    vscode.commands.registerCommand('podLens.simulate', (arg?: unknown) => runSimulateCommand(context, client, arg)),
    vscode.commands.registerCommand('podLens.restartServer', restart),
    vscode.commands.registerCommand(setNodeCommand, setNode),
    new NodeStatus(),
    ...registerWalkthroughCommands(),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('podLens.codeLens.enabled')) refreshCodeLenses();
    }),
  );

  try {
    await client.start();
  } catch (error) {
    // Activation must not fail: the commands (restart above all) stay usable.
    output.error(`The language server did not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void vscode.window.showErrorMessage('Pod Lens: the language server did not start. See the "Pod Lens" output.');
  }
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) await running.stop().catch(() => undefined);
}

function refreshCodeLenses(): void {
  if (!client) return;
  const feature = client.getFeature(CodeLensRequest.method);
  for (const editor of vscode.window.visibleTextEditors) {
    feature.getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
  }
}

async function showReasons(args: unknown[]): Promise<void> {
  const reasons = normalizeReasons(args);
  if (reasons.sections.length === 0) {
    void vscode.window.showInformationMessage(reasonsAsText(reasons));
    return;
  }
  const items: vscode.QuickPickItem[] = [];
  for (const section of reasons.sections) {
    if (section.label) items.push({ label: section.label, kind: vscode.QuickPickItemKind.Separator });
    for (const reason of section.reasons) items.push({ label: reason });
  }
  // A quick pick rather than a notification: reasons are long and several, and it closes with Escape.
  await vscode.window.showQuickPick(items, { title: reasons.title, placeHolder: 'Why Kubernetes treats this workload this way', matchOnDescription: true });
}
