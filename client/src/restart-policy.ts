/**
 * When the language server dies, restart it, and tell the user once per
 * session rather than once per crash: a server that crashes on one document
 * would otherwise bury the editor in notifications. A server that keeps
 * crashing is given up on, loudly, so that the user is not left wondering why
 * hovers stopped. Free of `vscode` so that it runs under node:test.
 */

export interface RestartDecision {
  restart: boolean;
  /** Shown to the user when set; otherwise the event only goes to the log. */
  notify?: string;
  log: string;
}

export class RestartPolicy {
  private readonly crashes: number[] = [];
  private notified = false;

  constructor(
    private readonly maxCrashes = 5,
    private readonly windowMs = 3 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  onClosed(): RestartDecision {
    const time = this.now();
    this.crashes.push(time);
    while (this.crashes.length > 0 && time - this.crashes[0]! > this.windowMs) this.crashes.shift();

    if (this.crashes.length >= this.maxCrashes) {
      return {
        restart: false,
        notify: `The Pod Lens language server crashed ${this.crashes.length} times in ${Math.round(this.windowMs / 60000)} minutes and was not restarted. See the "Pod Lens" output for details; run "Pod Lens: Restart Language Server" to try again.`,
        log: 'Server crashed too often; not restarting.',
      };
    }
    const log = 'Server connection closed unexpectedly; restarting.';
    if (this.notified) return { restart: true, log };
    this.notified = true;
    return {
      restart: true,
      notify: 'The Pod Lens language server stopped unexpectedly and was restarted. Further restarts are only logged in the "Pod Lens" output.',
      log,
    };
  }

  /** A deliberate restart starts the count afresh. */
  reset(): void {
    this.crashes.length = 0;
  }
}
