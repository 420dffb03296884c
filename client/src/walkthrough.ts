import * as vscode from 'vscode';
import { setNode } from './node-status';
import { exampleManifest } from './walkthrough-example';

/**
 * The commands behind the walkthrough's buttons (`contributes.walkthroughs`
 * in package.json). Each one shows the same example manifest, an untitled
 * document the user may edit (the quick fix edits it), and points at one
 * feature: the hover on a CPU request, the quick fix of a memory unit slip,
 * the simulation of the workload. The lens and the node steps use the
 * product's own commands.
 */

let example: vscode.TextDocument | undefined;

/** The example where it is shown, else beside the active editor (the walkthrough stays in view with its pictures). */
async function showExample(): Promise<vscode.TextEditor> {
  if (!example || example.isClosed) example = await vscode.workspace.openTextDocument({ language: 'yaml', content: exampleManifest });
  const shown = vscode.window.visibleTextEditors.find((editor) => editor.document === example);
  return vscode.window.showTextDocument(example, { preview: false, viewColumn: shown?.viewColumn ?? vscode.ViewColumn.Beside });
}

/** The example with the cursor `shift` characters into the first `needle` (or where it was, if the user edited it away). */
async function showAt(needle: string, shift: number): Promise<vscode.TextEditor> {
  const editor = await showExample();
  const at = editor.document.getText().indexOf(needle);
  if (at >= 0) {
    const position = editor.document.positionAt(at + shift);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}

/**
 * The walkthrough page re-renders its steps when a step's command completes
 * it, and a widget opened at that moment (a hover, the quick-fix menu)
 * closes with the focus change: open it a moment later, in the focused editor.
 */
async function focusAfterWalkthrough(editor?: vscode.TextEditor): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (editor) await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false, selection: editor.selection });
}

/** Resolves once the document has a diagnostic with `code` (the server analyzes on the next turn), or after `timeoutMs`. */
function diagnosticArrives(uri: vscode.Uri, code: string, timeoutMs = 5000): Promise<void> {
  const present = () => vscode.languages.getDiagnostics(uri).some((d) => (typeof d.code === 'object' ? d.code.value : d.code) === code);
  if (present()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString()) && present()) done();
    });
  });
}

export function registerWalkthroughCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('podLens.walkthrough.openExample', () => showExample()),
    vscode.commands.registerCommand('podLens.walkthrough.hover', async () => {
      await focusAfterWalkthrough(await showAt('cpu: 500m', 'cpu: '.length + 1));
      await vscode.commands.executeCommand('editor.action.showHover');
    }),
    vscode.commands.registerCommand('podLens.walkthrough.quickFix', async () => {
      const editor = await showAt('memory: 128m', 'memory: '.length + 1);
      await diagnosticArrives(editor.document.uri, 'memory-millibytes');
      await focusAfterWalkthrough(editor);
      await vscode.commands.executeCommand('editor.action.quickFix');
    }),
    vscode.commands.registerCommand('podLens.walkthrough.lens', async () => {
      const editor = await showAt('kind: Deployment', 0);
      // The lens's own command and arguments, as a click on it would run them.
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10)) ?? [];
      const reasons = lenses.find((lens) => lens.command?.command === 'podLens.showReasons')?.command;
      await focusAfterWalkthrough(editor);
      if (reasons) await vscode.commands.executeCommand(reasons.command, ...(reasons.arguments ?? []));
    }),
    vscode.commands.registerCommand('podLens.walkthrough.simulate', async () => {
      await showAt('kind: Deployment', 'kind: '.length);
      await vscode.commands.executeCommand('podLens.simulate');
    }),
    vscode.commands.registerCommand('podLens.walkthrough.setNode', async () => {
      await focusAfterWalkthrough();
      await setNode();
    }),
  ];
}
