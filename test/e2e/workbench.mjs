// What a person does in the VS Code workbench, through the page: keys, the
// mouse, and what is on screen. No VS Code API is used: the harness sees only
// what a user sees.

const EDITOR = '.part.editor .editor-group-container.active .monaco-editor';

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  editor() {
    return this.page.locator(EDITOR).first();
  }

  async waitReady(timeout = 60_000) {
    await this.page.locator('.monaco-workbench').waitFor({ timeout });
    // The explorer lists the folder once the workbench has connected to the server.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout });
  }

  async pressEscape(times = 1) {
    for (let i = 0; i < times; i++) await this.page.keyboard.press('Escape');
  }

  /** Opens a file by its name through Quick Open; `query` tells apart files of the same name (`web-chart/templates/deployment.yaml`). */
  async openFile(name, timeout = 20_000, query = name) {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    const row = this.page
      .locator('.quick-input-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }) })
      .first();
    const tab = this.page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`);
    // A key pressed while focus moves (a panel closing, a widget hiding) can be lost: try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.pressEscape(2);
        await this.page.keyboard.press('Control+P');
        await input.waitFor({ timeout: 5_000 });
        await input.fill(query);
        // Results arrive in waves (recently opened, then the file search) and the list re-renders
        // under the mouse: a click aimed at one row can land on another. Click once the list is still.
        await this.quickOpenSettled(row, timeout);
        await row.click({ timeout });
        await tab.waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw new Error(`could not open ${name} with Quick Open: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
      }
    }
    await this.editor().locator('.view-lines').waitFor({ timeout });
  }

  async quickOpenSettled(row, timeout) {
    await row.waitFor({ timeout });
    const rows = this.page.locator('.quick-input-widget .monaco-list-row');
    let before = '';
    for (let polls = 0; polls < 20; polls++) {
      const now = JSON.stringify(await rows.allTextContents());
      if (now === before) return;
      before = now;
      await this.page.waitForTimeout(200);
    }
  }

  /** Keyboard focus into the active editor, where it was, without moving the cursor. */
  async focusEditor() {
    await this.editor().locator('.native-edit-context, textarea.inputarea').first().focus();
  }

  /** Go to Line (Ctrl+G): the cursor to `line`:`column` (1-based), the line revealed. */
  async goto(line, column = 1) {
    await this.pressEscape();
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /**
   * The on-screen box of `text` on line `line` (1-based), from the rendered
   * line, so that the mouse goes exactly where a person would point.
   */
  async textBox(line, text, { reveal = true } = {}) {
    if (reveal) {
      await this.goto(line, 1);
      await this.pressEscape();
    }
    const box = await this.editor().evaluate(
      (editor, { line, text }) => {
        const numbers = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')];
        const number = numbers.find((n) => n.textContent.trim() === String(line));
        if (!number) return { error: `line ${line} is not rendered` };
        const top = number.parentElement.style.top;
        const view = [...editor.querySelectorAll('.view-lines .view-line')].find((l) => l.style.top === top);
        if (!view) return { error: `no view line at the top of line ${line}` };
        const content = view.textContent.replace(/\u00a0/g, ' ');
        const start = content.indexOf(text);
        if (start < 0) return { error: `line ${line} is ${JSON.stringify(content)}, without ${JSON.stringify(text)}` };
        const walker = document.createTreeWalker(view, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let seen = 0;
        let placedStart = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent.length;
          if (!placedStart && start < seen + length) {
            range.setStart(node, start - seen);
            placedStart = true;
          }
          if (placedStart && start + text.length <= seen + length) {
            range.setEnd(node, start + text.length - seen);
            break;
          }
          seen += length;
        }
        const rect = range.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height, content };
      },
      { line, text },
    );
    if (box.error) throw new Error(box.error);
    return box;
  }

  /** Rests the mouse on `text` (line `line`) and returns the hover that opens. */
  async hover(line, text, { timeout = 10_000, contains } = {}) {
    const box = await this.textBox(line, text);
    // Away first: a hover already open for a neighbouring token would stay.
    await this.page.mouse.move(5, 5);
    await this.page
      .locator('.monaco-hover:not(.hidden)')
      .waitFor({ state: 'hidden', timeout: 2_000 })
      .catch(() => undefined);
    const started = Date.now();
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    const hover = this.page.locator('.monaco-hover:not(.hidden)', contains ? { hasText: contains } : {}).first();
    await hover.waitFor({ timeout });
    return { hover, box, elapsedMs: Date.now() - started };
  }

  /** The CodeLens titles shown in the active editor, top to bottom. */
  async lensTexts() {
    return this.editor()
      .locator('.codelens-decoration a')
      .evaluateAll((anchors) => anchors.map((a) => a.textContent.replace(/\u00a0/g, ' ').trim()).filter(Boolean));
  }

  /** Scrolls to the top (lenses out of view are not rendered) and waits for the lens `text`. */
  async showLens(text, timeout = 30_000) {
    await this.goto(1, 1);
    const lens = this.lens(text);
    await lens.waitFor({ timeout });
    return lens;
  }

  lens(text) {
    return this.editor().locator('.codelens-decoration a', { hasText: text }).first();
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its rows' texts. */
  async problems() {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor();
    }
    return panel.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.textContent.replace(/\u00a0/g, ' ')));
  }

  /** Ctrl+. with the cursor on `text` of line `line`: the titles of the code actions offered. */
  async quickFixes(line, text) {
    const box = await this.textBox(line, text);
    const column = box.content.indexOf(text) + 2;
    await this.goto(line, column);
    await this.page.keyboard.press('Control+.');
    const widget = this.page.locator('.action-widget:not(.action-list-submenu-panel)');
    // A Ctrl+. pressed while the editor was still taking the focus or the document's analysis can open nothing: once more.
    const shown = await widget.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (!shown) {
      await this.goto(line, column);
      await this.page.keyboard.press('Control+.');
    }
    await widget.waitFor({ timeout: 10_000 });
    await widget.locator('.monaco-list-row.action').first().waitFor({ timeout: 10_000 });
    return widget.locator('.monaco-list-row.action .title').evaluateAll((titles) => titles.map((t) => (t.textContent || '').trim()));
  }

  async actionWidgetBox() {
    return this.page.locator('.context-view:has(.action-widget)').first().boundingBox();
  }

  /** Picks `title` in the open code action menu. */
  async applyAction(title) {
    const row = this.page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first();
    await row.click();
    await this.page
      .locator('.action-widget:not(.action-list-submenu-panel)')
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => undefined);
  }

  async closePanel() {
    const panel = this.page.locator('.markers-panel');
    if (await panel.isVisible()) await this.page.keyboard.press('Control+Shift+M');
    // Ctrl+Shift+M toggles only when the panel has focus; Ctrl+J closes it otherwise.
    if (await panel.isVisible()) await this.page.keyboard.press('Control+J');
  }

  /** The text of the active editor's line `line` as rendered. */
  async lineText(line) {
    const box = await this.textBox(line, '');
    return box.content;
  }

  /** Runs a command by its title in the palette (F1), as a user does. */
  async runCommand(title) {
    await this.pressEscape(2);
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** The status-bar entry whose text contains `text`. */
  statusItem(text) {
    return this.page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
  }

  quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  /** The rows of the open quick pick, as shown (label and description). */
  async quickPickRows() {
    return this.quickInput()
      .locator('.monaco-list-row')
      .evaluateAll((rows) => rows.map((r) => (r.textContent || '').replace(/\u00a0/g, ' ').trim()));
  }

  /** Types into the open quick input, replacing what was there. */
  async typeInQuickInput(text) {
    const input = this.quickInput().locator('.quick-input-box input');
    await input.waitFor();
    await input.fill(text);
  }

  async save() {
    await this.page.keyboard.press('Control+S');
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
    // The tab is clean before the write has reached the disk: callers wait for the file itself.
  }
}

export function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
