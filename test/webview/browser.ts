/**
 * Loads the simulation page in headless Chromium (Debian's, through
 * playwright-core) the way a VS Code webview would: the HTML of
 * webview-html.ts with its CSP, the bundled script and stylesheet served from
 * one origin standing in for `webview.cspSource`, and `acquireVsCodeApi`
 * mocked to record what the page posts. No request leaves the process.
 */

import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser, Page } from 'playwright-core';
import { simulationHtml } from '../../client/src/webview-html';
import { root } from './fixtures';

// Code passed to page.evaluate runs in the page; the root tsconfig has no DOM library, so these stay local and loose.
declare const window: any;
declare const document: any;

export const CHROMIUM = process.env.POD_LENS_CHROMIUM ?? '/usr/bin/chromium';
export const SKIP_MESSAGE = 'skipped: Chromium not found (apt-get install chromium)';
export const ORIGIN = 'https://webview.pod-lens.test';
export const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';

/** The flags headless Chromium needs on a machine with no network beyond the package registries. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

let bundled: Promise<string> | undefined;

/** The page's script and stylesheet, bundled by the same script the build uses, into a private folder. */
export function bundle(): Promise<string> {
  bundled ??= (async () => {
    const script = pathToFileURL(path.join(root, 'scripts', 'bundle-webview.mjs')).href;
    const { bundleWebview } = (await import(script)) as { bundleWebview: (outdir: string) => Promise<string> };
    return bundleWebview(mkdtempSync(path.join(tmpdir(), 'pod-lens-webview-')));
  })();
  return bundled;
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

export interface LoadedPage {
  page: Page;
  /** Requests the page tried to make outside its own files. */
  strayRequests: string[];
  dialogs: string[];
  consoleErrors: string[];
}

/** VS Code's Dark Modern and Light Modern values of the variables the page uses. */
export const themes = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
      '--vscode-editor-foreground': '#cccccc',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-panel-border': '#2b2b2b',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-purple': '#b180d7',
      '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
      '--vscode-button-background': '#0078d4',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#026ec1',
      '--vscode-button-secondaryBackground': '#313131',
      '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-button-secondaryHoverBackground': '#3c3c3c',
      '--vscode-input-background': '#313131',
      '--vscode-input-foreground': '#cccccc',
      '--vscode-input-border': '#3c3c3c',
      '--vscode-dropdown-background': '#313131',
      '--vscode-dropdown-foreground': '#cccccc',
      '--vscode-dropdown-border': '#3c3c3c',
      '--vscode-list-activeSelectionBackground': '#04395e',
      '--vscode-list-activeSelectionForeground': '#ffffff',
      '--vscode-list-hoverBackground': '#2a2d2e',
      '--vscode-textBlockQuote-background': '#2b2b2b',
      '--vscode-errorForeground': '#f85149',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
      '--vscode-editor-foreground': '#3b3b3b',
      '--vscode-editor-background': '#ffffff',
      '--vscode-descriptionForeground': '#3b3b3b',
      '--vscode-panel-border': '#e5e5e5',
      '--vscode-focusBorder': '#005fb8',
      '--vscode-charts-blue': '#1a85ff',
      '--vscode-charts-green': '#388a34',
      '--vscode-charts-yellow': '#bf8803',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-red': '#e51400',
      '--vscode-charts-purple': '#652d90',
      '--vscode-charts-lines': 'rgba(59, 59, 59, 0.5)',
      '--vscode-button-background': '#005fb8',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-hoverBackground': '#0258a8',
      '--vscode-button-secondaryBackground': '#e5e5e5',
      '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-button-secondaryHoverBackground': '#cccccc',
      '--vscode-input-background': '#ffffff',
      '--vscode-input-foreground': '#3b3b3b',
      '--vscode-input-border': '#cecece',
      '--vscode-dropdown-background': '#ffffff',
      '--vscode-dropdown-foreground': '#3b3b3b',
      '--vscode-dropdown-border': '#cecece',
      '--vscode-list-activeSelectionBackground': '#e8e8e8',
      '--vscode-list-activeSelectionForeground': '#000000',
      '--vscode-list-hoverBackground': '#f2f2f2',
      '--vscode-textBlockQuote-background': '#f8f8f8',
      '--vscode-errorForeground': '#f85149',
    },
  },
  highContrast: {
    bodyClass: 'vscode-high-contrast',
    vars: {
      '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
      '--vscode-editor-foreground': '#ffffff',
      '--vscode-editor-background': '#000000',
      '--vscode-descriptionForeground': 'rgba(255, 255, 255, 0.7)',
      '--vscode-panel-border': '#6fc3df',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-contrastActiveBorder': '#f38518',
      '--vscode-focusBorder': '#f38518',
      '--vscode-charts-blue': '#3794ff',
      '--vscode-charts-green': '#89d185',
      '--vscode-charts-yellow': '#cca700',
      '--vscode-charts-orange': '#d18616',
      '--vscode-charts-red': '#f14c4c',
      '--vscode-charts-purple': '#b180d7',
      '--vscode-charts-lines': 'rgba(255, 255, 255, 0.5)',
      '--vscode-button-background': '#000000',
      '--vscode-button-foreground': '#ffffff',
      '--vscode-button-border': '#6fc3df',
      '--vscode-button-secondaryBackground': '#000000',
      '--vscode-button-secondaryForeground': '#ffffff',
      '--vscode-input-background': '#000000',
      '--vscode-input-foreground': '#ffffff',
      '--vscode-input-border': '#6fc3df',
      '--vscode-dropdown-background': '#000000',
      '--vscode-dropdown-foreground': '#ffffff',
      '--vscode-dropdown-border': '#6fc3df',
      '--vscode-list-activeSelectionBackground': '#000000',
      '--vscode-list-activeSelectionForeground': '#ffffff',
      '--vscode-textBlockQuote-background': '#000000',
      '--vscode-errorForeground': '#f48771',
    },
  },
} as const;

export type ThemeName = keyof typeof themes;

/** Sets the theme the way the VS Code webview host does: variables on <html>, a class on <body>. */
export async function applyTheme(page: Page, name: ThemeName): Promise<void> {
  const theme = themes[name];
  await page.evaluate(
    ({ vars, bodyClass }) => {
      // A theme switch replaces every variable, as VS Code does: none of the previous theme's may linger.
      document.documentElement.removeAttribute('style');
      for (const [key, value] of Object.entries(vars)) document.documentElement.style.setProperty(key, value);
      document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast');
      document.body.classList.add(bodyClass);
    },
    { vars: theme.vars as Record<string, string>, bodyClass: theme.bodyClass },
  );
}

export async function openPage(browser: Browser, options: { theme?: ThemeName; width?: number; height?: number } = {}): Promise<LoadedPage> {
  const outdir = await bundle();
  const context = await browser.newContext({ viewport: { width: options.width ?? 1400, height: options.height ?? 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const strayRequests: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  const html = simulationHtml({ cspSource: ORIGIN, nonce: NONCE, scriptUri: `${ORIGIN}/simulation.js`, styleUri: `${ORIGIN}/simulation.css` });
  const files: Record<string, { body: string | Buffer; type: string }> = {
    '/index.html': { body: html, type: 'text/html' },
    '/simulation.js': { body: readFileSync(path.join(outdir, 'simulation.js')), type: 'text/javascript' },
    '/simulation.css': { body: readFileSync(path.join(outdir, 'simulation.css')), type: 'text/css' },
  };
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
    if (!file) {
      strayRequests.push(route.request().url());
      return route.abort();
    }
    return route.fulfill({ status: 200, contentType: file.type, body: file.body });
  });
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__posted = [];
    w.__xss = 0;
    w.__state = undefined;
    w.acquireVsCodeApi = () => ({
      postMessage: (message: unknown) => (w.__posted as unknown[]).push(JSON.parse(JSON.stringify(message))),
      getState: () => w.__state,
      setState: (state: unknown) => {
        w.__state = state;
      },
    });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForFunction(() => ((window as unknown as { __posted: unknown[] }).__posted ?? []).length > 0);
  if (options.theme) await applyTheme(page, options.theme);
  return { page, strayRequests, dialogs, consoleErrors };
}

/** Sends a message to the page as the host would. */
export async function post(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

export async function posted(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (window as unknown as { __posted: unknown[] }).__posted);
}
