import * as vscode from 'vscode';
import { type Cloud, machineTypes, type MachineType } from './machine-types';
import { assumedNode, isKubernetesYaml, type NodeSize, nodeView, parseNodeSize } from './node-size';

/**
 * The node in view: a status-bar item on Kubernetes YAML that shows the node
 * the numbers are computed for, and the quick pick behind it that changes
 * `podLens.node.*` (a typed size or a cloud machine type) at the level the
 * user picks.
 */

export const setNodeCommand = 'podLens.setNode';

const cloudTitles: Record<Cloud, string> = {
  AWS: 'Amazon Web Services (EC2)',
  'Google Cloud': 'Google Cloud (Compute Engine)',
  Azure: 'Microsoft Azure',
};

/** The user's own value of a `podLens` setting at the most specific level that has one, or undefined (defaults do not count). */
function userValue(scope: vscode.Uri | undefined, key: string): unknown {
  const inspected = vscode.workspace.getConfiguration('podLens', scope).inspect(key);
  return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
}

/** Which node numbers the user set for `scope`: what the server is told (see `withoutUnsetNode`). */
export function userSetNode(scope: vscode.Uri | undefined): { cpu: boolean; memory: boolean } {
  return { cpu: userValue(scope, 'node.cpu') !== undefined, memory: userValue(scope, 'node.memory') !== undefined };
}

function* documentLines(document: vscode.TextDocument): Generator<string> {
  for (let line = 0; line < document.lineCount; line++) yield document.lineAt(line).text;
}

export class NodeStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  /** Per document version: whether it is Kubernetes YAML (a big file is read once per version). */
  private readonly kubernetes = new WeakMap<vscode.TextDocument, { version: number; yes: boolean }>();
  private recheck: NodeJS.Timeout | null = null;

  constructor() {
    this.item = vscode.window.createStatusBarItem('podLens.node', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Pod Lens: Node';
    this.item.command = setNodeCommand;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('podLens.node')) this.update();
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document !== vscode.window.activeTextEditor?.document) return;
        // Typing changes the verdict rarely (a new file getting its first apiVersion): look again when it pauses.
        if (this.recheck) clearTimeout(this.recheck);
        this.recheck = setTimeout(() => this.update(), 400);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        // A language change (plaintext → yaml) reopens the document.
        if (document === vscode.window.activeTextEditor?.document) this.update();
      }),
    );
    this.update();
  }

  private isKubernetes(document: vscode.TextDocument): boolean {
    // Chart templates are `helm` with vscode-kubernetes-tools: their numbers depend on the node too.
    if (document.languageId !== 'yaml' && document.languageId !== 'helm') return false;
    const known = this.kubernetes.get(document);
    if (known && known.version === document.version) return known.yes;
    const yes = isKubernetesYaml(documentLines(document));
    this.kubernetes.set(document, { version: document.version, yes });
    return yes;
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !this.isKubernetes(document)) {
      this.item.hide();
      return;
    }
    const view = nodeView(userValue(document.uri, 'node.cpu'), userValue(document.uri, 'node.memory'));
    this.item.text = `$(server) ${view.text}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Pod Lens node: ${view.text}**\n\n`);
    tooltip.appendMarkdown(
      view.configured
        ? 'Requests, `oom_score_adj` and how many replicas fit are computed for this node (`podLens.node.cpu`, `podLens.node.memory`).'
        : `Requests, \`oom_score_adj\` and how many replicas fit are computed for an assumed ${assumedNode.cpu} CPU · ${assumedNode.memory} node until \`podLens.node.cpu\` and \`podLens.node.memory\` describe yours.`,
    );
    for (const problem of view.problems) tooltip.appendMarkdown(`\n\n$(warning) ${problem}; the default is assumed.`);
    tooltip.appendMarkdown('\n\nClick to type a size or pick a cloud machine type.');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = view.problems.length > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    if (this.recheck) clearTimeout(this.recheck);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

interface SizeItem extends vscode.QuickPickItem {
  size?: NodeSize;
  machine?: MachineType;
  reset?: boolean;
  invalid?: string;
}

const docsButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: 'Open the cloud documentation of this type' };

function machineItem(machine: MachineType): SizeItem {
  return {
    label: machine.name,
    description: `${machine.cpu} vCPU · ${machine.memory.replace(/i$/, 'iB')}`,
    detail: `${machine.basis === 'capacity' ? `Capacity, as ${machine.cloud} publishes it (allocatable is less)` : 'Allocatable'} · ${machine.docs.replace(/^https:\/\//, '').replace(/\/$/, '')}`,
    buttons: [docsButton],
    size: { cpu: machine.cpu, memory: machine.memory },
    machine,
  };
}

/** The quick pick: a typed size, a machine type, or back to the assumed node. Resolves with the choice, or undefined. */
async function pickSize(current: string, configured: boolean): Promise<{ size: NodeSize | null; label: string } | undefined> {
  const pick = vscode.window.createQuickPick<SizeItem>();
  pick.title = `Pod Lens node: ${current}`;
  pick.placeholder = 'Type a size (8 32Gi, 4 cpu 15.5Gi) or pick a machine type';
  pick.matchOnDescription = true;
  pick.matchOnDetail = false;
  const fixed: SizeItem[] = [];
  if (configured) fixed.push({ label: `$(discard) Back to the assumed node (${assumedNode.cpu} CPU · ${assumedNode.memory})`, reset: true });
  let cloud: Cloud | null = null;
  for (const machine of machineTypes) {
    if (machine.cloud !== cloud) {
      cloud = machine.cloud;
      fixed.push({ label: cloudTitles[cloud], kind: vscode.QuickPickItemKind.Separator });
    }
    fixed.push(machineItem(machine));
  }
  const refresh = () => {
    const typed = parseNodeSize(pick.value);
    const head: SizeItem[] = [];
    if (typed?.kind === 'size') {
      head.push({ label: `$(check) ${typed.size.cpu} CPU · ${typed.size.memory}`, description: 'the size typed', alwaysShow: true, size: typed.size });
    } else if (typed?.kind === 'invalid') {
      head.push({ label: `$(error) ${typed.message}`, alwaysShow: true, invalid: typed.message });
    }
    pick.items = [...head, ...fixed];
    if (head.length > 0) pick.activeItems = [pick.items[0]];
  };
  refresh();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: { size: NodeSize | null; label: string } | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidChangeValue(refresh);
    pick.onDidTriggerItemButton((event) => {
      if (event.item.machine) void vscode.env.openExternal(vscode.Uri.parse(event.item.machine.docs));
    });
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? pick.activeItems[0];
      if (!item) {
        const typed = parseNodeSize(pick.value);
        if (typed?.kind === 'invalid') void vscode.window.showErrorMessage(`Pod Lens: ${typed.message}`);
        return;
      }
      if (item.invalid) {
        // Stays open: the message is the first row, and the user corrects the text.
        void vscode.window.showErrorMessage(`Pod Lens: ${item.invalid}`);
        return;
      }
      if (item.reset) return finish({ size: null, label: `the assumed node (${assumedNode.cpu} CPU · ${assumedNode.memory})` });
      if (item.size)
        return finish({
          size: item.size,
          label: item.machine ? `${item.machine.name} (${item.size.cpu} CPU · ${item.size.memory})` : `${item.size.cpu} CPU · ${item.size.memory}`,
        });
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

interface LevelItem extends vscode.QuickPickItem {
  target: vscode.ConfigurationTarget;
}

async function pickLevel(): Promise<vscode.ConfigurationTarget | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return vscode.ConfigurationTarget.Global;
  const items: LevelItem[] = [
    {
      label: 'Workspace',
      description: folders.length === 1 ? '.vscode/settings.json' : 'the workspace file',
      detail: 'The manifests of this workspace run on these nodes.',
      target: vscode.ConfigurationTarget.Workspace,
    },
    { label: 'User', description: 'every folder', detail: 'Your clusters run on nodes like this.', target: vscode.ConfigurationTarget.Global },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Pod Lens: where to set podLens.node', placeHolder: 'Workspace or user settings' });
  return picked?.target;
}

/** `podLens.setNode`: the quick pick, then the two settings written at the chosen level. */
export async function setNode(): Promise<void> {
  const scope = vscode.window.activeTextEditor?.document.uri;
  const view = nodeView(userValue(scope, 'node.cpu'), userValue(scope, 'node.memory'));
  const choice = await pickSize(view.text, userSetNode(scope).cpu || userSetNode(scope).memory);
  if (!choice) return;
  const target = await pickLevel();
  if (target === undefined) return;
  const configuration = vscode.workspace.getConfiguration('podLens', scope);
  try {
    await configuration.update('node.cpu', choice.size?.cpu, target);
    await configuration.update('node.memory', choice.size?.memory, target);
  } catch (error) {
    void vscode.window.showErrorMessage(`Pod Lens: could not write podLens.node: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const level = target === vscode.ConfigurationTarget.Global ? 'user' : 'workspace';
  // A value at a more specific level keeps applying here: say so rather than leave the user wondering.
  if (target === vscode.ConfigurationTarget.Global) {
    const overriding = ['node.cpu', 'node.memory'].filter((key) => {
      const inspected = vscode.workspace.getConfiguration('podLens', scope).inspect(key);
      return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
    });
    if (overriding.length > 0) {
      void vscode.window.showWarningMessage(
        `Pod Lens: the workspace setting ${overriding.map((key) => `podLens.${key}`).join(' and ')} still applies in this folder.`,
      );
    }
  }
  void vscode.window.setStatusBarMessage(`Pod Lens: node set to ${choice.label} in the ${level} settings`, 4000);
}
