/** Value coalescing on the case of Helm's pkg/chartutil/coalesce_test.go (TestCoalesceValues). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { emptyMetadata, type LoadedChart } from '../../../../server/src/sources/helm/chart/chart';
import { coalesceTables, coalesceValues, mergeValues } from '../../../../server/src/sources/helm/chart/coalesce';
import { fromPlain, type HelmMap, type HelmValue, toPlain } from '../../../../server/src/sources/helm/chart/values';
import { decodeYaml } from '../../../../server/src/sources/helm/chart/yaml-decode';

function chart(name: string, values: unknown, dependencies: LoadedChart[] = []): LoadedChart {
  const loaded: LoadedChart = {
    metadata: { ...emptyMetadata(), name, version: '0.1.0', apiVersion: 'v2' },
    values: fromPlain(values) as HelmMap,
    templates: [],
    files: [],
    dependencies,
    sourceDir: '',
    dependencyListGiven: false,
    chartFile: 'Chart.yaml',
  };
  for (const dependency of dependencies) dependency.parent = loaded;
  return loaded;
}

const userValues = `
top: yup
bottom: null
right: Null
left: NULL
front: ~
back: ""
nested:
  boat: null

global:
  name: Ishmael
  subject: Queequeg
  nested:
    boat: true

pequod:
  boat: null
  global:
    name: Stinky
    harpooner: Tashtego
    nested:
      boat: false
      sail: true
      foo2: null
  ahab:
    scope: whale
    boat: null
    nested:
      foo: true
      boat: null
    object: null
`;

function moby(): LoadedChart {
  return chart(
    'moby',
    {
      back: 'exists',
      bottom: 'exists',
      front: 'exists',
      left: 'exists',
      name: 'moby',
      nested: { boat: true },
      override: 'bad',
      right: 'exists',
      scope: 'moby',
      top: 'nope',
      global: { nested2: { l0: 'moby' } },
      pequod: { boat: 'maybe', ahab: { boat: 'maybe', nested: { boat: 'maybe' } } },
    },
    [
      chart('pequod', { name: 'pequod', scope: 'pequod', global: { nested2: { l1: 'pequod' } }, boat: false, ahab: { boat: false, nested: { boat: false } } }, [
        chart('ahab', {
          global: { nested: { foo: 'bar', foo2: 'bar2' }, nested2: { l2: 'ahab' } },
          scope: 'ahab',
          name: 'ahab',
          boat: true,
          nested: { foo: false, boat: true },
          object: { foo: 'bar' },
        }),
      ]),
      chart('spouter', { scope: 'spouter', global: { nested2: { l1: 'spouter' } } }),
    ],
  );
}

/** What `{{ .a.b }}` prints for the value at a path (`<no value>` when missing). */
function at(values: HelmMap, path: string): string {
  let current: HelmValue | undefined = values;
  for (const part of path.split('.')) current = current?.kind === 'map' ? current.entries.get(part) : undefined;
  if (current === undefined) return '<no value>';
  return current.kind === 'scalar' ? String(current.value) : current.kind;
}

const expectations: [string, string][] = [
  ['top', 'yup'],
  ['back', ''],
  ['name', 'moby'],
  ['global.name', 'Ishmael'],
  ['global.subject', 'Queequeg'],
  ['global.harpooner', '<no value>'],
  ['pequod.name', 'pequod'],
  ['pequod.ahab.name', 'ahab'],
  ['pequod.ahab.scope', 'whale'],
  ['pequod.ahab.nested.foo', 'true'],
  ['pequod.ahab.global.name', 'Ishmael'],
  ['pequod.ahab.global.nested.foo', 'bar'],
  ['pequod.ahab.global.nested.foo2', '<no value>'],
  ['pequod.ahab.global.subject', 'Queequeg'],
  ['pequod.ahab.global.harpooner', 'Tashtego'],
  ['pequod.global.name', 'Ishmael'],
  ['pequod.global.nested.foo', '<no value>'],
  ['pequod.global.subject', 'Queequeg'],
  ['spouter.global.name', 'Ishmael'],
  ['spouter.global.harpooner', '<no value>'],
  ['global.nested.boat', 'true'],
  ['pequod.global.nested.boat', 'true'],
  ['spouter.global.nested.boat', 'true'],
  ['pequod.global.nested.sail', 'true'],
  ['spouter.global.nested.sail', '<no value>'],
  ['global.nested2.l0', 'moby'],
  ['global.nested2.l1', '<no value>'],
  ['global.nested2.l2', '<no value>'],
  ['pequod.global.nested2.l0', 'moby'],
  ['pequod.global.nested2.l1', 'pequod'],
  ['pequod.global.nested2.l2', '<no value>'],
  ['pequod.ahab.global.nested2.l0', 'moby'],
  ['pequod.ahab.global.nested2.l1', 'pequod'],
  ['pequod.ahab.global.nested2.l2', 'ahab'],
  ['spouter.global.nested2.l0', 'moby'],
  ['spouter.global.nested2.l1', 'spouter'],
  ['spouter.global.nested2.l2', '<no value>'],
  // null deletes, at every level
  ['bottom', '<no value>'],
  ['right', '<no value>'],
  ['left', '<no value>'],
  ['front', '<no value>'],
  ['nested.boat', '<no value>'],
  ['pequod.boat', '<no value>'],
  ['pequod.ahab.boat', '<no value>'],
  ['pequod.ahab.nested.boat', '<no value>'],
  ['pequod.ahab.object', '<no value>'],
];

test('CoalesceValues: user values over chart values, globals down the tree, null deletes', () => {
  const user = decodeYaml(userValues, 'user.yaml').value as HelmMap;
  const before = JSON.stringify(toPlain(user));
  const values = coalesceValues(moby(), user);
  for (const [path, expected] of expectations) assert.equal(at(values, path), expected, path);
  assert.equal(JSON.stringify(toPlain(user)), before, 'the user values are not mutated');
});

test('MergeValues keeps the nulls', () => {
  const values = mergeValues(moby(), decodeYaml(userValues, 'user.yaml').value as HelmMap);
  assert.equal(at(values, 'bottom'), 'null');
  assert.equal(at(values, 'pequod.ahab.object'), 'null');
});

test('CoalesceTables: dst wins, null in dst removes a src key', () => {
  const dst = fromPlain({ a: 1, b: null, c: { d: 1 } }) as HelmMap;
  const src = fromPlain({ a: 2, b: 3, c: { d: 2, e: 3 }, f: 4 }) as HelmMap;
  assert.deepEqual(toPlain(coalesceTables(dst, src)), { a: 1, c: { d: 1, e: 3 }, f: 4 });
});

test('values keep the origin of the file that won', () => {
  const user = decodeYaml('top: yup\n', 'user.yaml').value as HelmMap;
  const values = coalesceValues(moby(), user);
  assert.equal(values.entries.get('top')?.origin?.file, 'user.yaml');
});
