import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  type CodeAction,
  CodeActionRequest,
  type CodeLens,
  CodeLensRequest,
  CodeLensResolveRequest,
  type Diagnostic,
  type Hover,
  HoverRequest,
  type MarkupContent,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { find, TestClient } from './client';

/**
 * The real server process, spoken to over stdio as an editor would: every
 * answer checked here is what a user of VS Code or Neovim sees.
 */

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: registry.example/web:1
    resources:
      requests:
        cpu: 500m
        memory: 256Mi
      limits:
        cpu: 500m
        memory: 512Mi
`;

let client: TestClient;
let counter = 0;
const uniqueUri = (name: string) => `file:///work/${++counter}-${name}`;

async function hover(uri: string, position: { line: number; character: number }): Promise<string | null> {
  const result = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position })) as Hover | null;
  return result ? (result.contents as MarkupContent).value : null;
}

async function lenses(uri: string): Promise<CodeLens[]> {
  return (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
}

async function actionsAt(uri: string, position: { line: number; character: number }, diagnostics: Diagnostic[] = []): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: { start: position, end: position },
    context: { diagnostics },
  });
  return (result ?? []) as CodeAction[];
}

/** Applies a code action's versioned edit the way the editor does, as incremental changes. */
async function apply(uri: string, action: CodeAction): Promise<void> {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, `action ${action.title} has a versioned edit`);
  assert.equal(change.textDocument.uri, uri);
  assert.equal(change.textDocument.version, client.versions.get(uri), 'the edit is for the current version');
  await client.applyEdits(uri, change.edits as TextEdit[]);
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

before(async () => {
  // The node as configured (the defaults' size): what the hovers say of an assumed node is in assumed-node.test.ts.
  client = await TestClient.start({ settings: { node: { cpu: '4', memory: '16Gi' } } });
});

after(async () => {
  await client.stop();
});

describe('hovers', () => {
  const uri = uniqueUri('hover.yaml');
  before(() => client.open(uri, pod));

  test('CPU request: cores, cpu.shares, cpu.weight of current and older runtimes, scheduler reservation', async () => {
    const text = await hover(uri, find(pod, '500m', 1));
    assert.ok(text);
    assert.match(text, /\*\*CPU request `500m`\*\* = 0\.5 cores/);
    assert.match(text, /v1 `cpu\.shares` \| 512 \|/);
    assert.match(text, /v2 `cpu\.weight` \| 59 \(runc ≥ 1\.3\.2, crun ≥ 1\.23\) · 20 on older runtimes/);
    assert.match(text, /contention/);
    assert.match(text, /scheduler reserves `500m`/);
    assert.match(text, /\(https:\/\/kubernetes\.io\/docs\/concepts\/configuration\/manage-resources-containers\/\)/);
  });

  test('CPU limit: quota per period, throttling', async () => {
    const text = await hover(uri, find(pod, '500m', 0, 1));
    assert.ok(text);
    assert.match(text, /`50000 µs per 100000 µs`/);
    assert.match(text, /at most 50 ms of CPU time every 100 ms, summed over all its threads/);
    assert.match(text, /throttled/);
    assert.match(text, /never kill/);
  });

  test('memory limit: bytes, memory.max, OOM kill with exit 137, restart policy', async () => {
    const text = await hover(uri, find(pod, '512Mi'));
    assert.ok(text);
    assert.match(text, /= 536870912 bytes: `memory\.max` = `536870912`/);
    assert.match(text, /code \*\*137\*\*, reason `OOMKilled`/);
    assert.match(text, /restartPolicy `Always`: it is restarted, after 0, 10, 20, 40/);
  });

  test('memory request: oom_score_adj on the configured 16Gi node', async () => {
    const text = await hover(uri, find(pod, '256Mi'));
    assert.ok(text);
    assert.match(text, /`oom_score_adj` = \*\*985\*\* on a 16Gi node: 1000 − 1000 × 268435456 \/ 17179869184/);
    assert.match(text, /eviction risk: \*\*medium\*\*/);
  });

  test('container name: requests, limits and cgroup values in tables', async () => {
    const text = await hover(uri, find(pod, 'app'));
    assert.ok(text);
    assert.match(text, /\| CPU \| 500m \| 500m \|/);
    assert.match(text, /\| memory \| 256Mi \| 512Mi \|/);
    assert.match(text, /\| `cpu\.max` \| `50000 100000` \|/);
    assert.match(text, /\| `oom_score_adj` \| 985 \|/);
    assert.match(text, /On its own it would be \*\*Burstable\*\* \(memory request 256Mi ≠ limit 512Mi\)/);
  });

  test('kind: QoS with reasons, pod cgroup paths for both drivers, replicas that fit', async () => {
    const text = await hover(uri, find(pod, 'kind'));
    assert.ok(text);
    assert.match(text, /\*\*Pod `web`\*\* — \*\*Burstable\*\* · eviction risk: \*\*medium\*\* · OOM score 985/);
    assert.match(text, /container app: memory request 256Mi ≠ limit 512Mi/);
    assert.match(text, /\(systemd driver\): `\/kubepods\.slice\/kubepods-burstable\.slice\/kubepods-burstable-pod<pod_uid>\.slice`/);
    assert.match(text, /cgroupfs: `\/kubepods\/burstable\/pod<pod-uid>`/);
    assert.match(text, /\*\*Fit\*\*: 8 pods like this on a 4 CPU \/ 16Gi node .*\*\*CPU\*\* runs out first \(500m each of 4\)/);
  });

  test('metadata.name hovers like kind', async () => {
    const text = await hover(uri, find(pod, 'web'));
    assert.ok(text?.startsWith('**Pod `web`**'));
  });

  test('no hover on fields with nothing to explain, past the end of a line or of the file', async () => {
    assert.equal(await hover(uri, find(pod, 'registry')), null);
    assert.equal(await hover(uri, { line: 1, character: 40 }), null);
    assert.equal(await hover(uri, { line: 400, character: 0 }), null);
  });
});

describe('lifecycle hovers (from the simulator)', () => {
  const uri = uniqueUri('lifecycle.yaml');
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      terminationGracePeriodSeconds: 40
      containers:
      - name: api
        image: registry.example/api:1
        startupProbe:
          httpGet: {path: /healthz, port: 8080}
          periodSeconds: 5
          failureThreshold: 12
        livenessProbe:
          httpGet: {path: /healthz, port: 8080}
          periodSeconds: 10
          failureThreshold: 3
        lifecycle:
          preStop:
            exec:
              command: ["sleep", "5"]
`;
  before(() => client.open(uri, text));

  test('liveness: first check, time to kill a hung app', async () => {
    const value = await hover(uri, find(text, 'livenessProbe'));
    assert.ok(value);
    assert.match(value, /period 10 s · timeout 1 s · failureThreshold 3/);
    assert.match(value, /\*\*First check\*\*: 10 s after the container starts \(it waits for the startup probe to pass\)/);
    assert.match(value, /found 20 s–30 s after it hangs .* preStop at 20 s → SIGTERM at 25 s → SIGKILL at 60 s/);
    assert.match(value, /lives up to \*\*71 s\*\*/);
  });

  test('startup: the budget before the kill', async () => {
    const value = await hover(uri, find(text, 'startupProbe'));
    assert.ok(value);
    assert.match(value, /\*\*Startup budget\*\*: the app has 60 s \(initialDelay 0 s \+ 12 × 5 s\)/);
  });

  test('restartPolicy (defaulted) and the back-off schedule', async () => {
    const withPolicy = text.replace('      terminationGracePeriodSeconds: 40\n', '      terminationGracePeriodSeconds: 40\n      restartPolicy: Always\n');
    const policyUri = uniqueUri('restart.yaml');
    await client.open(policyUri, withPolicy);
    const value = await hover(policyUri, find(withPolicy, 'restartPolicy'));
    assert.ok(value);
    assert.match(value, /0, 10, 20, 40, 80, 160, 300, 300, … s/);
    assert.match(value, /pod-lifecycle\/#restart-policy/);
  });

  test('terminationGracePeriodSeconds and preStop: preStop → SIGTERM → SIGKILL', async () => {
    for (const needle of ['terminationGracePeriodSeconds', 'preStop']) {
      const value = await hover(uri, find(text, needle));
      assert.ok(value, needle);
      assert.match(value, /grace period \*\*40 s\*\*/);
      assert.match(value, /\| `api` \| 0 s → 5 s \| 5 s \| 40 s \|/);
    }
  });
});

describe('CodeLens', () => {
  const besteffort = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: be\nspec:\n  containers:\n  - name: a\n    image: x\n`;

  test('QoS, eviction risk and worst OOM score above each workload, and the simulation lens', async () => {
    const uri = uniqueUri('lens.yaml');
    await client.open(uri, `${pod}---\n${besteffort}`);
    const result = await client.lenses(uri);
    assert.deepEqual(
      result.map((lens) => [lens.range.start.line, lens.command?.title, lens.command?.command]),
      [
        [1, 'Burstable · eviction risk: medium · OOM score 985', 'podLens.showReasons'],
        [1, '▶ Simulate lifecycle', 'podLens.simulate'],
        [17, 'BestEffort · eviction risk: high · OOM score 1000', 'podLens.showReasons'],
        [17, '▶ Simulate lifecycle', 'podLens.simulate'],
      ],
    );
    assert.deepEqual(result[3].command?.arguments, [{ uri, document: 1 }]);
    const reasons = result[0].command?.arguments?.[0];
    assert.equal(reasons.qosClass, 'Burstable');
    assert.deepEqual(reasons.qosReasons, ['container app: memory request 256Mi ≠ limit 512Mi']);
    assert.equal(reasons.eviction.risk, 'medium');
  });

  test('lenses go out with a range and a small data only; the title comes with codeLens/resolve', async () => {
    const uri = uniqueUri('unresolved.yaml');
    await client.open(uri, `${pod}---\n${besteffort}`);
    await client.diagnostics(uri);
    const unresolved = await lenses(uri);
    assert.deepEqual(
      unresolved.map((lens) => [lens.range.start.line, lens.command, lens.data]),
      [
        [1, undefined, { uri, version: 1, document: 0, object: 0, lens: 0 }],
        [1, undefined, { uri, version: 1, document: 0, object: 0, lens: 1 }],
        [17, undefined, { uri, version: 1, document: 1, object: 0, lens: 0 }],
        [17, undefined, { uri, version: 1, document: 1, object: 0, lens: 1 }],
      ],
    );
    const resolved = await client.connection.sendRequest(CodeLensResolveRequest.type, unresolved[2]);
    assert.equal(resolved.command?.title, 'BestEffort · eviction risk: high · OOM score 1000');
    assert.deepEqual(resolved.range, unresolved[2].range);
  });

  test('a lens resolved after an edit moved its document finds the document now under its range', async () => {
    const uri = uniqueUri('moved.yaml');
    await client.open(uri, `${pod}---\n${besteffort}`);
    await client.diagnostics(uri);
    const old = await lenses(uri);
    // A new first document moves both pods 5 lines down and one index up.
    const inserted = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n`;
    await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: inserted }]);
    await client.diagnostics(uri, () => client.publications.at(-1)?.version === 2, 5000, false);
    // The stale lens of document 1 (version 1) at line 17 now lies in the Burstable pod (document 1 of version 2).
    const stale = await client.connection.sendRequest(CodeLensResolveRequest.type, old[2]);
    assert.equal(stale.command?.title, 'Burstable · eviction risk: medium · OOM score 985');
    const fresh = await client.lenses(uri);
    assert.deepEqual(
      fresh.map((lens) => [lens.range.start.line, lens.command?.title]),
      [
        [6, 'Burstable · eviction risk: medium · OOM score 985'],
        [6, '▶ Simulate lifecycle'],
        [22, 'BestEffort · eviction risk: high · OOM score 1000'],
        [22, '▶ Simulate lifecycle'],
      ],
    );
    assert.deepEqual(fresh[2].command?.arguments?.[0].document, 2);
  });

  test('a lens the server did not make, or of a closed file, comes back as it was', async () => {
    const foreign = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, data: { something: 'else' } };
    assert.deepEqual(await client.connection.sendRequest(CodeLensResolveRequest.type, foreign), foreign);
    const gone = { range: foreign.range, data: { uri: uniqueUri('never-opened.yaml'), version: 1, document: 0, lens: 0 } };
    assert.deepEqual(await client.connection.sendRequest(CodeLensResolveRequest.type, gone), gone);
  });

  test('podLens/simulate answers with the simulator JSON for that document', async () => {
    const uri = uniqueUri('simulate.yaml');
    await client.open(uri, pod);
    const result = (await client.connection.sendRequest('podLens/simulate', {
      uri,
      document: 0,
      scenario: { exit: [{ container: 'app', afterSeconds: 5, exitCode: 1 }] },
      until: 60,
    })) as {
      version: number;
      object: unknown;
      summary: { containers: Record<string, { restartDelays: number[] }> };
      model: { containers: { name: string; role: string }[] };
    };
    assert.equal(result.version, 1);
    // The pod model rides along so the webview can draw each container's lane with its role.
    assert.deepEqual(
      result.model.containers.map((c) => [c.name, c.role]),
      [['app', 'app']],
    );
    assert.deepEqual(result.object, { kind: 'Pod', name: 'web', document: 0 });
    assert.deepEqual(result.summary.containers.app.restartDelays.slice(0, 3), [0, 10, 20]);
    await assert.rejects(client.connection.sendRequest('podLens/simulate', { uri, document: 7 }), /has no document 7/);
  });

  test("podLens/simulate applies a Job's backoffLimit to its OnFailure pod", async () => {
    const uri = uniqueUri('simulate-job.yaml');
    const job = [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: once}',
      'spec:',
      '  backoffLimit: 2',
      '  template:',
      '    spec:',
      '      restartPolicy: OnFailure',
      '      containers:',
      '      - {name: worker, image: registry.example.com/worker:1}',
      '',
    ].join('\n');
    await client.open(uri, job);
    const result = (await client.connection.sendRequest('podLens/simulate', {
      uri,
      document: 0,
      scenario: { exit: [{ container: 'worker', afterSeconds: 5, exitCode: 1 }] },
      until: 60,
    })) as { events: { type: string }[]; summary: { phase: string } };
    assert.deepEqual(
      result.events.filter((e) => e.type === 'deleted'),
      [{ t: 20, type: 'deleted', reason: 'BackoffLimitExceeded' }],
    );
    assert.equal(result.summary.phase, 'Failed');
  });
});

describe('diagnostics', () => {
  test('exact ranges and codes, source pod-lens', async () => {
    const uri = uniqueUri('units.yaml');
    const text = pod.replace('memory: 256Mi', 'memory: 128m');
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri);
    const millibytes = diagnostics.find((d) => d.code === 'memory-millibytes');
    assert.ok(millibytes, JSON.stringify(diagnostics));
    assert.deepEqual(millibytes.range, { start: { line: 11, character: 16 }, end: { line: 11, character: 20 } });
    assert.equal(millibytes.severity, 2);
    assert.equal(millibytes.source, 'pod-lens');
  });

  test('an API error with Kubernetes wording; its quick fix is applied and the diagnostic is gone', async () => {
    const uri = uniqueUri('request-limit.yaml');
    const text = pod.replace('cpu: 500m', 'cpu: "2"');
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    const error = diagnostics.find((d) => d.code === 'request-exceeds-limit');
    assert.ok(error, JSON.stringify(diagnostics));
    assert.equal(error.severity, 1);
    assert.equal(error.message, 'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m');
    assert.deepEqual(error.range, { start: { line: 10, character: 13 }, end: { line: 10, character: 16 } });

    const actions = await actionsAt(uri, error.range.start, [error]);
    const lower = actions.find((a) => a.kind === 'quickfix' && /request to the limit/.test(a.title));
    assert.ok(lower, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(
      lower.diagnostics?.map((d) => d.code),
      ['request-exceeds-limit'],
    );
    await apply(uri, lower);
    assert.match(client.texts.get(uri)!, /requests:\n {8}cpu: "?500m"?\n/);
    const after = await client.diagnostics(uri, (d) => !codes(d).includes('request-exceeds-limit'), 5000, false);
    assert.ok(!codes(after).includes('request-exceeds-limit'));
  });

  test('a unit quick fix (128m → 128Mi) is preferred and re-analyzes clean', async () => {
    const uri = uniqueUri('fix-units.yaml');
    const text = pod.replace('memory: 256Mi', 'memory: 128m');
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, (d) => codes(d).includes('memory-millibytes'));
    const diagnostic = diagnostics.find((d) => d.code === 'memory-millibytes')!;
    const actions = await actionsAt(uri, diagnostic.range.start, [diagnostic]);
    const preferred = actions.filter((a) => a.kind === 'quickfix' && a.isPreferred);
    assert.equal(preferred.length, 1, JSON.stringify(actions));
    await apply(uri, preferred[0]);
    assert.match(client.texts.get(uri)!, /memory: 128Mi\n/);
    await client.diagnostics(uri, (d) => !codes(d).includes('memory-millibytes'), 5000, false);
  });

  test('changes streamed as incremental edits, one keystroke at a time', async () => {
    const uri = uniqueUri('typing.yaml');
    await client.open(uri, pod);
    await client.diagnostics(uri);
    // Replace "256Mi" by typing: delete it, then type "1", "2", "8", "m".
    const start = find(pod, '256Mi');
    await client.change(uri, [{ range: { start, end: { line: start.line, character: start.character + 5 } }, text: '' }]);
    for (const [i, key] of [...'128m'].entries()) {
      const at = { line: start.line, character: start.character + i };
      await client.change(uri, [{ range: { start: at, end: at }, text: key }]);
    }
    assert.match(client.texts.get(uri)!, /memory: 128m\n/);
    const diagnostics = await client.diagnostics(uri, (d) => codes(d).includes('memory-millibytes'), 5000, false);
    const millibytes = diagnostics.find((d) => d.code === 'memory-millibytes')!;
    assert.deepEqual(millibytes.range, { start, end: { line: start.line, character: start.character + 4 } });
    const published = client.publications.filter((p) => p.uri === uri);
    assert.equal(published[published.length - 1].version, client.versions.get(uri));
  });

  test('YAML that is not a Kubernetes object gets no diagnostics at all', async () => {
    const uri = uniqueUri('workflow.yaml');
    await client.open(uri, 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [\n');
    assert.deepEqual(await client.diagnostics(uri), []);
    assert.deepEqual(await lenses(uri), []);
    assert.equal(await hover(uri, { line: 0, character: 1 }), null);
  });

  test('a syntax error in one document spares the others', async () => {
    const uri = uniqueUri('multi.yaml');
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: broken\n  labels: {a: 1\nspec: {}\n';
    const good = pod.replace('memory: 256Mi', 'memory: 128m');
    const text = `${broken}---\n${good}`;
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, (d) => codes(d).includes('yaml-syntax'));
    assert.ok(
      diagnostics.every((d) => d.code !== 'yaml-syntax' || d.range.start.line < 6),
      JSON.stringify(diagnostics),
    );
    const millibytes = diagnostics.find((d) => d.code === 'memory-millibytes');
    assert.deepEqual(millibytes?.range, { start: { line: 18, character: 16 }, end: { line: 18, character: 20 } });
    const value = await hover(uri, find(text, 'kind', 0, 1));
    assert.ok(value?.startsWith('**Pod `web`**'));
    const lensTitles = (await client.lenses(uri)).map((lens) => lens.command?.title);
    assert.ok(lensTitles.includes('Burstable · eviction risk: medium · OOM score 999'), JSON.stringify(lensTitles));
  });

  test('a half-typed line is not flagged at once: the syntax error waits until typing pauses', async () => {
    const uri = uniqueUri('half-typed.yaml');
    await client.open(uri, pod);
    const before = await client.diagnostics(uri);
    const at = find(pod, '    resources:');
    const typedAt = Date.now();
    await client.change(uri, [{ range: { start: at, end: at }, text: '    resour\n' }]);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const meanwhile = client.latestDiagnostics(uri) ?? [];
    assert.ok(!codes(meanwhile).includes('yaml-syntax'), JSON.stringify(meanwhile));
    assert.deepEqual(codes(meanwhile), codes(before), 'the last good analysis stays');
    const later = await client.diagnostics(uri, (d) => codes(d).includes('yaml-syntax'), 3000, false);
    assert.ok(Date.now() - typedAt >= 450, 'held back about 500 ms');
    // go-yaml sees that the key has no ':' on the next line, and says so there, as kubectl prints it.
    const syntax = later.find((d) => d.code === 'yaml-syntax')!;
    assert.equal(syntax.range.start.line, at.line + 1);
    assert.equal(syntax.message, "yaml: line 10: could not find expected ':'");
  });

  test('each new version is published once, with its version, even when nothing changed', async () => {
    const uri = uniqueUri('dedupe.yaml');
    await client.open(uri, pod);
    await client.diagnostics(uri);
    const mine = () => client.publications.filter((p) => p.uri === uri);
    const before = mine().length;
    // A comment changes the text but no finding: the client still learns that version 2 is analyzed.
    const end = { line: 16, character: 0 };
    await client.change(uri, [{ range: { start: end, end }, text: '# a comment\n' }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(mine().length, before + 1);
    assert.deepEqual(mine()[before].diagnostics, mine()[before - 1].diagnostics);
  });
});

describe('refactorings', () => {
  test('Make Guaranteed on a workload: requests = limits, and the lens says Guaranteed', async () => {
    const uri = uniqueUri('guaranteed.yaml');
    await client.open(uri, pod);
    await client.diagnostics(uri);
    // Not a lightbulb on every line: an image line offers no workload refactoring.
    assert.equal(
      (await actionsAt(uri, find(pod, 'image:'))).some((a) => a.title === 'Make Guaranteed'),
      false,
    );
    const actions = await actionsAt(uri, find(pod, 'kind'));
    const make = actions.find((a) => a.title === 'Make Guaranteed');
    assert.ok(make, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(make.kind, 'refactor');
    await apply(uri, make);
    assert.match(client.texts.get(uri)!, /requests:\n {8}cpu: 500m\n {8}memory: 512Mi\n/);
    const titles = (await client.lenses(uri)).map((lens) => lens.command?.title);
    assert.equal(titles[0], 'Guaranteed · eviction risk: low · OOM score -997');
  });

  test('Write quantity canonically: 0.5 → 500m', async () => {
    const uri = uniqueUri('canonical.yaml');
    const text = pod.replace('cpu: 500m', 'cpu: 0.5');
    await client.open(uri, text);
    const actions = await actionsAt(uri, find(text, '0.5'));
    const rewrite = actions.find((a) => a.kind === 'refactor.rewrite');
    assert.ok(rewrite, JSON.stringify(actions.map((a) => a.title)));
    assert.match(rewrite.title, /Write quantity canonically/);
    await apply(uri, rewrite);
    assert.match(client.texts.get(uri)!, /requests:\n {8}cpu: 500m\n/);
  });
});

describe('robustness', () => {
  test('closed and unknown documents answer null or [] without an error', async () => {
    const uri = uniqueUri('closed.yaml');
    await client.open(uri, pod);
    await client.close(uri);
    await client.diagnostics(uri, (d) => d.length === 0);
    assert.equal(await hover(uri, { line: 1, character: 1 }), null);
    assert.deepEqual(await lenses(uri), []);
    assert.deepEqual(await actionsAt(uri, { line: 1, character: 1 }), []);
    assert.equal(await hover('file:///never-opened.yaml', { line: 0, character: 0 }), null);
  });

  test('a malformed request gets an error response and the server keeps serving', async () => {
    await assert.rejects(client.connection.sendRequest('podLens/simulate', { document: 0 }));
    await assert.rejects(client.connection.sendRequest('textDocument/hover', { position: null }));
    // Malformed parameters are the client's mistake: InvalidParams (-32602), not an internal error.
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri: 'file:///x.yaml' }, position: { line: 'a' } }],
      ['textDocument/codeLens', { textDocument: {} }],
      ['textDocument/codeAction', { textDocument: { uri: 'file:///x.yaml' }, range: null, context: { diagnostics: [] } }],
      [
        'textDocument/codeAction',
        { textDocument: { uri: 'file:///x.yaml' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: null },
      ],
      [
        'textDocument/codeAction',
        {
          textDocument: { uri: 'file:///x.yaml' },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [{}] },
        },
      ],
      ['codeLens/resolve', { data: { uri: 'file:///x.yaml', version: 1, document: 0, object: 0, lens: 0 } }],
      ['codeLens/resolve', null],
    ] as const) {
      await assert.rejects(client.connection.sendRequest(method, params), (error: { code?: number }) => error.code === -32602);
    }
    const uri = uniqueUri('alive.yaml');
    await client.open(uri, pod);
    assert.ok(await hover(uri, find(pod, 'kind')));
  });

  test('malformed notifications are logged and ignored: no half-opened file, no text out of step', async () => {
    const broken = uniqueUri('no-text.yaml');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: broken, languageId: 'yaml', version: 1 } });
    await client.connection.sendNotification('textDocument/didClose', {});
    assert.equal(await hover(broken, { line: 0, character: 0 }), null);

    const uri = uniqueUri('kept.yaml');
    await client.open(uri, pod);
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0 } }, text: 'x' }],
    });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 42 }] });
    // The text is still the opened one: the hover on `kind` answers where it was.
    assert.ok(await hover(uri, find(pod, 'kind')));
    const ignored = client.logs.filter((line) => line.includes('ignored a malformed'));
    assert.equal(ignored.length, 4, ignored.join('\n'));
    assert.match(
      ignored.join('\n'),
      /malformed textDocument\/didOpen[\s\S]*malformed textDocument\/didClose[\s\S]*malformed textDocument\/didChange[\s\S]*malformed textDocument\/didChange/,
    );
  });
});

describe('requests on hostile and odd documents', () => {
  // Nine levels of nine: expanding the annotations would make 387 million strings.
  const bombPod = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: bomb',
    '  annotations:',
    '    l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...Array.from({ length: 8 }, (_, i) => `    l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(',')}]`),
    'spec:',
    '  containers:',
    '  - name: app',
    '    image: app:1',
    '    livenessProbe:',
    '      httpGet: {path: /healthz, port: 8080}',
    '',
  ].join('\n');

  test('an alias bomb: kubectl refuses it in its words, and hover and podLens/simulate answer at once', async () => {
    const uri = uniqueUri('bomb.yaml');
    await client.open(uri, bombPod);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message]),
      [['yaml-syntax', 'yaml: document contains excessive aliasing']],
    );
    assert.equal(await hover(uri, find(bombPod, 'livenessProbe')), null);
    await assert.rejects(
      client.connection.sendRequest('podLens/simulate', { uri, document: 0, until: 60 }),
      (error: { code?: number; message?: string }) => error.code === -32602 && /not a pod/.test(error.message ?? ''),
    );
  });

  test('podLens/simulate takes a position: the server decides which document holds it', async () => {
    const uri = uniqueUri('two.yaml');
    const second = pod.replace('name: web', 'name: second');
    const text = `${pod}---\n${second}`;
    await client.open(uri, text);
    const at = find(text, 'name: second');
    const result = (await client.connection.sendRequest('podLens/simulate', { uri, position: at, until: 30 })) as {
      object: { name: string; document: number };
    };
    assert.deepEqual([result.object.name, result.object.document], ['second', 1]);
    await assert.rejects(
      client.connection.sendRequest('podLens/simulate', { uri, position: { line: 'x', character: 0 } }),
      (error: { code?: number }) => error.code === -32602,
    );
  });

  test('a misplaced resources block gets the move fix once', async () => {
    const uri = uniqueUri('misplaced.yaml');
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      'spec:',
      '  containers:',
      '  - name: app',
      '    image: registry.example/web:1',
      '    env:',
      '    - name: A',
      '      value: b',
      '      resources:',
      '        limits:',
      '          memory: 512Mi',
      '',
    ].join('\n');
    await client.open(uri, text);
    const diagnostics = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-field'));
    const unknown = diagnostics.find((d) => d.code === 'unknown-field')!;
    const actions = await actionsAt(uri, unknown.range.start, [unknown]);
    const moves = actions.filter((a) => /resources/i.test(a.title) && a.kind === 'quickfix');
    assert.equal(moves.length, 1, moves.map((a) => a.title).join('\n'));
  });
});

describe('the process entry the extension starts', () => {
  test('out/server/src/lsp/main.js serves LSP (the unbundled fallback)', async () => {
    const entry = await TestClient.start({ command: ['out/server/src/lsp/main.js', '--stdio'] });
    try {
      const uri = 'file:///work/entry.yaml';
      await entry.open(uri, pod);
      const diagnostics = await entry.diagnostics(uri);
      assert.ok(Array.isArray(diagnostics));
      const answer = (await entry.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: find(pod, 'cpu: 500m') })) as Hover | null;
      assert.match((answer?.contents as MarkupContent | undefined)?.value ?? '', /cpu\.shares/);
    } finally {
      await entry.stop();
    }
  });
});
