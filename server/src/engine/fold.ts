import { type Finding, type FindingPart, type Fold, type Severity, severityRank } from './findings';

/**
 * Folded findings: several rules that each note one thing about the same
 * object part (a container's missing memory request, memory limit, CPU
 * request and CPU limit) say it in one finding, not four. Each part keeps
 * its rule's code and severity:
 *
 * - the folded finding carries the code and severity of its most severe
 *   part (the first of them on a tie, in the order the rules run), so a
 *   folded finding is never quieter than the loudest thing it says;
 * - a user's severity setting acts on the part it names: a part turned
 *   `off` leaves the message, its fixes go with it, and a part raised to
 *   `warning` makes the whole finding a warning with that part's code
 *   (`refold`). The message is recomposed from the parts shown, so it
 *   never says what the user silenced.
 */

/** `no memory or cpu request or limit`, `no memory request or limit, no cpu limit`: the parts' `what`, said together. */
function missingPhrase(parts: readonly FindingPart[]): string {
  const groups: { head: string; tails: string[] }[] = [];
  for (const part of parts) {
    const space = part.what.indexOf(' ');
    const head = space < 0 ? part.what : part.what.slice(0, space);
    const tail = space < 0 ? '' : part.what.slice(space + 1);
    const group = groups.find((g) => g.head === head);
    if (group) group.tails.push(tail);
    else groups.push({ head, tails: [tail] });
  }
  const tails = groups[0].tails;
  const same = groups.every((g) => g.tails.length === tails.length && g.tails.every((t) => tails.includes(t)));
  const join = (words: string[]) => words.filter((w) => w !== '').join(' or ');
  if (same) return `no ${[join(groups.map((g) => g.head)), join(tails)].filter((w) => w !== '').join(' ')}`;
  return groups.map((g) => `no ${[g.head, join(g.tails)].filter((w) => w !== '').join(' ')}`).join(', ');
}

/** The message of a fold showing `parts` (a non-empty subset of its parts, in its order). */
export function foldMessage(fold: Fold, parts: readonly FindingPart[]): string {
  const conclusion = fold.conclusion && fold.conclusion.needs.every((code) => parts.some((p) => p.code === code)) ? `, ${fold.conclusion.text}` : '';
  return `${fold.about}: ${missingPhrase(parts)}${conclusion}: ${parts.map((p) => p.effect).join('; ')}.`;
}

/** The finding a fold shows with `parts`, each with the severity it is shown with; null when no part is shown. */
function foldedFinding(span: { start: number; end: number }, fold: Fold, parts: readonly { part: FindingPart; severity: Severity }[]): Finding | null {
  if (parts.length === 0) return null;
  let loudest = parts[0];
  for (const shown of parts) if (severityRank[shown.severity] < severityRank[loudest.severity]) loudest = shown;
  const fixes = parts.flatMap(({ part }) => part.fixes ?? []);
  const kept = parts.map(({ part }) => part);
  return {
    code: loudest.part.code,
    severity: loudest.severity,
    message: foldMessage(fold, kept),
    start: span.start,
    end: span.end,
    ...(fixes.length > 0 ? { fixes } : {}),
    fold: { ...fold, parts: kept },
  };
}

/** A finding of one part, as a rule reports it before its parts are folded with the others'. */
export function partFinding(span: { start: number; end: number }, fold: Omit<Fold, 'parts'>, part: FindingPart): Finding {
  return foldedFinding(span, { ...fold, parts: [part] }, [{ part, severity: part.severity }])!;
}

/**
 * Folds the findings that share a fold key and a span into one, at the place
 * of the first; the others keep their order. Each fold's message is composed
 * once, from all its parts.
 */
export function mergeFolds(findings: readonly Finding[]): Finding[] {
  const result: Finding[] = [];
  const open = new Map<string, number>();
  /** The parts of every fold that gathered more than one finding, by its place in `result`. */
  const gathered = new Map<number, FindingPart[]>();
  for (const finding of findings) {
    const fold = finding.fold;
    if (!fold) {
      result.push(finding);
      continue;
    }
    const key = `${fold.key}\u0000${finding.start}\u0000${finding.end}`;
    const at = open.get(key);
    if (at === undefined) {
      open.set(key, result.length);
      result.push(finding);
      continue;
    }
    const parts = gathered.get(at);
    if (parts) parts.push(...fold.parts);
    else gathered.set(at, [...result[at].fold!.parts, ...fold.parts]);
  }
  for (const [at, parts] of gathered) {
    const first = result[at];
    result[at] = foldedFinding(
      first,
      { ...first.fold!, parts },
      parts.map((part) => ({ part, severity: part.severity })),
    )!;
  }
  return result;
}

/**
 * A folded finding as shown under severity settings: `severityOf` gives each
 * part's severity, or null for a part turned off. Null when every part is
 * off. A finding that is not folded is returned with its own severity
 * mapped the same way.
 */
export function refold(finding: Finding, severityOf: (code: string, severity: Severity) => Severity | null): Finding | null {
  if (!finding.fold) {
    const severity = severityOf(finding.code, finding.severity);
    if (severity === null) return null;
    return severity === finding.severity ? finding : { ...finding, severity };
  }
  const shown: { part: FindingPart; severity: Severity }[] = [];
  for (const part of finding.fold.parts) {
    const severity = severityOf(part.code, part.severity);
    if (severity !== null) shown.push({ part, severity });
  }
  return foldedFinding(finding, finding.fold, shown);
}

/** Whether a finding says what `code` says: its own code, or one of its folded parts'. */
export function carriesCode(finding: Finding, code: string): boolean {
  return finding.code === code || (finding.fold?.parts.some((part) => part.code === code) ?? false);
}
