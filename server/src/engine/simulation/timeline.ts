/** A simulation as a timeline for people: one event a line, times aligned, the summary last. */

import { deletedText, type SimulationEvent, type SimulationResult, type Termination } from '../../protocol/simulation';

function formatSeconds(t: number, decimals: number): string {
  return t.toFixed(decimals);
}

function decimalsOf(t: number): number {
  for (let decimals = 0; decimals < 3; decimals++) {
    if (Math.abs(Number(t.toFixed(decimals)) - t) < 1e-9) return decimals;
  }
  return 3;
}

function describe(event: SimulationEvent): string {
  switch (event.type) {
    case 'phase':
      return `pod phase ${event.phase}${event.reason === 'DeadlineExceeded' ? ' (DeadlineExceeded: activeDeadlineSeconds passed)' : ''}`;
    case 'condition':
      return `condition ${event.condition} ${event.status ? 'True' : 'False'}`;
    case 'container-waiting':
      return `${event.container}: waiting (${event.reason})`;
    case 'container-started':
      return `${event.container}: started${event.restartCount > 0 ? ` (restart ${event.restartCount})` : ''}`;
    case 'container-terminated':
      return `${event.container}: terminated ${event.reason}, exit code ${event.exitCode}${event.signal ? ` (${event.signal})` : ''}`;
    case 'probe':
      return `${event.container}: ${event.probe} probe ${event.result}`;
    case 'restart-scheduled':
      return event.delaySeconds > 0 ? `${event.container}: restart in ${event.delaySeconds} s (back-off)` : `${event.container}: restart now`;
    case 'prestop-started':
      return `${event.container}: preStop hook started`;
    case 'prestop-finished':
      return `${event.container}: preStop hook finished`;
    case 'signal':
      return `${event.container}: ${event.signal}`;
    case 'endpoint':
      return event.ready ? 'joins ready Service endpoints' : 'leaves ready Service endpoints';
    case 'deleted':
      return deletedText(event.reason);
  }
}

function describeTermination(termination: Termination | null): string {
  if (termination === null) return 'never terminated';
  const signal = termination.signal ? ` (${termination.signal})` : '';
  return `last terminated at ${termination.t} s: ${termination.reason}, exit code ${termination.exitCode}${signal}`;
}

/**
 * The timeline as text. A passing probe is shown when it is the first pass
 * after a start or a failure; repeated passes are counted, not listed.
 */
export function formatTimeline(result: SimulationResult): string {
  // As many decimals as the most precise time needs (up to milliseconds), so that columns align.
  const decimals = Math.max(0, ...result.events.map((e) => decimalsOf(e.t)));
  const width = Math.max(...result.events.map((e) => formatSeconds(e.t, decimals).length), 1);
  const lastProbe = new Map<string, string>();
  let foldedProbes = 0;
  const lines: string[] = [];
  const name = result.object.name ?? '(unnamed)';
  lines.push(
    `${result.object.kind} ${name} (document ${result.object.document}${result.object.item === undefined ? '' : `, item ${result.object.item}`}${result.object.podSpecPath === undefined ? '' : `, ${result.object.podSpecPath}`}), simulated until ${result.until} s`,
  );
  lines.push('');
  for (const event of result.events) {
    if (event.type === 'container-started') {
      for (const key of [...lastProbe.keys()]) if (key.startsWith(`${event.container}\u0000`)) lastProbe.delete(key);
    }
    if (event.type === 'probe') {
      const key = `${event.container}\u0000${event.probe}`;
      const previous = lastProbe.get(key);
      lastProbe.set(key, event.result);
      if (event.result === 'success' && previous === 'success') {
        foldedProbes++;
        continue;
      }
    }
    lines.push(`${formatSeconds(event.t, decimals).padStart(width)} s  ${describe(event)}`);
  }
  if (foldedProbes > 0) lines.push(`${''.padStart(width)}    (${foldedProbes} repeated passing probes not shown)`);
  lines.push('');
  const summary = result.summary;
  lines.push(`at ${result.until} s: phase ${summary.phase}, ${summary.readyAt === null ? 'never Ready' : `Ready first at ${summary.readyAt} s`}`);
  const nameWidth = Math.max(...Object.keys(summary.containers).map((n) => n.length));
  for (const [container, facts] of Object.entries(summary.containers)) {
    const delays = facts.restartDelays.length > 0 ? ` after waits of ${facts.restartDelays.join(', ')} s` : '';
    lines.push(
      `  ${container.padEnd(nameWidth)}  ${facts.restarts} restart${facts.restarts === 1 ? '' : 's'}${delays}; ${describeTermination(facts.lastTermination)}`,
    );
  }
  return lines.join('\n') + '\n';
}
