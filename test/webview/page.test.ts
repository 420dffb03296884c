/**
 * The simulation page in a real browser (headless Chromium): it draws a real
 * simulation of examples/web-deployment.yaml, its controls post the right
 * messages, the scrubber and the event list move together, and markup from
 * the YAML (an XSS corpus in names, images, env values, commands) is shown as
 * text and runs nothing.
 */

import { after, before, test, type TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { applyTheme, chromiumAvailable, NONCE, openPage, post, posted, SKIP_MESSAGE, launch, type LoadedPage } from './browser';
import { resultMessage, root, run, podSpecOfText, webDeployment } from './fixtures';
import { type HostMessage, parseWebviewMessage, emptyScenario } from '../../client/src/webview-protocol';
import { formatSeconds } from '../../client/webview/timeline';

// Code passed to page.evaluate runs in the page; the root tsconfig has no DOM library.
declare const window: any;
declare const document: any;

const available = chromiumAvailable();
let browser: Browser | undefined;

before(async () => {
  if (available) browser = await launch();
  else console.log(SKIP_MESSAGE);
});

after(async () => {
  await browser?.close();
});

/** Runs `body` on a fresh page, or skips plainly when there is no Chromium. */
function browserTest(name: string, body: (loaded: LoadedPage, t: TestContext) => Promise<void>): void {
  test(name, async (t) => {
    if (!browser) {
      t.skip(SKIP_MESSAGE);
      return;
    }
    const loaded = await openPage(browser, { theme: 'dark' });
    try {
      await body(loaded, t);
      assert.deepEqual(loaded.strayRequests, [], 'the page loads nothing but its own script and stylesheet');
      assert.deepEqual(loaded.consoleErrors, [], 'no errors in the page');
      assert.deepEqual(loaded.dialogs, [], 'no dialogs');
    } finally {
      await loaded.page.context().close();
    }
  });
}

const crashLoop = () => webDeployment((s) => s.exit.push({ container: 'app', afterSeconds: 15, exitCode: 1 }), 300);

async function show(page: Page, message: HostMessage): Promise<void> {
  await post(page, message);
  await page.waitForFunction((title: string) => document.getElementById('title')?.textContent === title, message.title);
}

async function scrubberValue(page: Page): Promise<number> {
  return Number(await page.locator('#scrubber').inputValue());
}

async function lastPosted(page: Page): Promise<unknown> {
  const list = await posted(page);
  return list[list.length - 1];
}

async function waitForPostCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n: number) => window.__posted.length >= n, count);
}

browserTest('the page says it is ready, with the CSP meta and nonce in place', async (loaded) => {
  const { page } = loaded;
  assert.deepEqual(await posted(page), [{ type: 'ready' }]);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.ok(
    csp?.startsWith(
      `default-src 'none'; script-src 'nonce-${NONCE}'; style-src https://webview.pod-lens.test 'nonce-${NONCE}'; img-src https://webview.pod-lens.test data:`,
    ),
    csp ?? 'no CSP',
  );
  assert.equal(await page.locator('script').count(), 1);
  assert.equal(await page.evaluate(() => document.querySelector('script').nonce), NONCE);
  assert.equal(await page.evaluate(() => document.querySelector('link[rel=stylesheet]').nonce), NONCE);
  // The CSP is in force: a script injected without the nonce does not run.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__xss = 1';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('src', 'x');
    img.setAttribute('onerror', 'window.__xss = 2');
    document.body.append(img);
  });
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__xss), 0);
  // The injected image asked for x (img-src allows the webview's own origin); the route refused it.
  assert.deepEqual(loaded.strayRequests, ['https://webview.pod-lens.test/x']);
  assert.ok(loaded.consoleErrors.some((e) => e.startsWith('Executing inline script violates the following Content Security Policy')));
  assert.ok(loaded.consoleErrors.some((e) => e.startsWith('Executing inline event handler violates the following Content Security Policy')));
  loaded.strayRequests.length = 0;
  loaded.consoleErrors.length = 0;
});

browserTest('lanes, key numbers and events of web-deployment.yaml in a crash loop', async ({ page }) => {
  const simulated = crashLoop();
  await show(page, resultMessage(simulated));
  const lanes = await page.locator('.lane-container').evaluateAll((elements: any[]) =>
    elements.map((e) => ({
      name: e.querySelector('.lane-name').textContent,
      role: e.querySelector('.role')?.textContent,
      image: e.querySelector('.image')?.textContent,
    })),
  );
  assert.deepEqual(lanes, [
    { name: 'log-shipper', role: 'sidecar', image: 'registry.example/fluent-bit:3.1' },
    { name: 'migrate', role: 'init', image: 'registry.example/web:2.4' },
    { name: 'app', role: 'app', image: 'registry.example/web:2.4' },
  ]);
  assert.deepEqual(await page.locator('.lane-pod .pod-row').evaluateAll((rows: any[]) => rows.map((r) => r.dataset.row)), [
    'Phase',
    'Initialized',
    'ContainersReady',
    'Ready',
    'Endpoints',
    'Deletion',
  ]);

  const summary = simulated.result.summary;
  assert.equal(await page.locator('[data-key=ready] dd').textContent(), formatSeconds(summary.readyAt!));
  const app = summary.containers.app;
  assert.ok(app.restarts >= 4, 'a crash loop restarts');
  assert.equal(
    await page.locator('[data-key=restarts] li', { hasText: 'app' }).textContent(),
    `app: ${app.restarts} (waits ${app.restartDelays.join(', ')} s)`,
  );
  assert.equal(await page.locator('[data-key=sigkill] dd').textContent(), 'none');
  assert.equal(await page.locator('[data-key=phase] dd').textContent(), `${summary.phase} at 300 s`);

  // One restart marker per restart, one back-off band per held-back restart, with its wait.
  const appLane = page.locator('.lane-container[data-container="app"]');
  assert.equal(await appLane.locator('.mark-restart').count(), app.restarts);
  const waits = simulated.result.events
    .filter((e) => e.type === 'restart-scheduled' && e.container === 'app' && e.delaySeconds > 0)
    .map((e) => (e as { delaySeconds: number }).delaySeconds);
  assert.deepEqual(
    await appLane.locator('.band-backoff').evaluateAll((bands: any[]) => bands.map((b) => b.title.split(': ')[1])),
    waits.map((w) => `back-off ${w} s`),
  );
  const exitCount = simulated.result.events.filter((e) => e.type === 'container-terminated' && e.container === 'app').length;
  assert.equal(await appLane.locator('.mark-exit').count(), exitCount);
  assert.ok((await appLane.locator('.seg.kind-backoff').count()) > 0, 'a restart held back is a back-off segment');
  assert.ok((await appLane.locator('.mark-probe.probe-startup').count()) > 0);
  assert.equal(
    await page.locator('.lane-container[data-container="migrate"] .seg.kind-completed').getAttribute('title'),
    '0 s–300 s: terminated (Completed, exit code 0)',
  );

  // The event list: the first and the exits, with their times.
  const first = page.locator('#events button.event').first();
  assert.equal(await first.locator('.event-time').textContent(), '0 s');
  assert.equal(await first.locator('.event-text').textContent(), 'pod phase Pending');
  const exits = page.locator('#events button.type-container-terminated').filter({ has: page.locator('.event-container', { hasText: /^app$/ }) });
  const exitTimes = simulated.result.events.filter((e) => e.type === 'container-terminated' && e.container === 'app').map((e) => formatSeconds(e.t));
  assert.deepEqual(await exits.locator('.event-time').allTextContents(), exitTimes);
  assert.equal(await exits.first().locator('.event-text').textContent(), 'terminated Error, exit code 1');
});

browserTest('clicking an event moves the scrubber there; the scrubber moves the event highlight', async ({ page }) => {
  const simulated = crashLoop();
  await show(page, resultMessage(simulated));
  const firstExit = simulated.result.events.find((e) => e.type === 'container-terminated' && e.container === 'app')!;
  await page
    .locator('#events button.type-container-terminated')
    .filter({ has: page.locator('.event-container', { hasText: /^app$/ }) })
    .first()
    .click();
  assert.equal(await scrubberValue(page), firstExit.t);
  assert.equal(await page.locator('#scrub-time').textContent(), `t = ${formatSeconds(firstExit.t)}`);
  assert.equal(Number(await page.locator('#events button[aria-current="true"]').getAttribute('data-t')), firstExit.t);
  // At the instant of the first exit the restart (delay 0) has already happened: the readout says what holds just after.
  assert.match((await page.locator('#readout').textContent()) ?? '', new RegExp(`^At ${firstExit.t} s.*app: running, not started`));
  const cursorLeft = await page.locator('#cursor').evaluate((c: any) => c.style.left);
  assert.ok(Math.abs(Number.parseFloat(cursorLeft) - (firstExit.t / 300) * 100) < 1e-3, cursorLeft);

  // Keyboard on the scrubber: arrows by a second, ] to the next event, End to the horizon.
  await page.locator('#scrubber').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await scrubberValue(page), firstExit.t + 1);
  await page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await scrubberValue(page), firstExit.t - 9);
  const listedTimes = (await page.locator('#events button.event').evaluateAll((b: any[]) => b.map((x) => Number(x.dataset.t)))) as number[];
  const nextAfter = (t: number) => listedTimes.find((x) => x > t)!;
  await page.keyboard.press(']');
  assert.equal(await scrubberValue(page), nextAfter(firstExit.t - 9));
  await page.keyboard.press('[');
  assert.equal(await scrubberValue(page), [...listedTimes].reverse().find((x) => x < nextAfter(firstExit.t - 9)) ?? firstExit.t - 9);
  await page
    .locator('#events button.type-container-terminated')
    .filter({ has: page.locator('.event-container', { hasText: /^app$/ }) })
    .first()
    .click();
  await page.locator('#scrubber').focus();
  await page.keyboard.press(']');
  const next = nextAfter(firstExit.t);
  assert.equal(await scrubberValue(page), next);
  const current = page.locator('#events button[aria-current="true"]');
  assert.equal(Number(await current.getAttribute('data-t')), next);
  await page.keyboard.press('End');
  assert.equal(await scrubberValue(page), 300);
  await page.keyboard.press('Home');
  assert.equal(await scrubberValue(page), 0);

  // Arrow keys inside the event list move through it and the scrubber follows.
  await page.locator('#events button.event').nth(2).click();
  await page.keyboard.press('ArrowDown');
  const focused = await page.evaluate(() => Number(document.activeElement.dataset.t));
  assert.equal(await scrubberValue(page), focused);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-current')), 'true');

  // A click on the timeline scrubs to that time.
  const track = page.locator('.lane-container[data-container="app"] .track');
  const box = (await track.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  assert.ok(Math.abs((await scrubberValue(page)) - 150) <= 0.5);
});

browserTest('presets and rules post the scenario the simulator reads', async ({ page }) => {
  const simulated = webDeployment();
  await show(page, resultMessage(simulated));
  const known = new Set(['log-shipper', 'migrate', 'app']);

  await page.getByRole('button', { name: 'Crash loop' }).click();
  await waitForPostCount(page, 2);
  const crash = await lastPosted(page);
  // The presets name no init container: each finishes as soon as it starts, as in the default scenario.
  const expected = emptyScenario();
  expected.exit.push({ container: 'app', afterSeconds: 5, exitCode: 1 });
  assert.deepEqual(crash, { type: 'run', scenario: expected, until: 900 });
  assert.ok(parseWebviewMessage(crash, known).ok, 'the host accepts it');
  assert.equal(await page.locator('#status').textContent(), 'Simulating…');

  await page.getByRole('button', { name: 'Forced termination' }).click();
  await waitForPostCount(page, 3);
  const forced = (await lastPosted(page)) as { scenario: { delete: number[]; shutdown: unknown[] }; until: number };
  assert.deepEqual(forced.scenario.delete, [60]);
  assert.deepEqual(forced.scenario.shutdown, [{ container: 'app', seconds: 'never' }]);
  assert.equal(forced.until, 180);

  // Keyboard only: Tab to "Add rule", Enter, then set the new rule's kind and number.
  await page.locator('#rerun').focus();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'add-rule');
  await page.keyboard.press('Enter');
  await waitForPostCount(page, 4);
  const added = (await lastPosted(page)) as { scenario: { exit: unknown[] } };
  assert.deepEqual(added.scenario.exit.at(-1), { container: null, afterSeconds: 10, exitCode: 1 });
  const rules = await page.locator('#rules li.rule').count();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), `Rule ${rules}: what happens`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), `Rule ${rules}: after (s)`);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('42');
  await page.keyboard.press('Tab');
  await waitForPostCount(page, 5);
  const edited = (await lastPosted(page)) as { scenario: { exit: unknown[] } };
  assert.deepEqual(edited.scenario.exit.at(-1), { container: null, afterSeconds: 42, exitCode: 1 });

  // An out-of-range number is marked and not sent.
  const before = (await posted(page)).length;
  await page.locator('#until').fill('-5');
  await page.locator('#until').press('Tab');
  await page.waitForTimeout(400);
  assert.equal((await posted(page)).length, before);
  assert.equal(await page.locator('#until').getAttribute('aria-invalid'), 'true');
  assert.match((await page.locator('#status').textContent()) ?? '', /Simulate until \(s\): enter a number from 1 to 86400/);

  // Removing a rule and the pod options.
  await page.getByRole('button', { name: `Remove rule ${rules}` }).click();
  await page.locator('#delete-enabled').uncheck();
  await page.locator('#pull').fill('7');
  await page.locator('#pull').press('Enter');
  await page.waitForTimeout(400);
  const last = (await lastPosted(page)) as { scenario: { delete: number[]; pull: number | null; exit: unknown[] } };
  assert.deepEqual(last.scenario.delete, []);
  assert.equal(last.scenario.pull, 7);
  assert.equal(await page.locator('#rules li.rule').count(), rules - 1);
  assert.deepEqual(last.scenario.exit, []);
  for (const message of await posted(page)) assert.ok(parseWebviewMessage(message, known).ok, JSON.stringify(message));
});

browserTest('every scenario option has a control', async ({ page }) => {
  await show(page, resultMessage(webDeployment((s) => s.exit.push({ container: 'app', afterSeconds: 5, exitCode: 1 }))));
  const kinds = await page
    .locator('#rules li.rule')
    .first()
    .locator('select')
    .first()
    .locator('option')
    .evaluateAll((o: any[]) => o.map((x) => x.value));
  assert.deepEqual(kinds.sort(), ['exit', 'exitOnce', 'healthyAfter', 'livenessFails', 'oom', 'prestop', 'readinessFails', 'shutdown'].sort());
  for (const id of ['#delete-enabled', '#delete-at', '#pull', '#until']) assert.equal(await page.locator(id).count(), 1, id);
  // The options of Scenario the rules cover, plus delete and pull: all of them.
  assert.deepEqual(Object.keys(emptyScenario()).sort(), [...kinds, 'delete', 'pull'].sort());
});

browserTest('termination: SIGTERM and SIGKILL markers, the grace-period countdown, time to SIGKILL', async ({ page }) => {
  const simulated = webDeployment((s) => {
    s.delete.push(60);
    s.shutdown.push({ container: 'app', seconds: 'never' });
  }, 180);
  await show(page, resultMessage(simulated));
  const kill = simulated.result.events.find((e) => e.type === 'signal' && e.signal === 'SIGKILL')!;
  assert.equal(await page.locator('[data-key=sigkill] dd').textContent(), `${formatSeconds(kill.t)} (${formatSeconds(kill.t - 60)} after deletion)`);
  const app = page.locator('.lane-container[data-container="app"]');
  assert.equal(await app.locator('.mark-sigterm span').textContent(), 'TERM');
  assert.equal(await app.locator('.mark-sigkill span').textContent(), 'KILL');
  assert.equal(await app.locator('.band-prestop').count(), 1);
  assert.equal(await page.locator('.band.band-grace').getAttribute('title'), '60 s–105 s: deleted: grace period 45 s');
  await page.locator('#scrubber').focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 7; i++) await page.keyboard.press('Shift+ArrowRight');
  assert.match((await page.locator('#readout').textContent()) ?? '', /grace period: 35 s left/);
  const elapsed = await page.locator('.band-grace .band-elapsed').evaluate((e: any) => e.style.width);
  assert.equal(Number.parseFloat(elapsed).toFixed(2), ((10 / 45) * 100).toFixed(2));
});

const payloads = [
  '<img src=x onerror=window.__xss=1;alert(1)>',
  '<script>window.__xss=2;alert(2)</script>',
  '"><svg onload=window.__xss=3;alert(3)>',
  'javascript:window.__xss=4;alert(4)',
  "'><iframe src=javascript:alert(5)>",
  '<a href="javascript:alert(6)">x</a>',
  '{{constructor.constructor("alert(7)")()}}',
  '<style>*{display:none}</style>',
];

function hostileManifest(): string {
  const quote = (s: string) => JSON.stringify(s);
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${quote(payloads[2])}
  annotations:
    note: ${quote(payloads[1])}
spec:
  template:
    spec:
      initContainers:
        - name: ${quote(payloads[1])}
          image: ${quote(payloads[0])}
          restartPolicy: Always
      containers:
        - name: ${quote(payloads[0])}
          image: ${quote(payloads[3])}
          command: [${quote(payloads[4])}]
          env:
            - name: HOSTILE
              value: ${quote(payloads[5])}
          readinessProbe:
            exec:
              command: [${quote(payloads[2])}]
        - name: ${quote(payloads[2])}
          image: ${quote(payloads[4])}
        - name: ${quote(payloads[6])}
          image: ${quote(payloads[7])}
        - name: __proto__
          image: ${quote(payloads[5])}
`;
}

browserTest('an XSS corpus in names, images, commands and env values is shown as text and runs nothing', async ({ page }) => {
  const spec = podSpecOfText(hostileManifest());
  const scenario = emptyScenario();
  scenario.exit.push({ container: payloads[0], afterSeconds: 5, exitCode: 1 });
  const simulated = run(spec, scenario, 120, { kind: 'Deployment', name: payloads[2], document: 0 });
  const message = resultMessage(simulated, `Simulation: Deployment ${payloads[2]}`);
  await show(page, message);
  const names = await page.locator('.lane-container .lane-name').allTextContents();
  assert.deepEqual(names, [payloads[1], payloads[0], payloads[2], payloads[6], '__proto__']);
  assert.deepEqual(await page.locator('.lane-container .image').allTextContents(), [payloads[0], payloads[3], payloads[4], payloads[7], payloads[5]]);
  assert.equal(await page.locator('#title').textContent(), `Simulation: Deployment ${payloads[2]}`);
  assert.ok((await page.locator('#events .event-container').allTextContents()).includes(payloads[0]));
  assert.ok((await page.locator('[data-key=restarts] li').allTextContents()).some((text) => text.startsWith(payloads[0])));
  // The container select of a rule lists them as text too.
  assert.ok((await page.locator('#rules select').nth(1).locator('option').allTextContents()).includes(`${payloads[0]} (app)`));

  // Nothing became an element: the only img/script/svg/iframe/a/style are none at all in the app.
  const injected = await page.evaluate(() => document.querySelectorAll('#app img, #app script, #app svg, #app iframe, #app a, #app style').length);
  assert.equal(injected, 0);
  await page.locator('#events button.event').nth(3).click();
  await page.locator('#scrubber').focus();
  await page.keyboard.press('End');
  await page.getByRole('button', { name: 'Crash loop' }).click();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), 0, 'no payload ran');
  const runMessage = await lastPosted(page);
  assert.ok(
    parseWebviewMessage(runMessage, new Set(simulated.model.containers.map((c) => c.name).concat(simulated.model.initContainers.map((c) => c.name)))).ok,
  );
});

browserTest('messages the page does not understand are ignored, and say so', async ({ page }) => {
  const good = resultMessage(crashLoop());
  await show(page, good);
  const lanesBefore = await page.locator('.lane-container').count();
  const bad: unknown[] = [
    { type: 'html', html: '<img src=x onerror=window.__xss=9>' },
    { ...good, title: { toString: 1 } },
    { ...good, result: { ...(good as any).result, events: [{ t: 0, type: 'phase', phase: 'Running', html: '<b>' }] } },
    'result',
    null,
  ];
  for (const message of bad) {
    await post(page, message);
    await page.waitForTimeout(50);
    assert.match((await page.locator('#status').textContent()) ?? '', /^Ignored a message the page does not understand/);
  }
  assert.equal(await page.locator('.lane-container').count(), lanesBefore);
  assert.equal(await page.evaluate(() => window.__xss), 0);
  // An error from the host is shown, and the last timeline stays, marked stale.
  await post(page, { type: 'error', title: 'Simulation: Deployment web', message: 'the pod spec has no containers', scenario: emptyScenario(), until: 900 });
  await page.waitForFunction(() => document.getElementById('status').textContent === 'the pod spec has no containers');
  assert.equal(await page.locator('#app.stale').count(), 1);
  assert.equal(await page.locator('.lane-container').count(), lanesBefore);
});

browserTest('screenshots in the dark and light themes', async ({ page }, t) => {
  // A restart, a readiness blip, then a deletion the app ignores until SIGKILL: most of what a lane can show.
  const simulated = webDeployment((s) => {
    s.exitOnce.push({ container: 'app', afterSeconds: 20, exitCode: 1 });
    s.readinessFails.push({ container: 'app', from: 50, to: 70 });
    s.delete.push(100);
    s.shutdown.push({ container: 'app', seconds: 'never' });
  }, 180);
  await show(page, resultMessage(simulated));
  await page.locator('#scrubber').focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('Shift+ArrowRight');
  const dir = path.join(root, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, 'webview-simulation.png'), fullPage: true });
  await applyTheme(page, 'light');
  await page.screenshot({ path: path.join(dir, 'webview-simulation-light.png'), fullPage: true });
  await applyTheme(page, 'highContrast');
  await page.screenshot({ path: path.join(dir, 'webview-simulation-hc.png'), fullPage: true });
  t.diagnostic(`screenshots in ${path.relative(process.cwd(), dir) || dir}`);
});

browserTest("the host's answer to the page's own run leaves the form and the focus alone", async ({ page }) => {
  await show(page, resultMessage(webDeployment()));
  await page.getByRole('button', { name: 'Crash loop' }).click();
  await waitForPostCount(page, 2);
  const sent = (await lastPosted(page)) as { scenario: any; until: number };
  // The user is in a rule's field when the answer comes back.
  const field = page.getByLabel('Rule 1: after (s)');
  await field.focus();
  const answer = webDeployment((s) => Object.assign(s, sent.scenario), sent.until);
  await post(page, { ...resultMessage(answer), title: 'Simulation: Deployment web (crash loop)' });
  await page.waitForFunction(() => document.getElementById('title').textContent.endsWith('(crash loop)'));
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Rule 1: after (s)');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('8');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await page.waitForTimeout(400);
  const edited = (await lastPosted(page)) as { scenario: { exit: unknown[] } };
  assert.deepEqual(edited.scenario.exit, [{ container: 'app', afterSeconds: 8, exitCode: 3 }]);
});
