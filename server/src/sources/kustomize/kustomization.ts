/**
 * A kustomization file read as kustomize reads it (unknown fields refused,
 * legacy fields folded in), keeping each value's node so that errors point at
 * the entry that caused them and generated values map back to it.
 */
import { BuildError, type Place } from './errors';
import { getEntry, getField, isNull, type KMap, type KNode, type KScalar, type Origin } from './model';

const KNOWN_FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'openapi',
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'patchesStrategicMerge',
  'patchesJson6902',
  'patches',
  'images',
  'imageTags',
  'replacements',
  'replicas',
  'vars',
  'sortOptions',
  'resources',
  'components',
  'crds',
  'bases',
  'configMapGenerator',
  'secretGenerator',
  'helmGlobals',
  'helmCharts',
  'helmChartInflationGenerator',
  'generatorOptions',
  'configurations',
  'generators',
  'transformers',
  'validators',
  'buildMetadata',
]);

export interface Located<T> {
  value: T;
  node: KNode;
}

export class Kustomization {
  constructor(
    readonly node: KMap,
    readonly file: string,
    readonly dir: string,
  ) {}

  place(node: KNode | undefined): Place {
    const origin = node?.origin;
    return origin ? { file: origin.file, start: origin.start, end: origin.end } : { file: this.file, start: 0, end: 0 };
  }

  field(name: string): KNode | undefined {
    const value = getField(this.node, name);
    return value === undefined || isNull(value) ? undefined : value;
  }

  keyPlace(name: string): Place {
    const entry = getEntry(this.node, name);
    return this.place(entry?.key);
  }

  get kind(): string {
    return this.string('kind') ?? 'Kustomization';
  }

  string(name: string): string | undefined {
    const value = this.field(name);
    if (!value) return undefined;
    if (value.kind !== 'scalar') throw this.typeError(name, value, 'string');
    return value.value;
  }

  stringNode(name: string): KScalar | undefined {
    const value = this.field(name);
    if (!value) return undefined;
    if (value.kind !== 'scalar') throw this.typeError(name, value, 'string');
    return value;
  }

  strings(name: string): Array<Located<string>> {
    const value = this.field(name);
    if (!value) return [];
    if (value.kind !== 'seq') throw this.typeError(name, value, '[]string');
    return value.items.map((item) => {
      if (item.kind !== 'scalar') throw this.typeError(name, item, 'string');
      return { value: item.value, node: item };
    });
  }

  list(name: string): KMap[] {
    const value = this.field(name);
    if (!value) return [];
    if (value.kind !== 'seq') throw this.typeError(name, value, 'array');
    return value.items.map((item) => {
      if (item.kind !== 'map') throw this.typeError(name, item, 'object');
      return item;
    });
  }

  stringMap(name: string): Array<{ key: KScalar; value: KScalar }> {
    const value = this.field(name);
    if (!value) return [];
    return readStringMap(value, name, this);
  }

  typeError(name: string, node: KNode, expected: string): BuildError {
    const got = node.kind === 'map' ? 'object' : node.kind === 'seq' ? 'array' : node.tag === 'str' ? 'string' : node.tag === 'bool' ? 'bool' : 'number';
    return new BuildError(
      `invalid Kustomization: json: cannot unmarshal ${got} into Go struct field Kustomization.${name} of type ${expected}`,
      this.place(node),
    );
  }

  /** kustomize's Unmarshal (DisallowUnknownFields) and EnforceFields. */
  validate(): void {
    for (const entry of this.node.entries) {
      // encoding/json matches field names without regard to case.
      if (!KNOWN_FIELDS.has(entry.key.value)) {
        const known = [...KNOWN_FIELDS].find((f) => f.toLowerCase() === entry.key.value.toLowerCase());
        if (known) entry.key = { ...entry.key, value: known };
      }
      if (!KNOWN_FIELDS.has(entry.key.value)) {
        throw new BuildError(`invalid Kustomization: json: unknown field "${entry.key.value}"`, this.place(entry.key));
      }
    }
    const kind = this.string('kind');
    const apiVersion = this.string('apiVersion');
    const errors: string[] = [];
    if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component') errors.push('kind should be Kustomization or Component');
    const required = kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
    if (apiVersion !== undefined && apiVersion !== required) errors.push(`apiVersion for ${kind ?? 'Kustomization'} should be ${required}`);
    if (errors.length > 0) {
      throw new BuildError(
        `Failed to read kustomization file under ${this.dir}:\n${errors.join('\n')}`,
        this.place(getField(this.node, 'kind') ?? getField(this.node, 'apiVersion')),
      );
    }
    const meaningful = this.node.entries.filter((e) => e.key.value !== 'apiVersion' && e.key.value !== 'kind');
    if (meaningful.length === 0) throw new BuildError('kustomization.yaml is empty', { file: this.file, start: 0, end: 0 });
  }
}

export function readStringMap(value: KNode, name: string, k: { place(node: KNode | undefined): Place }): Array<{ key: KScalar; value: KScalar }> {
  if (value.kind !== 'map')
    throw new BuildError(`invalid Kustomization: json: cannot unmarshal into Go struct field ${name} of type map[string]string`, k.place(value));
  const out: Array<{ key: KScalar; value: KScalar }> = [];
  for (const e of value.entries) {
    if (e.value.kind !== 'scalar')
      throw new BuildError(`invalid Kustomization: json: cannot unmarshal object into Go struct field ${name} of type string`, k.place(e.value));
    // sigs.k8s.io/yaml reads YAML 1.1, so a bare yes/on is true; a bool or number becomes its string.
    const v = e.value;
    let text = v.value;
    if (v.origin?.raw === v.value) {
      if (/^(y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE)$/.test(v.value)) text = 'true';
      else if (/^(n|N|no|No|NO|off|Off|OFF|false|False|FALSE)$/.test(v.value)) text = 'false';
    }
    out.push({ key: e.key, value: isNull(v) ? { ...v, value: '', tag: 'str' } : { ...v, value: text, tag: 'str' } });
  }
  return out;
}

export function mapString(map: KMap, key: string): string | undefined {
  const value = getField(map, key);
  return value && value.kind === 'scalar' && !isNull(value) ? value.value : undefined;
}

export function mapBool(map: KMap, key: string): boolean {
  const value = getField(map, key);
  return value !== undefined && value.kind === 'scalar' && /^(true|True|TRUE)$/.test(value.value);
}

export function originOf(node: KNode | undefined, kind: Origin['kind'] = 'value'): Origin | undefined {
  return node?.origin ? { ...node.origin, kind } : undefined;
}
