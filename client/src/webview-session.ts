/**
 * What one simulation panel does, without `vscode`: it checks every message
 * from the page, keeps the scenario, asks the language server for a run when
 * the page or the document asks for one, drops answers that a newer request
 * has overtaken, and checks the server's answer before the page sees it.
 * simulationPanel.ts plugs it into a WebviewPanel; the tests drive it directly.
 */

import {
  DEFAULT_UNTIL,
  emptyScenario,
  type HostMessage,
  parseSimulateResponse,
  parseWebviewMessage,
  type PodModel,
  type Scenario,
  type PanelSimulateParams,
  type SimulationResult,
} from './webview-protocol';

/** Which workload of the file a panel simulates: a YAML document, and the item of its List when it is one. */
export interface SimulationTarget {
  document: number;
  item?: number;
}

export interface SessionHost {
  /** Sends `podLens/simulate`; a newer call may cancel an older one (it then rejects or resolves, either is fine). */
  request(params: PanelSimulateParams): Promise<unknown>;
  post(message: HostMessage): void;
  /** The panel's title follows the simulated object. */
  setTitle(title: string): void;
  /** Diagnostics for the output channel: rejected messages, failed requests. */
  log(text: string): void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function titleOf(result: SimulationResult | null, fallback: string): string {
  if (!result) return `Simulation: ${fallback}`;
  const name = result.object.name ?? '(unnamed)';
  return `Simulation: ${result.object.kind} ${name}`;
}

export class SimulationSession {
  scenario: Scenario = emptyScenario();
  until = DEFAULT_UNTIL;
  /** The user (or a preset) chose the scenario: the default is not applied over it any more. */
  private generation = 0;
  private debounce: unknown = undefined;
  private disposed = false;
  private knownContainers: Set<string> = new Set();
  private last: HostMessage | null = null;
  private lastResult: SimulationResult | null = null;

  constructor(
    private readonly host: SessionHost,
    readonly uri: string,
    readonly target: SimulationTarget,
    private readonly fallbackTitle: string,
    private readonly debounceMs = 300,
    private readonly timers: Timers = realTimers,
  ) {}

  /** A message from the page, as it arrived (anything at all). */
  onMessage(raw: unknown): void {
    if (this.disposed) return;
    const parsed = parseWebviewMessage(raw, this.knownContainers);
    if (!parsed.ok) {
      this.host.log(`simulation webview: ignored a message (${parsed.error})`);
      return;
    }
    const message = parsed.value;
    switch (message.type) {
      case 'ready':
        // The page is new (first open, or reloaded after being hidden): give it the last answer, or get one.
        if (this.last) this.host.post(this.last);
        else void this.run();
        return;
      case 'run':
        this.scenario = message.scenario;
        this.until = message.until;
        this.cancelDebounce();
        void this.run();
        return;
    }
  }

  /** The document changed: run again once the edits pause. */
  documentChanged(): void {
    if (this.disposed) return;
    this.cancelDebounce();
    this.debounce = this.timers.setTimeout(() => {
      this.debounce = undefined;
      void this.run();
    }, this.debounceMs);
  }

  async run(): Promise<void> {
    if (this.disposed) return;
    const generation = ++this.generation;
    const params: PanelSimulateParams = {
      uri: this.uri,
      document: this.target.document,
      ...(this.target.item === undefined ? {} : { item: this.target.item }),
      scenario: this.scenario,
      until: this.until,
    };
    let answer: unknown;
    try {
      answer = await this.host.request(params);
    } catch (error) {
      if (generation !== this.generation || this.disposed) return;
      this.host.log(`podLens/simulate failed: ${error instanceof Error ? error.message : String(error)}`);
      this.publish({
        type: 'error',
        title: titleOf(this.lastResult, this.fallbackTitle),
        message: `The simulation could not run: ${messageOf(error)}`,
        scenario: this.scenario,
        until: this.until,
      });
      return;
    }
    if (generation !== this.generation || this.disposed) return;
    const parsed = parseSimulateResponse(answer);
    if (!parsed.ok) {
      this.host.log(`podLens/simulate: unexpected answer (${parsed.error})`);
      this.publish({
        type: 'error',
        title: titleOf(this.lastResult, this.fallbackTitle),
        message: 'The language server sent a simulation this version of the extension cannot read.',
        scenario: this.scenario,
        until: this.until,
      });
      return;
    }
    const response = parsed.value;
    if ('error' in response) {
      this.publish({ type: 'error', title: titleOf(this.lastResult, this.fallbackTitle), message: response.error, scenario: this.scenario, until: this.until });
      return;
    }
    this.lastResult = response.result;
    this.knownContainers = new Set([...Object.keys(response.result.summary.containers), ...containerNames(response.model, response.result)]);
    this.publish({
      type: 'result',
      title: titleOf(response.result, this.fallbackTitle),
      result: response.result,
      model: response.model,
      scenario: this.scenario,
      until: this.until,
    });
  }

  dispose(): void {
    this.disposed = true;
    this.cancelDebounce();
  }

  private publish(message: HostMessage): void {
    this.last = message;
    this.host.setTitle(message.title);
    this.host.post(message);
  }

  private cancelDebounce(): void {
    if (this.debounce !== undefined) this.timers.clearTimeout(this.debounce);
    this.debounce = undefined;
  }
}

function containerNames(model: PodModel | null, result: SimulationResult): string[] {
  const names = model ? [...model.initContainers, ...model.containers].map((c) => c.name) : [];
  for (const event of result.events) if ('container' in event) names.push(event.container);
  return names;
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
