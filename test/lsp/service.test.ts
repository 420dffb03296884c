import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeDocumentDetail, analyzeText } from '../../server/src/engine/analyze';
import { documentIndexAt, splitDocuments } from '../../server/src/engine/documents';
import { codeActions } from '../../server/src/service/codeActions';
import { codeLenses } from '../../server/src/service/codeLens';
import { fileDiagnostics } from '../../server/src/service/diagnostics';
import { analyzedFile, currentViews } from '../../server/src/service/document';
import { doHover } from '../../server/src/service/hover';
import { backoffSchedule } from '../../server/src/service/lifecycle';
import { targetAt } from '../../server/src/service/locate';
import { explainTotal } from '../../server/src/service/hover/arithmetic';
import { LineMap } from '../../server/src/service/positions';
import { defaultSettings, readSettings } from '../../server/src/service/settings';
import { changedLines, FileAnalyses, spanTranslator } from '../../server/src/lsp/fileAnalyses';
import { find } from './client';

/** The language service's modules, without a server: pure functions of engine results. */

const uri = 'file:///unit.yaml';
const analyze = (text: string, version = 1) => analyzedFile(uri, version, analyzeText(text));

function hoverText(text: string, needle: string, shift = 0, nth = 0): string | null {
  const result = doHover(analyze(text), find(text, needle, shift, nth), defaultSettings);
  return result ? (result.contents as { value: string }).value : null;
}

const podWith = (resources: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:${extra}
  containers:
  - name: app
    image: x
    resources:
${resources}`;

describe('positions', () => {
  test('LF, CRLF and lone CR all end lines; characters are UTF-16 units', () => {
    const lines = new LineMap('a: 1\r\nb: ü\rc: 😀x\n');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(lines.positionAt(6), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(11), { line: 2, character: 0 });
    assert.equal(lines.offsetAt({ line: 2, character: 6 }), 17);
    assert.equal(lines.offsetAt({ line: 2, character: 7 }), null, 'past the end of the line');
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), null, 'past the last line');
    assert.equal(lines.clampedOffsetAt({ line: 0, character: 99 }), 4);
    assert.equal(lines.clampedOffsetAt({ line: 99, character: 0 }), 18);
  });

  // Found by the one-hour run (server-requests): the parser ended an error between the \r and the \n
  // of `command:\r\n`, and the diagnostic's end became character 20 of a 19-character line.
  test('an offset between the \\r and the \\n of a line break is the end of its line', () => {
    const lines = new LineMap('a: 1\r\nb: 2\r\n');
    assert.deepEqual(lines.positionAt(4), { line: 0, character: 4 });
    assert.deepEqual(lines.positionAt(5), { line: 0, character: 4 }, 'not character 5 of a 4-character line');
    assert.deepEqual(lines.positionAt(6), { line: 1, character: 0 });
    assert.deepEqual(lines.range(0, 4, 5), { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } });
  });

  test('a long text: its lines as a split at LF, CRLF and lone CR gives them, whichever breaks it uses', () => {
    const body = Array.from({ length: 3000 }, (_, i) => `key${i}: ${'x'.repeat(i % 7)}`);
    for (const text of [body.join('\n'), body.join('\r\n') + '\r\n', body.join('\n') + '\r' + body.join('\n'), '\n'.repeat(5000) + 'a']) {
      const lines = new LineMap(text);
      const expected = text.split(/\r\n|\r|\n/);
      assert.equal(lines.lineCount, expected.length);
      let offset = 0;
      expected.forEach((line, i) => {
        if (i % 97 === 0 || i === expected.length - 1) assert.deepEqual(lines.positionAt(offset), { line: i, character: 0 });
        offset += line.length + (text.startsWith('\r\n', offset + line.length) ? 2 : 1);
      });
    }
  });

  test('ranges of document-relative offsets use the document base', () => {
    const lines = new LineMap('a: 1\n---\nb: 2\n');
    assert.deepEqual(lines.range(9, 3, 4), { start: { line: 2, character: 3 }, end: { line: 2, character: 4 } });
  });
});

describe('settings', () => {
  test('valid values are converted, bad ones fall back with a problem', () => {
    const { settings, problems } = readSettings({
      node: { cpu: '8', memory: 'lots' },
      cgroupDriver: 'cgroupfs',
      diagnostics: { severity: { 'memory-millibytes': 'off', 'missing-cpu-limit': 'loud' } },
      codeLens: { enabled: false },
    });
    assert.equal(settings.node.cpuMilli, 8000n);
    assert.equal(settings.node.memoryBytes, 16n * 1024n ** 3n);
    assert.equal(settings.cgroupDriver, 'cgroupfs');
    assert.equal(settings.severity.get('memory-millibytes'), 'off');
    assert.equal(settings.severity.has('missing-cpu-limit'), false);
    assert.equal(settings.codeLensEnabled, false);
    assert.equal(problems.length, 2);
  });

  test('podLens.namespace: the namespace of objects that name none, and of charts unless podLens.helm.namespace is set', () => {
    const namespaces = (section: unknown) => {
      const { settings, problems } = readSettings(section);
      return [settings.namespace, settings.helm.namespace, problems];
    };
    assert.deepEqual(namespaces({}), ['default', 'default', []]);
    assert.deepEqual(namespaces({ namespace: 'team' }), ['team', 'team', []]);
    assert.deepEqual(namespaces({ namespace: 'team', helm: { namespace: '' } }), ['team', 'team', []]);
    assert.deepEqual(namespaces({ namespace: 'team', helm: { namespace: 'prod' } }), ['team', 'prod', []]);
    assert.deepEqual(namespaces({ namespace: 7 }), ['default', 'default', ['podLens.namespace: 7 is not a string; using "default"']]);
  });

  test('nothing configured means the defaults', () => {
    assert.deepEqual(readSettings(undefined), { settings: defaultSettings, problems: [] });
  });

  test('podLens.helm.charts: per chart directory, spelled any way; a wrong shape is a problem, never a throw', () => {
    const { settings, problems } = readSettings({
      helm: {
        valuesFiles: ['values-ci.yaml'],
        charts: {
          './deploy/web/': { valuesFiles: ['values-prod.yaml'] },
          api: { set: ['replicaCount=3'] },
          broken: 'values-prod.yaml',
          '.': { valuesFiles: 'x' },
        },
      },
    });
    assert.deepEqual(
      [...settings.helm.charts],
      [
        ['deploy/web', { valuesFiles: ['values-prod.yaml'] }],
        ['api', { set: ['replicaCount=3'] }],
        ['.', { valuesFiles: [] }],
      ],
    );
    assert.deepEqual(settings.helm.valuesFiles, ['values-ci.yaml']);
    assert.deepEqual(problems, [
      'podLens.helm.charts["broken"]: "values-prod.yaml" is not an object with valuesFiles and set; ignored',
      'podLens.helm.charts["."].valuesFiles: "x" is not a list of strings; ignored',
    ]);
    assert.deepEqual(readSettings({ helm: { charts: [1] } }).problems, ['podLens.helm.charts: [1] is not an object of chart directories; ignored']);
  });
});

describe('locate', () => {
  const text = podWith('      requests:\n        cpu: 250m\n', '\n  restartPolicy: Never');
  const file = analyzeText(text);

  test('documentIndexAt: the end of the text belongs to the last document', () => {
    const slices = file.documents.map((d) => d.slice);
    assert.equal(documentIndexAt(slices, text.length), 0);
    assert.equal(documentIndexAt(slices, text.length + 1), -1);
  });

  test('documentIndexAt: a blank line after `...` belongs to the document the next `---` ends, as kubectl cuts the file', () => {
    // The client once split documents itself; the server's split is the only one now, and it is kubectl's.
    const stream = 'a: 1\n\n\n\n...\n\n---\nb: 2\n';
    assert.equal(documentIndexAt(splitDocuments(stream), 12), 0);
    assert.equal(documentIndexAt(splitDocuments(stream), 3), 0);
    assert.equal(documentIndexAt(splitDocuments(stream), stream.indexOf('---')), -1);
    assert.equal(documentIndexAt(splitDocuments(stream), stream.indexOf('b')), 1);
  });

  test('targets: quantity key and value, container, workload, restartPolicy', () => {
    const object = analyzeDocumentDetail(file.documents[0].slice, { node: defaultSettings.node }).objects[0]!;
    const at = (needle: string, shift = 0) => targetAt(object, text.indexOf(needle) + shift)?.kind ?? null;
    assert.equal(at('cpu'), 'quantity');
    assert.equal(at('250m', 2), 'quantity');
    assert.equal(at('app'), 'container');
    assert.equal(at('resources'), 'container');
    assert.equal(at('kind'), 'workload');
    assert.equal(at('restartPolicy'), 'restartPolicy');
    assert.equal(at('image'), null);
    assert.equal(at('requests'), null);
  });
});

describe('hovers of less common values', () => {
  test('a CPU limit under 10m: the 1 ms minimum quota', () => {
    const text = podWith('      limits:\n        cpu: 5m\n        memory: 64Mi\n');
    const value = hoverText(text, '5m');
    assert.ok(value);
    assert.match(value, /`1000 µs per 100000 µs`/);
    assert.match(value, /1 ms minimum: `5m` is written as 1000 µs, exactly what `10m` gives/);
  });

  test('hugepages: the pod cgroup hugetlb limit', () => {
    const text = podWith(
      '      requests:\n        memory: 64Mi\n        hugepages-2Mi: 4Mi\n      limits:\n        memory: 64Mi\n        hugepages-2Mi: 4Mi\n',
    );
    const value = hoverText(text, 'hugepages-2Mi: 4Mi', 15);
    assert.ok(value);
    assert.match(value, /= 4194304 bytes = 2 pages of 2Mi/);
    assert.match(value, /`hugetlb\.2MB\.max` = `4194304`/);
  });

  test('init container and sidecar arithmetic is spelled out on the workload', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  initContainers:
  - name: proxy
    image: x
    restartPolicy: Always
    resources: {requests: {cpu: 100m}}
  - name: migrate
    image: x
    resources: {requests: {cpu: "2"}}
  containers:
  - name: app
    image: x
    resources: {requests: {cpu: 500m}}
`;
    const analysis = analyzeDocumentDetail(splitDocuments(text)[0], { node: defaultSettings.node }).objects[0]!.analysis!;
    assert.equal(
      explainTotal(analysis.pod, 'requests', 'cpu'),
      "app 500m + sidecar proxy 100m = 600m; init migrate 2 + sidecars before it 100m = 2100m; the larger is init migrate's step: 2100m",
    );
    assert.match(hoverText(text, 'kind')!, /\| CPU \| 2100m \| none \|/);
  });

  test('a refused workload shows its numbers under one line that says it is refused and why', () => {
    const text = podWith('      requests:\n        cpu: "2"\n      limits:\n        cpu: "1"\n');
    const refused = '⚠ **Refused by the API server**: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1';
    const workload = hoverText(text, 'kind')!;
    assert.equal(workload.split('\n\n')[0], refused);
    assert.match(workload, /\*\*Pod `p`\*\* — \*\*Burstable\*\*/);
    const request = hoverText(text, '"2"')!;
    assert.equal(request.split('\n\n')[0], refused);
    assert.match(request, /\*\*CPU request `2`\*\* = 2 cores/);
    assert.match(request, /\| v1 `cpu.shares` \| 2048 \|/);
    const limit = hoverText(text, '"1"')!;
    assert.equal(limit.split('\n\n')[0], refused);
    assert.match(limit, /100000 µs per 100000 µs|100000 100000/);
    // The lens keeps saying that the object is refused, with no numbers.
    const analyzed = analyze(text);
    const [reasons] = codeLenses(uri, currentViews(analyzed.file), analyzed.lines);
    assert.equal(reasons.command!.title, 'Refused by the API server: 1 error');
  });

  test('a Deployment still without its selector: the request typed in it has its numbers', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    metadata:',
      '      labels: {app: web}',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: nginx:1.27',
      '        resources:',
      '          requests:',
      '            cpu: 250m',
      '',
    ].join('\n');
    const hover = hoverText(text, '250m')!;
    assert.equal(hover.split('\n\n')[0], '⚠ **Refused by the API server**: spec.selector: Required value (and 1 more error)');
    assert.match(hover, /\| v1 `cpu.shares` \| 256 \|/);
    assert.match(hoverText(text, '- name', 2)!, /^⚠ \*\*Refused by the API server\*\*: spec.selector: Required value/);
  });

  test('an apiVersion kubectl cannot send: no numbers at all, and the workload hover says why', () => {
    const text = [
      'apiVersion: extensions/v1beta1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: nginx:1.27',
      '        resources: {requests: {cpu: 250m}}',
      '',
    ].join('\n');
    assert.equal(
      hoverText(text, 'kind'),
      '**Deployment `web`**: kubectl would not send it, so there are no numbers yet.\n\n- no matches for kind "Deployment" in version "extensions/v1beta1"',
    );
    assert.equal(hoverText(text, '250m'), null);
    const analyzed = analyze(text);
    const [reasons] = codeLenses(uri, currentViews(analyzed.file), analyzed.lines);
    assert.equal(reasons.command!.title, 'Refused by the API server: 1 error');
  });
});

describe('lifecycle', () => {
  test("the back-off schedule is the simulator's", () => {
    assert.deepEqual(backoffSchedule(9), [0, 10, 20, 40, 80, 160, 300, 300, 300]);
  });
});

describe('diagnostics, lenses, actions', () => {
  const text = podWith('      requests:\n        cpu: 0.5\n        memory: 128m\n      limits:\n        cpu: 500m\n        memory: 1Gi\n');

  test('severity overrides: off drops the finding, a new severity replaces the default', () => {
    const analyzed = analyze(text);
    const settings = {
      ...defaultSettings,
      severity: new Map([
        ['memory-millibytes', 'off' as const],
        ['missing-cpu-limit', 'hint' as const],
      ]),
    };
    const all = fileDiagnostics(currentViews(analyzed.file), analyzed.lines, defaultSettings);
    const some = fileDiagnostics(currentViews(analyzed.file), analyzed.lines, settings);
    assert.ok(all.some((d) => d.code === 'memory-millibytes'));
    assert.ok(!some.some((d) => d.code === 'memory-millibytes'));
  });

  test("a container's missing requests and limits are one diagnostic; settings act on each part", () => {
    const bare =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: app\n    image: x\n    resources: {requests: {memory: 256Mi}}\n';
    const analyzed = analyze(bare);
    const shown = (severity: [string, 'off' | 'error' | 'warning' | 'information' | 'hint'][]) =>
      fileDiagnostics(currentViews(analyzed.file), analyzed.lines, { ...defaultSettings, severity: new Map(severity) }).map(
        (d) => `${d.severity} ${d.code}: ${d.message}`,
      );
    const limit = "memory.max max, so it can use all of the node's memory and is OOM-killed only when the node runs out";
    const cpuRequest = 'no CPU reserved and cpu.weight 1 (2 shares; 1 CPU requested would be 100), so it starves when the node is busy';
    const cpuLimit = 'cpu.max max, so it may use any CPU the node leaves idle';
    // LSP severities: 1 error, 2 warning, 3 information, 4 hint.
    assert.deepEqual(shown([]), [`3 missing-memory-limit: container app: no memory limit, no cpu request or limit: ${limit}; ${cpuRequest}; ${cpuLimit}.`]);
    assert.deepEqual(shown([['missing-cpu-limit', 'off']]), [
      `3 missing-memory-limit: container app: no memory limit, no cpu request: ${limit}; ${cpuRequest}.`,
    ]);
    assert.deepEqual(shown([['missing-cpu-limit', 'warning']]), [
      `2 missing-cpu-limit: container app: no memory limit, no cpu request or limit: ${limit}; ${cpuRequest}; ${cpuLimit}.`,
    ]);
    assert.deepEqual(
      shown([
        ['missing-memory-limit', 'off'],
        ['missing-cpu-request', 'hint'],
      ]),
      [`4 missing-cpu-request: container app: no cpu request or limit: ${cpuRequest}; ${cpuLimit}.`],
    );
    assert.deepEqual(
      shown([
        ['missing-memory-limit', 'off'],
        ['missing-cpu-request', 'off'],
        ['missing-cpu-limit', 'off'],
      ]),
      [],
    );
    // The memory limit's fix belongs to its part: it goes when that part is off.
    const at = find(bare, 'resources');
    const fixes = (severity: [string, 'off'][]) =>
      codeActions(
        analyzed,
        { start: at, end: at },
        { diagnostics: [], only: ['quickfix'] },
        { ...defaultSettings, severity: new Map(severity) },
        {
          documentChanges: true,
          disabledSupport: false,
        },
      ).map((a) => a.title);
    assert.deepEqual(fixes([]), ['Set the memory limit to the request (256Mi)']);
    assert.deepEqual(fixes([['missing-memory-limit', 'off']]), []);
  });

  test('turning unknown-field off hides that code only: invalid-type and duplicate-field stay, and so does the verdict', () => {
    const strict = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  priority: "high"',
      '  containers:',
      '  - name: app',
      '    image: app:1',
      '    colour: blue',
      '    image: app:2',
      '',
    ].join('\n');
    const analyzed = analyze(strict);
    const settings = { ...defaultSettings, severity: new Map([['unknown-field', 'off' as const]]) };
    const shown = fileDiagnostics(currentViews(analyzed.file), analyzed.lines, settings).map((d) => d.code);
    assert.deepEqual(shown.sort(), ['duplicate-field', 'invalid-type']);
    // A display setting never changes what the API server would do: the object stays refused.
    assert.equal(analyzed.file.documents[0].objects[0]?.invalid, true);
  });

  test('lenses: one pair per workload, none for other documents', () => {
    const analyzed = analyze(`${text}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\nplain: yaml\n`);
    const lenses = codeLenses(uri, currentViews(analyzed.file), analyzed.lines);
    assert.deepEqual(
      lenses.map((l) => l.command!.command),
      ['podLens.showReasons', 'podLens.simulate'],
    );
  });

  test('context.only filters kinds; without documentChanges support the edit is a plain change map', () => {
    const analyzed = analyze(text, 7);
    const position = find(text, '0.5');
    const range = { start: position, end: position };
    const rewrites = codeActions(analyzed, range, { diagnostics: [], only: ['refactor.rewrite'] }, defaultSettings, {
      documentChanges: false,
      disabledSupport: false,
    });
    assert.deepEqual(
      rewrites.map((a) => a.kind),
      ['refactor.rewrite'],
    );
    assert.deepEqual(rewrites[0].edit, {
      changes: { [uri]: [{ range: { start: position, end: { line: position.line, character: position.character + 3 } }, newText: '500m' }] },
    });
    const versioned = codeActions(analyzed, range, { diagnostics: [], only: ['refactor.rewrite'] }, defaultSettings);
    assert.equal((versioned[0].edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version, 7);
  });
});

describe("file analyses (the server's cache)", () => {
  const first = podWith('      requests:\n        cpu: 250m\n');
  const second = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\nspec:\n  containers:\n  - name: b\n    image: y\n`;

  test('an edit in one document re-analyzes only that document', () => {
    const analyses = new FileAnalyses(defaultSettings);
    analyses.open(uri, 1, `${first}---\n${second}`);
    const before = analyses.get(uri)!;
    analyses.change(uri, 2, `${first.replace('250m', '300m')}---\n${second}`);
    const after = analyses.get(uri)!;
    assert.notEqual(after.file.documents[0], before.file.documents[0]);
    assert.equal(after.file.documents[1].objects[0], before.file.documents[1].objects[0], 'the untouched document keeps its result');
    assert.equal(analyses.get(uri), after, 'no new analysis without a new version');
  });

  test('a syntax error on the edited line is held back, with the last good result moved into place', () => {
    let now = 1000;
    const analyses = new FileAnalyses(defaultSettings, 500, { now: () => now });
    analyses.open(uri, 1, first);
    analyses.views(uri);
    const broken = first.replace('    image: x\n', '    image: x\n    resour\n');
    analyses.change(uri, 2, broken);
    const held = analyses.views(uri)!;
    assert.equal(held.recheckAt, 1500);
    const shown = fileDiagnostics(held.views, held.analyzed.lines, defaultSettings);
    assert.ok(!shown.some((d) => d.code === 'yaml-syntax'));
    const lens = codeLenses(uri, held.views, held.analyzed.lines);
    assert.equal(lens[0].range.start.line, 1);
    now = 1500;
    const due = analyses.views(uri)!;
    assert.equal(due.recheckAt, null);
    assert.ok(fileDiagnostics(due.views, due.analyzed.lines, defaultSettings).some((d) => d.code === 'yaml-syntax'));
  });

  test('changedLines and spanTranslator find the one changed region', () => {
    assert.deepEqual(changedLines('a\nb\nc\n', 'a\nbx\nc\n'), { first: 1, last: 1 });
    assert.equal(changedLines('same', 'same'), null);
    const cases: [string, string, [number, number], { start: number; end: number } | null, string][] = [
      ['a: 1\nb: 2\n', 'a: 1\nxx\nb: 2\n', [0, 1], { start: 0, end: 1 }, 'a span before the change stays'],
      ['a: 1\nb: 2\n', 'a: 1\nxx\nb: 2\n', [5, 6], { start: 8, end: 9 }, 'a span after the change moves by its length'],
      ['a: 1\nb: 2\n', 'a: 1\nxx\nb: 2\n', [3, 5], { start: 3, end: 5 }, 'a span ending where text was inserted stays'],
      ['a: 1\nb: 2\n', 'a: 1\nxx\nb: 2\n', [3, 6], null, 'a span across an insertion is gone'],
      ['cpu: 250mi\n', 'cpu: 25\n', [5, 10], null, 'a span over changed text is gone'],
      // Found by the request fuzzer (seed 2129059611): LF before, CRLF now; the old end fell between \r and \n.
      ['cpu: 250mi\n', '\u0000x: 512Mi\r\n', [5, 10], null, 'a span that would end inside a line break is gone'],
      ['a\nb\n', 'a\r\nb\n', [0, 1], { start: 0, end: 1 }, 'a span before a new \\r stays'],
      ['a\nb\n', 'a\r\nb\n', [1, 1], { start: 1, end: 1 }, 'an empty span before the new \\r stays'],
      ['a\nb\n', 'a\r\nb\n', [1, 2], null, 'a span that would start between \\r and \\n is gone'],
    ];
    for (const [before, after, [start, end], expected, why] of cases) assert.deepEqual(spanTranslator(before, after)(start, end), expected, why);
  });
});

describe('several workloads in one document', () => {
  const list = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: apps/v1beta1',
    '  kind: Deployment',
    '  metadata: {name: old}',
    '  spec:',
    '    template:',
    '      metadata: {labels: {app: old}}',
    '      spec:',
    '        containers: [{name: app, image: app:1, resources: {requests: {cpu: 250m}}}]',
    '- apiVersion: v1',
    '  kind: Pod',
    '  metadata: {name: refused}',
    '  spec:',
    '    containers: [{name: app, image: app:1, resources: {requests: {cpu: "2"}, limits: {cpu: "1"}}}]',
    '',
  ].join('\n');

  test('each List item hovers as its own workload: kubectl’s refusal for one, the API server’s over the numbers of the other', () => {
    assert.match(hoverText(list, 'kind: Deployment')!, /^\*\*Deployment `old`\*\*: kubectl would not send it, so there are no numbers yet\./);
    assert.equal(hoverText(list, '250m'), null);
    const request = hoverText(list, '"2"')!;
    assert.equal(
      request.split('\n\n')[0],
      '⚠ **Refused by the API server**: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
    assert.match(request, /\*\*CPU request `2`\*\* = 2 cores/);
  });
});
