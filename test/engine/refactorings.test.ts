import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeDocumentDetail, analyzeText } from '../../server/src/engine/analyze';
import { parseSlice, splitDocuments } from '../../server/src/engine/documents';
import { canonicalQuantity, makeGuaranteed, moveMisplacedResources } from '../../server/src/engine/refactorings';
import { applyEdits, editContext, setEntries, tree } from '../../server/src/engine/refactorings/yaml-edits';
import { adviceContext, crlf, testNode, yaml } from './rules/advice-context';

/**
 * Each refactoring on real manifests: the exact text it produces, and what
 * the engine makes of that text (QoS class, no unknown field, same values).
 */

const pod = (...lines: string[]) => yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:', ...lines);

function analyzed(text: string) {
  const object = analyzeText(text, { node: testNode }).documents[0].objects[0]!;
  assert.ok(object, 'a workload');
  return object;
}

function comments(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line) => /#.*$/.exec(line)?.[0] ?? []);
}

// ---------------------------------------------------------------- makeGuaranteed

interface GuaranteedCase {
  name: string;
  yaml: string;
  /** The text after the fix, or null when no fix is possible. */
  fixed: string | null;
  reasons?: string[];
}

const guaranteedCases: GuaranteedCase[] = [
  {
    name: 'requests only: limits copied as written, block inserted after requests',
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        cpu: "500m" # half a core',
      '        memory: 256Mi',
      '    ports:',
      '    - containerPort: 80',
    ),
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        cpu: "500m" # half a core',
      '        memory: 256Mi',
      '      limits:',
      '        cpu: "500m"',
      '        memory: 256Mi',
      '    ports:',
      '    - containerPort: 80',
    ),
  },
  {
    name: 'requests below limits are raised to them; a missing request is written out',
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        cpu: 100m',
      '      limits:',
      '        cpu: 1',
      '        memory: 1Gi',
    ),
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    resources:',
      '      requests:',
      '        cpu: 1',
      '        memory: 1Gi',
      '      limits:',
      '        cpu: 1',
      '        memory: 1Gi',
    ),
  },
  {
    name: 'flow style, init container and sidecar included',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  initContainers:',
      '  - name: proxy',
      '    image: proxy:1',
      '    restartPolicy: Always',
      '    resources: {requests: {cpu: 50m, memory: 32Mi}}',
      '  - name: migrate',
      '    image: m:1',
      '    resources: {limits: {cpu: 200m, memory: 64Mi}}',
      '  containers:',
      '  - name: app',
      '    image: app:1',
      '    resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 200m, memory: 128Mi}}',
    ),
    fixed: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  initContainers:',
      '  - name: proxy',
      '    image: proxy:1',
      '    restartPolicy: Always',
      '    resources: {requests: {cpu: 50m, memory: 32Mi}, limits: {cpu: 50m, memory: 32Mi}}',
      '  - name: migrate',
      '    image: m:1',
      '    resources: {limits: {cpu: 200m, memory: 64Mi}, requests: {cpu: 200m, memory: 64Mi}}',
      '  containers:',
      '  - name: app',
      '    image: app:1',
      '    resources: {requests: {cpu: 200m, memory: 128Mi}, limits: {cpu: 200m, memory: 128Mi}}',
    ),
  },
  {
    name: 'CRLF and four-space indentation are kept; an empty `resources:` value gets the block',
    yaml: crlf(
      yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '    name: d',
        'spec:',
        '    selector:',
        '        matchLabels: {app: d}',
        '    template:',
        '        metadata:',
        '            labels: {app: d}',
        '        spec:',
        '            containers:',
        '                - name: app',
        '                  image: app:1',
        '                  resources:',
        '                      requests:',
        '                          cpu: 250m',
        '                          memory: 64Mi',
        '                - name: b',
        '                  image: b:1',
        '                  resources:',
        '                      limits: {cpu: 100m, memory: 32Mi}',
      ),
    ),
    fixed: crlf(
      yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '    name: d',
        'spec:',
        '    selector:',
        '        matchLabels: {app: d}',
        '    template:',
        '        metadata:',
        '            labels: {app: d}',
        '        spec:',
        '            containers:',
        '                - name: app',
        '                  image: app:1',
        '                  resources:',
        '                      requests:',
        '                          cpu: 250m',
        '                          memory: 64Mi',
        '                      limits:',
        '                          cpu: 250m',
        '                          memory: 64Mi',
        '                - name: b',
        '                  image: b:1',
        '                  resources:',
        '                      limits: {cpu: 100m, memory: 32Mi}',
        '                      requests:',
        '                          cpu: 100m',
        '                          memory: 32Mi',
      ),
    ),
  },
  {
    name: 'pod-level resources decide alone: only they change',
    yaml: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  resources:',
      '    requests: {cpu: "1", memory: 1Gi}',
      '  containers:',
      '  - name: app',
      '    image: app:1',
    ),
    fixed: yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  resources:',
      '    requests: {cpu: "1", memory: 1Gi}',
      '    limits:',
      '      cpu: "1"',
      '      memory: 1Gi',
      '  containers:',
      '  - name: app',
      '    image: app:1',
    ),
  },
  {
    name: 'a container with neither request nor limit cannot be made Guaranteed',
    yaml: pod('  - name: app', '    image: app:1', '    resources: {requests: {cpu: 100m}}', '  - name: bare', '    image: bare:1'),
    fixed: null,
    reasons: [
      'container app sets no memory request or limit: Guaranteed needs one, and only its author knows how much memory it needs.',
      'container bare sets no cpu request or limit: Guaranteed needs one, and only its author knows how much cpu it needs.',
      'container bare sets no memory request or limit: Guaranteed needs one, and only its author knows how much memory it needs.',
    ],
  },
  {
    name: 'already Guaranteed',
    yaml: pod('  - name: app', '    image: app:1', '    resources: {limits: {cpu: 1, memory: 1Gi}}'),
    fixed: null,
    reasons: ['The pod is already Guaranteed.'],
  },
];

for (const c of guaranteedCases) {
  test(`makeGuaranteed: ${c.name}`, () => {
    const result = makeGuaranteed(adviceContext(c.yaml));
    if (c.fixed === null) {
      assert.equal(result.fix, null);
      assert.deepEqual(result.reasons, c.reasons);
      return;
    }
    assert.ok(result.fix, `a fix: ${result.reasons.join(' ')}`);
    assert.equal(result.fix.title, 'Make the pod Guaranteed (requests = limits for cpu and memory)');
    const fixed = applyEdits(c.yaml, result.fix.edits);
    assert.equal(fixed, c.fixed);
    const object = analyzed(fixed);
    assert.equal(object.invalid, false);
    assert.equal(object.analysis!.qos.qosClass, 'Guaranteed');
    assert.deepEqual(comments(fixed), comments(c.yaml));
    // Applying it again finds nothing left to do.
    assert.equal(makeGuaranteed(adviceContext(fixed)).fix, null);
  });
}

// ---------------------------------------------------------------- moveMisplacedResources

interface MoveCase {
  name: string;
  yaml: string;
  /** The misplaced key: the n-th (0-based) `resources:` in the text. */
  occurrence: number;
  fixed: string | null;
}

const moveCases: MoveCase[] = [
  {
    name: 'the seed: `resources:` empty under an env item, requests/limits as its siblings',
    yaml: pod(
      '  - name: db',
      '    image: mysql',
      '    env:',
      '    - name: MYSQL_ROOT_PASSWORD',
      '      value: "password"',
      '      resources:',
      '      requests:',
      '        memory: "64Mi"',
      '        cpu: "250m"',
      '      limits:',
      '        memory: "128Mi"',
      '        cpu: "500m"',
      '  - name: wp',
      '    image: wordpress',
    ),
    occurrence: 0,
    fixed: pod(
      '  - name: db',
      '    image: mysql',
      '    env:',
      '    - name: MYSQL_ROOT_PASSWORD',
      '      value: "password"',
      '    resources:',
      '      requests:',
      '        memory: "64Mi"',
      '        cpu: "250m"',
      '      limits:',
      '        memory: "128Mi"',
      '        cpu: "500m"',
      '  - name: wp',
      '    image: wordpress',
    ),
  },
  {
    name: 'examples/misindented-resources.yaml: nested block, re-indented in place',
    yaml: pod(
      '  - name: mysql',
      '    image: mysql:8.4',
      '    env:',
      '    - name: MYSQL_ROOT_PASSWORD',
      '      value: "password"',
      '      resources:',
      '        requests:',
      '          memory: "64Mi"',
      '        limits:',
      '          memory: "128Mi"',
    ),
    occurrence: 0,
    fixed: pod(
      '  - name: mysql',
      '    image: mysql:8.4',
      '    env:',
      '    - name: MYSQL_ROOT_PASSWORD',
      '      value: "password"',
      '    resources:',
      '      requests:',
      '        memory: "64Mi"',
      '      limits:',
      '        memory: "128Mi"',
    ),
  },
  {
    name: 'in the middle of env, with comments inside: cut and inserted after env',
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    env:',
      '    - name: A',
      '      value: "1"',
      '      resources:',
      '        # sized by load test 42',
      '        requests: {cpu: 100m}',
      '        limits:',
      '          memory: 1Gi # peak',
      '    - name: B',
      '      value: "2"',
      '    ports:',
      '    - containerPort: 80',
    ),
    occurrence: 0,
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    env:',
      '    - name: A',
      '      value: "1"',
      '    - name: B',
      '      value: "2"',
      '    resources:',
      '      # sized by load test 42',
      '      requests: {cpu: 100m}',
      '      limits:',
      '        memory: 1Gi # peak',
      '    ports:',
      '    - containerPort: 80',
    ),
  },
  {
    name: 'under ports[0], CRLF, in an init container',
    yaml: crlf(
      yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: p',
        'spec:',
        '  initContainers:',
        '    - name: init',
        '      image: init:1',
        '      ports:',
        '        - containerPort: 8080',
        '          resources:',
        '            limits: {memory: 64Mi}',
        '  containers:',
        '    - name: app',
        '      image: app:1',
      ),
    ),
    occurrence: 0,
    fixed: crlf(
      yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: p',
        'spec:',
        '  initContainers:',
        '    - name: init',
        '      image: init:1',
        '      ports:',
        '        - containerPort: 8080',
        '      resources:',
        '        limits: {memory: 64Mi}',
        '  containers:',
        '    - name: app',
        '      image: app:1',
      ),
    ),
  },
  {
    name: 'a flow-style block on one line',
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    env:',
      '    - name: A',
      '      value: "1"',
      '      resources: {limits: {memory: 64Mi}}',
      '    - name: B',
      '      value: "2"',
    ),
    occurrence: 0,
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    env:',
      '    - name: A',
      '      value: "1"',
      '    - name: B',
      '      value: "2"',
      '    resources: {limits: {memory: 64Mi}}',
    ),
  },
  {
    name: 'not misplaced: resources directly in the container',
    yaml: pod('  - name: app', '    image: app:1', '    resources:', '      limits: {memory: 64Mi}'),
    occurrence: 0,
    fixed: null,
  },
  {
    name: 'the container already has resources: no guess which one wins',
    yaml: pod(
      '  - name: app',
      '    image: app:1',
      '    env:',
      '    - name: A',
      '      value: "1"',
      '      resources: {limits: {memory: 64Mi}}',
      '    resources: {limits: {memory: 128Mi}}',
    ),
    occurrence: 0,
    fixed: null,
  },
];

function nthIndex(text: string, search: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(search, at + 1);
  return at;
}

for (const c of moveCases) {
  test(`moveMisplacedResources: ${c.name}`, () => {
    const slice = splitDocuments(c.yaml)[0];
    const parsed = parseSlice(slice);
    const start = nthIndex(c.yaml, 'resources', c.occurrence);
    const fix = moveMisplacedResources(parsed.document, slice.text, { start, end: start + 'resources'.length });
    if (c.fixed === null) {
      assert.equal(fix, null);
      return;
    }
    assert.ok(fix);
    assert.equal(fix.title, 'Move resources to the container');
    const fixed = applyEdits(c.yaml, fix.edits);
    assert.equal(fixed, c.fixed);
    assert.deepEqual(comments(fixed), comments(c.yaml));
    const before = analyzed(c.yaml).findings.filter((f) => f.code === 'unknown-field');
    assert.ok(before.length >= 1, 'the original has unknown fields');
    const object = analyzed(fixed);
    assert.deepEqual(
      object.findings.filter((f) => f.code === 'unknown-field'),
      [],
    );
    assert.equal(object.invalid, false);
    // The moved values are now the container's.
    const detail = analyzeDocumentDetail(splitDocuments(fixed)[0], { node: testNode }).objects[0]!;
    assert.ok(detail.model!.containers.some((co) => (co.resources?.limits?.entries.length ?? 0) + (co.resources?.requests?.entries.length ?? 0) > 0));
  });
}

// ---------------------------------------------------------------- canonicalQuantity

const canonicalCases: { written: string; canonical: string | null }[] = [
  { written: '0.5', canonical: '500m' },
  { written: '1024Mi', canonical: '1Gi' },
  { written: '"1000m"', canonical: '"1"' },
  { written: "'1.5Gi'", canonical: "'1536Mi'" },
  { written: '"0.1"', canonical: '"100m"' },
  { written: '2048Ki', canonical: '2Mi' },
  { written: '1000M', canonical: '1G' },
  { written: '500m', canonical: null },
  { written: '1Gi', canonical: null },
  { written: '"2"', canonical: null },
  // Plain 129e6 is a YAML float: the API server receives the JSON number 129000000.
  { written: '129e6', canonical: '129M' },
  // A string already canonical in upstream's eyes: String() keeps the text as written.
  { written: '"129e6"', canonical: null },
];

for (const c of canonicalCases) {
  test(`canonicalQuantity: ${c.written} → ${c.canonical ?? '(unchanged)'}`, () => {
    for (const style of ['block', 'flow'] as const) {
      const text =
        style === 'block'
          ? pod('  - name: app', '    image: app:1', '    resources:', '      requests:', `        cpu: ${c.written} # note`)
          : pod('  - name: app', '    image: app:1', `    resources: {requests: {cpu: ${c.written}}}`);
      const context = adviceContext(text);
      const entry = context.model.containers[0].resources!.requests!.byName.get('cpu')!;
      const fix = canonicalQuantity(entry, context.text);
      if (c.canonical === null) {
        assert.equal(fix, null);
        continue;
      }
      assert.ok(fix);
      const fixed = applyEdits(text, fix.edits);
      assert.equal(fixed, text.replace(`cpu: ${c.written}`, `cpu: ${c.canonical}`));
      const after = adviceContext(fixed).model.containers[0].resources!.requests!.byName.get('cpu')!;
      assert.equal((after.decoded as { cmp(o: unknown): number }).cmp(entry.decoded), 0, 'same value');
      assert.equal(canonicalQuantity(after, fixed), null, 'canonical now');
    }
  });
}

test('canonicalQuantity: CRLF text, memory', () => {
  const text = crlf(pod('  - name: app', '    image: app:1', '    resources:', '      limits:', '        memory: 1048576Ki'));
  const context = adviceContext(text);
  const fix = canonicalQuantity(context.model.containers[0].resources!.limits!.byName.get('memory')!, context.text)!;
  assert.equal(fix.title, 'Write memory 1048576Ki as 1Gi');
  assert.equal(applyEdits(text, fix.edits), text.replace('1048576Ki', '1Gi'));
});

// ---------------------------------------------------------------- setEntries (the edit primitive the fixes share)

const setCases: { name: string; yaml: string; fixed: string }[] = [
  {
    name: 'a null `resources: ~` keeps its comment and gets a block',
    yaml: pod('  - name: app', '    image: app:1', '    resources: ~ # later', '    ports: [{containerPort: 80}]'),
    fixed: pod('  - name: app', '    image: app:1', '    resources: # later', '      limits:', '        memory: 1Gi', '    ports: [{containerPort: 80}]'),
  },
  {
    name: 'an empty `resources:` at the end of the file',
    yaml: pod('  - name: app', '    image: app:1', '    resources:'),
    fixed: pod('  - name: app', '    image: app:1', '    resources:', '      limits:', '        memory: 1Gi'),
  },
  {
    name: 'an empty flow map',
    yaml: pod('  - name: app', '    image: app:1', '    resources: {}'),
    fixed: pod('  - name: app', '    image: app:1', '    resources: {limits: {memory: 1Gi}}'),
  },
  {
    name: 'an empty leaf value',
    yaml: pod('  - name: app', '    image: app:1', '    resources:', '      limits:', '        memory:', '        cpu: 1'),
    fixed: pod('  - name: app', '    image: app:1', '    resources:', '      limits:', '        memory: 1Gi', '        cpu: 1'),
  },
  {
    name: 'a block scalar ends the container: the new key goes after it; a comment at the key column may be about what follows, so it stays below',
    yaml: pod('  - name: app', '    image: app:1', '    args:', '    - |', '      run', '      # not a comment', '    # about args', '  # about the pod'),
    fixed: pod(
      '  - name: app',
      '    image: app:1',
      '    args:',
      '    - |',
      '      run',
      '      # not a comment',
      '    resources:',
      '      limits:',
      '        memory: 1Gi',
      '    # about args',
      '  # about the pod',
    ),
  },
];

for (const c of setCases) {
  test(`setEntries: ${c.name}`, () => {
    const context = adviceContext(c.yaml);
    const edits = setEntries(
      editContext(context.document, context.text),
      context.model.containers[0].node,
      tree([['resources', tree([['limits', tree([['memory', '1Gi']])]])]]),
    );
    assert.ok(edits);
    assert.equal(applyEdits(c.yaml, edits), c.fixed);
  });
}

test('setEntries: a key holding a list where a map is needed is not touched', () => {
  const text = pod('  - name: app', '    image: app:1', '    resources: [oops]');
  const context = adviceContext(text);
  assert.equal(setEntries(editContext(context.document, context.text), context.model.containers[0].node, tree([['resources', tree([['limits', '1']])]])), null);
});
