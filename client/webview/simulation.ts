/**
 * The simulation webview page. It draws what the host sends (after checking
 * it), and posts the scenario the user builds with the controls. Everything
 * from the YAML reaches the DOM as text (see dom.ts).
 */

import { clear, el, byId, pct, setAttr } from './dom';
import {
  axisTicks,
  type Band,
  buildTimeline,
  type ContainerLane,
  describeEvent,
  formatSeconds,
  keyNumbers,
  listedEvents,
  type Marker,
  presets,
  readoutAt,
  type Segment,
  type Timeline,
} from './timeline';
import {
  type ContainerRole,
  type HostMessage,
  MAX_UNTIL,
  parseHostMessage,
  type PodModel,
  type Scenario,
  type SimulationResult,
  type WebviewMessage,
} from '../src/webview-protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

// ---- state ------------------------------------------------------------------

type RuleKind = 'exit' | 'exitOnce' | 'healthyAfter' | 'livenessFails' | 'readinessFails' | 'oom' | 'shutdown' | 'prestop';

interface UiRule {
  kind: RuleKind;
  /** An index into `lanes`; -1 for "the first app container" (the simulator's default). */
  container: number;
  a: number;
  b: number;
  never: boolean;
}

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  step: number;
}

const ruleKinds: { kind: RuleKind; label: string; a: FieldSpec; b?: FieldSpec; never?: boolean }[] = [
  {
    kind: 'exit',
    label: 'exits after every start',
    a: { label: 'after (s)', min: 0, max: MAX_UNTIL, step: 1 },
    b: { label: 'exit code', min: 0, max: 255, step: 1 },
  },
  {
    kind: 'exitOnce',
    label: 'exits once (first run)',
    a: { label: 'after (s)', min: 0, max: MAX_UNTIL, step: 1 },
    b: { label: 'exit code', min: 0, max: 255, step: 1 },
  },
  { kind: 'healthyAfter', label: 'probes pass only after', a: { label: 'seconds after start', min: 0, max: MAX_UNTIL, step: 1 } },
  { kind: 'livenessFails', label: 'liveness fails from', a: { label: 'at pod time (s)', min: 0, max: MAX_UNTIL, step: 1 } },
  {
    kind: 'readinessFails',
    label: 'readiness fails between',
    a: { label: 'from (s)', min: 0, max: MAX_UNTIL, step: 1 },
    b: { label: 'to (s)', min: 0, max: MAX_UNTIL, step: 1 },
  },
  { kind: 'oom', label: 'OOM after every start', a: { label: 'after (s)', min: 0, max: MAX_UNTIL, step: 1 } },
  { kind: 'shutdown', label: 'shuts down after SIGTERM in', a: { label: 'seconds', min: 0, max: MAX_UNTIL, step: 1 }, never: true },
  { kind: 'prestop', label: 'preStop hook runs', a: { label: 'seconds', min: 0, max: MAX_UNTIL, step: 1 } },
];

interface Lane {
  name: string;
  role: ContainerRole | null;
}

interface State {
  message: Extract<HostMessage, { type: 'result' }> | null;
  timeline: Timeline | null;
  lanes: Lane[];
  t: number;
  showAllProbes: boolean;
  listed: number[];
  rules: UiRule[];
  deleteAt: number | null;
  pull: number | null;
  until: number;
  activeEvent: number | null;
}

const saved = readSavedState();
const state: State = {
  message: null,
  timeline: null,
  lanes: [],
  t: saved.t,
  showAllProbes: saved.showAllProbes,
  listed: [],
  rules: [],
  deleteAt: null,
  pull: null,
  until: 900,
  activeEvent: null,
};

function readSavedState(): { t: number; showAllProbes: boolean } {
  const value = vscode.getState() as { t?: unknown; showAllProbes?: unknown } | null | undefined;
  const t = typeof value?.t === 'number' && Number.isFinite(value.t) && value.t >= 0 ? value.t : 0;
  return { t, showAllProbes: value?.showAllProbes === true };
}

function saveState(): void {
  vscode.setState({ t: state.t, showAllProbes: state.showAllProbes });
}

// ---- scenario <-> rules -------------------------------------------------------

function laneIndex(name: string | null): number {
  if (name === null) return -1;
  return state.lanes.findIndex((lane) => lane.name === name);
}

function rulesOf(scenario: Scenario): UiRule[] {
  const rules: UiRule[] = [];
  const push = (kind: RuleKind, container: string | null, a: number, b = 0, never = false): void => {
    const index = laneIndex(container);
    if (container !== null && index < 0) return;
    rules.push({ kind, container: index, a, b, never });
  };
  for (const r of scenario.exit) push('exit', r.container, r.afterSeconds, r.exitCode);
  for (const r of scenario.exitOnce) push('exitOnce', r.container, r.afterSeconds, r.exitCode);
  for (const r of scenario.healthyAfter) push('healthyAfter', r.container, r.seconds);
  for (const r of scenario.livenessFails) push('livenessFails', r.container, r.at);
  for (const r of scenario.readinessFails) push('readinessFails', r.container, r.from, r.to);
  for (const r of scenario.oom) push('oom', r.container, r.afterSeconds);
  for (const r of scenario.shutdown) push('shutdown', r.container, r.seconds === 'never' ? 30 : r.seconds, 0, r.seconds === 'never');
  for (const r of scenario.prestop) push('prestop', r.container, r.seconds);
  return rules;
}

function scenarioOf(): Scenario {
  const scenario: Scenario = {
    exit: [],
    exitOnce: [],
    healthyAfter: [],
    livenessFails: [],
    readinessFails: [],
    oom: [],
    delete: [],
    shutdown: [],
    prestop: [],
    pull: null,
  };
  for (const rule of state.rules) {
    const container = rule.container >= 0 && rule.container < state.lanes.length ? state.lanes[rule.container].name : null;
    switch (rule.kind) {
      case 'exit':
      case 'exitOnce':
        scenario[rule.kind].push({ container, afterSeconds: rule.a, exitCode: rule.b });
        break;
      case 'healthyAfter':
        scenario.healthyAfter.push({ container, seconds: rule.a });
        break;
      case 'livenessFails':
        scenario.livenessFails.push({ container, at: rule.a });
        break;
      case 'readinessFails':
        scenario.readinessFails.push({ container, from: rule.a, to: Math.max(rule.a, rule.b) });
        break;
      case 'oom':
        scenario.oom.push({ container, afterSeconds: rule.a });
        break;
      case 'shutdown':
        scenario.shutdown.push({ container, seconds: rule.never ? 'never' : rule.a });
        break;
      case 'prestop':
        scenario.prestop.push({ container, seconds: rule.a });
        break;
    }
  }
  if (state.deleteAt !== null) scenario.delete.push(state.deleteAt);
  scenario.pull = state.pull;
  return scenario;
}

let runTimer: ReturnType<typeof setTimeout> | undefined;

/** Posts the scenario of the controls; several quick changes make one run. */
function requestRun(immediately = false): void {
  if (runTimer !== undefined) clearTimeout(runTimer);
  const send = (): void => {
    runTimer = undefined;
    setStatus('Simulating…', false);
    vscode.postMessage({ type: 'run', scenario: scenarioOf(), until: state.until });
  };
  if (immediately) send();
  else runTimer = setTimeout(send, 250);
}

// ---- status -------------------------------------------------------------------

function setStatus(text: string, isError: boolean): void {
  const status = byId('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

// ---- key numbers ----------------------------------------------------------------

function renderNumbers(result: SimulationResult, model: PodModel | null): void {
  const numbers = keyNumbers(result, model);
  const box = byId('numbers');
  clear(box);
  const item = (label: string, value: Node | string, id: string): HTMLElement =>
    el('div', { class: 'number', attrs: { 'data-key': id } }, [el('dt', { text: label }), el('dd', {}, [value])]);
  const restarts = el('ul', { class: 'restarts' });
  for (const entry of numbers.restarts) {
    const delays = entry.delays.length > 0 ? ` (waits ${entry.delays.join(', ')} s)` : '';
    restarts.append(el('li', {}, [el('span', { class: 'name', text: entry.name }), `: ${entry.restarts}${delays}`]));
  }
  box.append(
    el('dl', { class: 'numbers-list' }, [
      item('Time to Ready', numbers.readyAt, 'ready'),
      item('Restarts', restarts, 'restarts'),
      item('Time to SIGKILL', numbers.sigkill, 'sigkill'),
      item('Final phase', numbers.phase, 'phase'),
    ]),
  );
}

// ---- presets ----------------------------------------------------------------------

function renderPresets(): void {
  const box = byId('presets');
  clear(box);
  const message = state.message;
  if (!message) return;
  for (const preset of presets(message.model, state.lanes)) {
    const button = el('button', { class: 'preset', text: preset.label, attrs: { type: 'button', title: preset.description, 'data-preset': preset.id } });
    button.addEventListener('click', () => {
      state.rules = rulesOf(preset.scenario);
      state.deleteAt = preset.scenario.delete.length > 0 ? Math.min(...preset.scenario.delete) : null;
      state.pull = preset.scenario.pull;
      state.until = preset.until;
      renderScenario();
      requestRun(true);
    });
    box.append(button);
  }
}

// ---- the timeline -----------------------------------------------------------------

function place(element: HTMLElement, from: number, to: number, until: number): void {
  element.style.left = pct(from, until);
  element.style.width = pct(Math.max(to - from, 0), until);
}

function segmentElement(segment: Segment, until: number): HTMLElement {
  const element = el(
    'div',
    { class: `seg kind-${segment.kind}`, attrs: { title: `${formatSeconds(segment.from)}–${formatSeconds(segment.to)}: ${segment.label}` } },
    [el('span', { class: 'seg-label', text: segment.label })],
  );
  place(element, segment.from, segment.to, until);
  return element;
}

function bandElement(band: Band, until: number): HTMLElement {
  // The span rides along so that the countdown can be redrawn at each scrubber move.
  const attrs = { title: `${formatSeconds(band.from)}–${formatSeconds(band.to)}: ${band.label}`, 'data-from': band.from, 'data-to': band.to };
  const element = el('div', { class: `band band-${band.kind}`, attrs }, [
    el('span', { class: 'band-elapsed' }),
    el('span', { class: 'band-label', text: band.label }),
  ]);
  place(element, band.from, band.to, until);
  return element;
}

function markerElement(marker: Marker, until: number): HTMLElement {
  let cls = `mark mark-${marker.kind}`;
  let text = '';
  if (marker.kind === 'probe') cls += ` probe-${marker.probe} ${marker.passed ? 'passed' : 'failed'}`;
  if (marker.kind === 'sigterm') text = 'TERM';
  if (marker.kind === 'sigkill') text = 'KILL';
  if (marker.kind === 'restart') text = '↻';
  const element = el(
    'div',
    { class: cls, attrs: { title: `${formatSeconds(marker.t)}: ${marker.label}`, 'data-event': marker.event } },
    text ? [el('span', { text })] : [],
  );
  element.style.left = pct(marker.t, until);
  return element;
}

function laneLabel(name: string, role: string | null, image: string | null): HTMLElement {
  return el('div', { class: 'lane-label' }, [
    el('span', { class: 'lane-name', text: name, attrs: { title: image ? `${name} (${image})` : name } }),
    role ? el('span', { class: `role role-${role}`, text: role }) : null,
    image ? el('span', { class: 'image', text: image }) : null,
  ]);
}

function containerLane(lane: ContainerLane, until: number): HTMLElement {
  const track = el('div', { class: 'track', attrs: { 'aria-hidden': 'true' } });
  const strip = el('div', { class: 'states' });
  for (const segment of lane.segments) strip.append(segmentElement(segment, until));
  const bands = el('div', { class: 'bands' });
  for (const band of lane.bands) bands.append(bandElement(band, until));
  const probes = el('div', { class: 'probes' });
  const signals = el('div', { class: 'signals' });
  for (const marker of lane.markers) (marker.kind === 'probe' ? probes : signals).append(markerElement(marker, until));
  track.append(probes, strip, signals, bands);
  return el('div', { class: `lane lane-container role-${lane.role ?? 'unknown'}`, attrs: { role: 'listitem', 'data-container': lane.name } }, [
    laneLabel(lane.name, lane.role, lane.image),
    track,
  ]);
}

function podLane(timeline: Timeline): HTMLElement {
  const until = timeline.until;
  const row = (label: string, track: HTMLElement, first: boolean): HTMLElement =>
    el('div', { class: 'pod-row', attrs: { 'data-row': label } }, [
      el('div', { class: 'lane-label row-label' }, [first ? el('span', { class: 'lane-name', text: 'Pod' }) : null, el('span', { text: label })]),
      track,
    ]);
  const group = el('div', { class: 'lane-pod', attrs: { role: 'listitem', 'aria-label': 'Pod' } });
  timeline.pod.rows.forEach((podRow, index) => {
    const track = el('div', { class: 'track thin', attrs: { 'aria-hidden': 'true' } });
    for (const segment of podRow.segments) track.append(segmentElement(segment, until));
    group.append(row(podRow.label, track, index === 0));
  });
  const grace = el('div', { class: 'track thin grace', attrs: { 'aria-hidden': 'true' } });
  for (const band of timeline.pod.bands) grace.append(bandElement(band, until));
  for (const marker of timeline.pod.markers) if (marker.kind === 'deleted') grace.append(markerElement(marker, until));
  group.append(row('Deletion', grace, false));
  return group;
}

function renderTimeline(): void {
  const box = byId('timeline');
  clear(box);
  const timeline = state.timeline;
  if (!timeline) return;
  const until = timeline.until;
  const axis = el('div', { class: 'track axis', attrs: { 'aria-hidden': 'true' } });
  for (const tick of axisTicks(until)) {
    const mark = el('div', { class: 'tick' }, [el('span', { text: formatSeconds(tick) })]);
    mark.style.left = pct(tick, until);
    axis.append(mark);
  }
  const lanes = el('div', { class: 'lanes', attrs: { role: 'list', 'aria-label': 'Lanes: one per container, then the pod' } });
  for (const lane of timeline.containers) lanes.append(containerLane(lane, until));
  lanes.append(podLane(timeline));
  const cursorLayer = el('div', { class: 'cursor-layer', attrs: { 'aria-hidden': 'true' } }, [el('div', { class: 'cursor', attrs: { id: 'cursor' } })]);
  box.append(el('div', { class: 'lane axis-row' }, [el('div', { class: 'lane-label' }), axis]), lanes, cursorLayer);
  fitLabels();
}

/** A label cut down to a letter or two says nothing: it shows only where the segment has room (the title has it anyway). */
function fitLabels(): void {
  for (const label of document.querySelectorAll<HTMLElement>('.seg-label, .band-label')) {
    const box = label.parentElement;
    if (!box) continue;
    label.hidden = false;
    // Segments may cut their label short (the state is still legible); bands' labels are numbers, shown whole or not at all.
    label.hidden = label.classList.contains('band-label') ? box.clientWidth < label.scrollWidth + 2 : box.clientWidth < Math.min(label.scrollWidth, 60);
  }
}

/** Pointer on a track moves the scrubber (the keyboard uses the range input). */
function timeFromPointer(event: PointerEvent): number | null {
  const timeline = state.timeline;
  if (!timeline) return null;
  const track = (event.target as Element | null)?.closest?.('.track');
  if (!track) return null;
  const box = track.getBoundingClientRect();
  if (box.width <= 0) return null;
  const fraction = Math.max(0, Math.min(1, (event.clientX - box.left) / box.width));
  return Math.round(fraction * timeline.until * 10) / 10;
}

// ---- the scrubber and the readout -----------------------------------------------------

function setTime(t: number, fromEvent: number | null = null): void {
  const until = state.timeline?.until ?? state.until;
  state.t = Math.max(0, Math.min(until, t));
  const scrubber = byId<HTMLInputElement>('scrubber');
  scrubber.value = String(state.t);
  setAttr(scrubber, 'aria-valuetext', `${formatSeconds(state.t)} of ${formatSeconds(until)}`);
  byId('scrub-time').textContent = `t = ${formatSeconds(state.t)}`;
  const cursor = document.getElementById('cursor');
  if (cursor) cursor.style.left = pct(state.t, until);
  for (const band of document.querySelectorAll<HTMLElement>('.band')) {
    const from = Number(band.dataset.from);
    const to = Number(band.dataset.to);
    const elapsed = band.querySelector<HTMLElement>('.band-elapsed');
    if (elapsed && to > from) elapsed.style.width = `${Math.max(0, Math.min(1, (state.t - from) / (to - from))) * 100}%`;
  }
  renderReadout();
  highlightEvent(fromEvent ?? latestEventAt(state.t));
  saveState();
}

function renderReadout(): void {
  const box = byId('readout');
  clear(box);
  const timeline = state.timeline;
  if (!timeline) return;
  const readout = readoutAt(timeline, state.t);
  const list = el('ul', { class: 'readout-list' });
  for (const container of readout.containers) list.append(el('li', {}, [el('span', { class: 'name', text: container.name }), `: ${container.state}`]));
  list.append(el('li', {}, [el('span', { class: 'name', text: 'Pod' }), `: ${readout.pod.join(', ')}`]));
  box.append(el('p', { class: 'readout-time', text: `At ${formatSeconds(state.t)}` }), list);
}

function latestEventAt(t: number): number | null {
  const result = state.message?.result;
  if (!result) return null;
  let found: number | null = null;
  for (const index of state.listed) {
    if (result.events[index].t <= t + 1e-9) found = index;
    else break;
  }
  return found;
}

function eventTimes(): number[] {
  const result = state.message?.result;
  if (!result) return [];
  return [...new Set(state.listed.map((index) => result.events[index].t))].sort((a, b) => a - b);
}

function stepEvent(direction: 1 | -1): void {
  const times = eventTimes();
  const next = direction > 0 ? times.find((t) => t > state.t + 1e-9) : [...times].reverse().find((t) => t < state.t - 1e-9);
  if (next !== undefined) setTime(next);
}

// ---- the event list --------------------------------------------------------------------

function renderEvents(): void {
  const list = byId('events');
  clear(list);
  const result = state.message?.result;
  if (!result) return;
  state.listed = listedEvents(result, state.showAllProbes);
  for (const index of state.listed) {
    const event = result.events[index];
    const { container, text } = describeEvent(event);
    const button = el('button', { class: `event type-${event.type}`, attrs: { type: 'button', tabindex: -1, 'data-index': index, 'data-t': event.t } }, [
      el('span', { class: 'event-time', text: formatSeconds(event.t) }),
      el('span', { class: 'event-body' }, [
        container !== null ? el('span', { class: 'event-container', text: container }) : null,
        el('span', { class: 'event-text', text }),
      ]),
    ]);
    list.append(el('li', {}, [button]));
  }
  byId('event-count').textContent = `${state.listed.length} of ${result.events.length} events`;
  const first = list.querySelector<HTMLButtonElement>('button.event');
  if (first) first.tabIndex = 0;
}

function highlightEvent(index: number | null): void {
  state.activeEvent = index;
  const list = byId('events');
  let active: HTMLButtonElement | null = null;
  for (const button of list.querySelectorAll<HTMLButtonElement>('button.event')) {
    const on = index !== null && Number(button.dataset.index) === index;
    setAttr(button, 'aria-current', on ? 'true' : null);
    button.tabIndex = -1;
    if (on) active = button;
  }
  const focusable = active ?? list.querySelector<HTMLButtonElement>('button.event');
  if (focusable) focusable.tabIndex = 0;
  if (active) revealInList(list, active);
}

/**
 * Scrolls the event list, and only the list, to show `item`. scrollIntoView
 * would scroll the page as well: in a narrow panel, where the list is below the
 * timeline, the page opened scrolled past the timeline to the first event.
 */
function revealInList(list: HTMLElement, item: HTMLElement): void {
  const box = list.getBoundingClientRect();
  const itemBox = item.getBoundingClientRect();
  if (itemBox.top < box.top) list.scrollTop -= box.top - itemBox.top;
  else if (itemBox.bottom > box.bottom) list.scrollTop += itemBox.bottom - box.bottom;
}

function activateEventButton(button: HTMLButtonElement, focus: boolean): void {
  const index = Number(button.dataset.index);
  const t = Number(button.dataset.t);
  if (!Number.isFinite(index) || !Number.isFinite(t)) return;
  setTime(t, index);
  if (focus) button.focus();
}

// ---- the scenario controls -------------------------------------------------------------

function numberInput(
  label: string,
  value: number | null,
  spec: { min: number; max: number; step: number },
  onChange: (value: number | null) => void,
  options: { allowEmpty?: boolean; visible?: string; id?: string } = {},
): HTMLElement {
  const allowEmpty = options.allowEmpty ?? false;
  const input = el('input', {
    class: 'num',
    attrs: { type: 'number', min: spec.min, max: spec.max, step: spec.step, inputmode: 'decimal', 'aria-label': label, id: options.id },
  });
  input.value = value === null ? '' : String(value);
  input.addEventListener('change', () => {
    const text = input.value.trim();
    const parsed = Number(text);
    const ok = (allowEmpty && text === '') || (text !== '' && Number.isFinite(parsed) && parsed >= spec.min && parsed <= spec.max);
    setAttr(input, 'aria-invalid', ok ? null : 'true');
    if (!ok) {
      setStatus(`${label}: enter a number from ${spec.min} to ${spec.max}`, true);
      return;
    }
    onChange(text === '' ? null : parsed);
  });
  return el('label', { class: 'field' }, [el('span', { class: 'field-label', text: options.visible ?? label, attrs: { 'aria-hidden': 'true' } }), input]);
}

function containerSelect(rule: UiRule, position: number): HTMLElement {
  const select = el('select', { attrs: { 'aria-label': `Rule ${position}: container` } });
  select.append(el('option', { text: 'first app container', attrs: { value: '-1' } }));
  state.lanes.forEach((lane, index) => select.append(el('option', { text: lane.role ? `${lane.name} (${lane.role})` : lane.name, attrs: { value: index } })));
  select.value = String(rule.container);
  select.addEventListener('change', () => {
    rule.container = Number(select.value);
    requestRun();
  });
  return el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'container' }), select]);
}

function ruleRow(rule: UiRule, position: number): HTMLElement {
  const spec = ruleKinds.find((k) => k.kind === rule.kind)!;
  const kind = el('select', { attrs: { 'aria-label': `Rule ${position}: what happens` } });
  for (const option of ruleKinds) kind.append(el('option', { text: option.label, attrs: { value: option.kind } }));
  kind.value = rule.kind;
  kind.addEventListener('change', () => {
    rule.kind = kind.value as RuleKind;
    renderScenario(`rule-${position}-kind`);
    requestRun();
  });
  setAttr(kind, 'id', `rule-${position}-kind`);
  const fields: HTMLElement[] = [
    el('label', { class: 'field' }, [el('span', { class: 'field-label', text: 'what' }), kind]),
    containerSelect(rule, position),
    numberInput(
      `Rule ${position}: ${spec.a.label}`,
      rule.a,
      spec.a,
      (value) => {
        rule.a = value ?? 0;
        requestRun();
      },
      { visible: spec.a.label },
    ),
  ];
  if (spec.b) {
    fields.push(
      numberInput(
        `Rule ${position}: ${spec.b.label}`,
        rule.b,
        spec.b,
        (value) => {
          rule.b = value ?? 0;
          requestRun();
        },
        { visible: spec.b.label },
      ),
    );
  }
  if (spec.never) {
    const never = el('input', { attrs: { type: 'checkbox', 'aria-label': `Rule ${position}: never exits on SIGTERM` } });
    never.checked = rule.never;
    never.addEventListener('change', () => {
      rule.never = never.checked;
      requestRun();
    });
    fields.push(el('label', { class: 'field check' }, [never, el('span', { text: 'never (only SIGKILL ends it)' })]));
  }
  const remove = el('button', { class: 'secondary', text: 'Remove', attrs: { type: 'button', 'aria-label': `Remove rule ${position}` } });
  remove.addEventListener('click', () => {
    state.rules.splice(position - 1, 1);
    renderScenario(state.rules.length > 0 ? `rule-${Math.min(position, state.rules.length)}-kind` : 'add-rule');
    requestRun();
  });
  fields.push(remove);
  return el('li', { class: 'rule', attrs: { 'data-kind': rule.kind } }, fields);
}

function renderScenario(focusId?: string): void {
  const rules = byId('rules');
  clear(rules);
  state.rules.forEach((rule, index) => rules.append(ruleRow(rule, index + 1)));
  byId('no-rules').hidden = state.rules.length > 0;
  const pod = byId('pod-options');
  clear(pod);
  const deleting = el('input', { attrs: { type: 'checkbox', id: 'delete-enabled' } });
  deleting.checked = state.deleteAt !== null;
  deleting.addEventListener('change', () => {
    state.deleteAt = deleting.checked ? (state.deleteAt ?? 60) : null;
    renderScenario('delete-enabled');
    requestRun();
  });
  const deleteAt = numberInput(
    'Delete at pod time (s)',
    state.deleteAt ?? 60,
    { min: 0, max: MAX_UNTIL, step: 1 },
    (value) => {
      state.deleteAt = value ?? 0;
      deleting.checked = true;
      requestRun();
    },
    { id: 'delete-at' },
  );
  pod.append(
    el('div', { class: 'field-group' }, [
      el('label', { class: 'field check', attrs: { for: 'delete-enabled' } }, [deleting, el('span', { text: 'Delete the pod' })]),
      deleteAt,
    ]),
    numberInput(
      'Image pull (s)',
      state.pull,
      { min: 0, max: MAX_UNTIL, step: 1 },
      (value) => {
        state.pull = value;
        requestRun();
      },
      { allowEmpty: true, id: 'pull' },
    ),
    numberInput(
      'Simulate until (s)',
      state.until,
      { min: 1, max: MAX_UNTIL, step: 1 },
      (value) => {
        state.until = value ?? 900;
        requestRun();
      },
      { id: 'until' },
    ),
  );
  if (focusId) document.getElementById(focusId)?.focus();
}

// ---- messages from the host ---------------------------------------------------------

function applyScenarioFromHost(scenario: Scenario, until: number): void {
  state.rules = rulesOf(scenario);
  state.deleteAt = scenario.delete.length > 0 ? Math.min(...scenario.delete) : null;
  state.pull = scenario.pull;
  state.until = until;
}

function receive(data: unknown): void {
  const parsed = parseHostMessage(data);
  if (!parsed.ok) {
    setStatus(`Ignored a message the page does not understand (${parsed.error}).`, true);
    return;
  }
  const message = parsed.value;
  byId('title').textContent = message.title;
  document.title = message.title;
  if (message.type === 'error') {
    setStatus(message.message, true);
    byId('app').classList.add('stale');
    return;
  }
  byId('app').classList.remove('stale');
  state.message = message;
  state.timeline = buildTimeline(message.result, message.model);
  const lanesBefore = JSON.stringify(state.lanes);
  state.lanes = state.timeline.containers.map((lane) => ({ name: lane.name, role: lane.role }));
  // The answer to the page's own run carries the scenario the form already shows: leave the form (and the
  // user's focus in it) alone. Anything else (first answer, new containers after an edit) rebuilds it.
  const formChanged =
    lanesBefore !== JSON.stringify(state.lanes) || JSON.stringify([message.scenario, message.until]) !== JSON.stringify([scenarioOf(), state.until]);
  if (formChanged) applyScenarioFromHost(message.scenario, message.until);
  const scrubber = byId<HTMLInputElement>('scrubber');
  scrubber.max = String(message.result.until);
  scrubber.disabled = false;
  setStatus(`Simulated ${formatSeconds(message.result.until)}: ${message.result.events.length} events.`, false);
  renderNumbers(message.result, message.model);
  renderPresets();
  renderTimeline();
  renderEvents();
  if (formChanged) renderScenario(document.activeElement?.closest?.('#scenario') ? document.activeElement.id || undefined : undefined);
  setTime(Math.min(state.t, message.result.until));
}

// ---- wiring -------------------------------------------------------------------------

function wire(): void {
  window.addEventListener('message', (event: MessageEvent) => receive(event.data));

  const scrubber = byId<HTMLInputElement>('scrubber');
  scrubber.addEventListener('input', () => setTime(Number(scrubber.value)));
  scrubber.addEventListener('keydown', (event) => {
    const until = state.timeline?.until ?? state.until;
    const big = Math.max(1, Math.round(until / 20));
    let handled = true;
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowUp':
        setTime(Math.floor(state.t + 1e-9) + (event.shiftKey ? 10 : 1));
        break;
      case 'ArrowLeft':
      case 'ArrowDown':
        setTime(Math.ceil(state.t - 1e-9) - (event.shiftKey ? 10 : 1));
        break;
      case 'PageUp':
        setTime(state.t + big);
        break;
      case 'PageDown':
        setTime(state.t - big);
        break;
      case 'Home':
        setTime(0);
        break;
      case 'End':
        setTime(until);
        break;
      case ']':
      case '.':
        stepEvent(1);
        break;
      case '[':
      case ',':
        stepEvent(-1);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  });
  byId('prev-event').addEventListener('click', () => stepEvent(-1));
  byId('next-event').addEventListener('click', () => stepEvent(1));

  const timeline = byId('timeline');
  let dragging = false;
  timeline.addEventListener('pointerdown', (event) => {
    const t = timeFromPointer(event);
    if (t === null) return;
    dragging = true;
    timeline.setPointerCapture?.(event.pointerId);
    setTime(t);
  });
  timeline.addEventListener('pointermove', (event) => {
    if (!dragging) return;
    const t = timeFromPointer(event);
    if (t !== null) setTime(t);
  });
  const stop = (): void => {
    dragging = false;
  };
  timeline.addEventListener('pointerup', stop);
  timeline.addEventListener('pointercancel', stop);

  const events = byId('events');
  events.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.('button.event') as HTMLButtonElement | null;
    if (button) activateEventButton(button, false);
  });
  events.addEventListener('keydown', (event) => {
    const buttons = [...events.querySelectorAll<HTMLButtonElement>('button.event')];
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (current < 0) return;
    let next: number;
    if (event.key === 'ArrowDown') next = Math.min(buttons.length - 1, current + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, current - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    else return;
    event.preventDefault();
    activateEventButton(buttons[next], true);
  });

  const showAll = byId<HTMLInputElement>('show-all-probes');
  showAll.checked = state.showAllProbes;
  showAll.addEventListener('change', () => {
    state.showAllProbes = showAll.checked;
    renderEvents();
    setTime(state.t);
  });

  byId('add-rule').addEventListener('click', () => {
    state.rules.push({ kind: 'exit', container: -1, a: 10, b: 1, never: false });
    renderScenario(`rule-${state.rules.length}-kind`);
    requestRun();
  });
  byId('rerun').addEventListener('click', () => requestRun(true));
  new ResizeObserver(() => fitLabels()).observe(byId('timeline'));
}

wire();
renderScenario();
vscode.postMessage({ type: 'ready' });
