/**
 * The simulation page's HTML: a static skeleton, the stylesheet and the
 * script, under a Content-Security-Policy that lets only the page's own
 * script (by nonce) run. Nothing from the YAML goes into this string: the
 * page fills itself in with DOM APIs once the host sends a result. Free of
 * `vscode` so that the browser test loads exactly this page.
 */

export interface PageResources {
  /** `webview.cspSource`: where the webview may load local resources from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');
}

/** A nonce must be unguessable, and must not be able to close the CSP's quotes. */
const NONCE_PATTERN = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;

/**
 * Only what `webview.cspSource` is made of: schemes, hosts, wildcards, and
 * the `'self'` keyword, which VS Code's own value starts with
 * (`'self' https://*.vscode-cdn.net`, desktop and web alike).
 */
const CSP_SOURCE_PATTERN = /^(?:[A-Za-z0-9+.\-:/*_]+|'self')(?: +(?:[A-Za-z0-9+.\-:/*_]+|'self'))*$/;

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function simulationHtml(resources: PageResources): string {
  if (!NONCE_PATTERN.test(resources.nonce)) throw new Error('simulationHtml: the nonce must be 16 or more base64 characters');
  if (!CSP_SOURCE_PATTERN.test(resources.cspSource)) throw new Error('simulationHtml: unexpected characters in the CSP source');
  const nonce = escapeAttribute(resources.nonce);
  const csp = escapeAttribute(contentSecurityPolicy(resources.cspSource, resources.nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(resources.styleUri)}">
<title>Lifecycle simulation</title>
</head>
<body>
<div id="app" class="app">
  <header class="top">
    <h1 id="title">Lifecycle simulation</h1>
    <p id="status" class="status" role="status" aria-live="polite">Waiting for the simulation…</p>
  </header>
  <section id="numbers" class="numbers" aria-label="Key numbers"></section>
  <div class="layout">
    <div class="main">
      <section class="timeline-section" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ul class="legend" aria-label="Legend">
          <li><span class="swatch kind-waiting"></span>waiting</li>
          <li><span class="swatch kind-backoff"></span>back-off</li>
          <li><span class="swatch kind-running"></span>running, not ready</li>
          <li><span class="swatch kind-ready"></span>ready / true</li>
          <li><span class="swatch kind-terminating"></span>terminating</li>
          <li><span class="swatch kind-completed"></span>completed</li>
          <li><span class="swatch kind-failed"></span>failed</li>
          <li><span class="swatch probe-swatch passed"></span>probe passed</li>
          <li><span class="swatch probe-swatch failed"></span>probe failed</li>
          <li><span class="swatch band-grace"></span>preStop / grace period</li>
        </ul>
        <div id="timeline" class="timeline"></div>
        <div class="scrubber-row">
          <button type="button" id="prev-event" class="secondary" aria-label="Previous event" title="Previous event ( [ )">&#9664;</button>
          <label for="scrubber" class="scrubber-label">Time</label>
          <input type="range" id="scrubber" min="0" max="900" step="0.01" value="0" disabled aria-describedby="scrubber-help">
          <button type="button" id="next-event" class="secondary" aria-label="Next event" title="Next event ( ] )">&#9654;</button>
          <output id="scrub-time" for="scrubber">t = 0 s</output>
        </div>
        <p id="scrubber-help" class="help">Arrow keys move 1 s (Shift: 10 s), Page Up/Down a twentieth, Home/End to the ends, [ and ] to the previous or next event. Click or drag on the timeline too.</p>
        <div id="readout" class="readout" aria-live="polite"></div>
      </section>
      <section id="scenario" class="scenario" aria-labelledby="scenario-heading">
        <h2 id="scenario-heading">Scenario</h2>
        <div id="presets" class="presets" role="group" aria-label="Presets"></div>
        <h3>What the containers do</h3>
        <p id="no-rules" class="help">No rules: every process runs for ever and passes its probes.</p>
        <ol id="rules" class="rules"></ol>
        <div class="actions">
          <button type="button" id="add-rule" class="secondary">Add rule</button>
          <button type="button" id="rerun" class="secondary">Run again</button>
        </div>
        <h3>The pod</h3>
        <div id="pod-options" class="pod-options"></div>
      </section>
    </div>
    <aside class="events-panel" aria-labelledby="events-heading">
      <h2 id="events-heading">Events</h2>
      <div class="events-tools">
        <label class="field check"><input type="checkbox" id="show-all-probes"><span>Show every passing probe</span></label>
        <span id="event-count" class="help"></span>
      </div>
      <ol id="events" class="events" aria-labelledby="events-heading"></ol>
    </aside>
  </div>
</div>
<script nonce="${nonce}" src="${escapeAttribute(resources.scriptUri)}"></script>
</body>
</html>
`;
}
