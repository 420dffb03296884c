/**
 * The transformers that copy values between objects: name references (a
 * renamed ConfigMap, Secret, ServiceAccount… renamed where it is referred
 * to), `vars` ($(NAME) in the var-reference fields) and `replacements`.
 */
import { BuildError, type Place } from './errors';
import { walkFieldSpec } from './fieldspec';
import { clone, getField, isNull, type KMap, type KNode, type KScalar, type Piece, resolvePlain, scalar, setField } from './model';
import { lookup, pathMatcher, smarterPathSplitter } from './paths';
import { effectiveNamespace, gvkSelected, idString, isClusterScoped, matchesSelector, parseApiVersion, type Resource, type ResId } from './resource';
import type { FieldSpec, NameReferenceSpec } from './tables';

// ---- name references -------------------------------------------------------------------

/** utils.SameEndingSubSlice: the shorter list ends the longer one; an empty list matches only an empty one. */
function sameEndingSubSlice(a: string[], b: string[]): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length === 0) return longer.length === 0;
  for (let i = 1; i <= shorter.length; i++) if (shorter[shorter.length - i] !== longer[longer.length - i]) return false;
  return true;
}

function prefixSuffixEquals(r: Resource, other: Resource, allowEmpty: boolean): boolean {
  if (allowEmpty) {
    const eitherPrefixEmpty = r.prefixes.length === 0 || other.prefixes.length === 0;
    const eitherSuffixEmpty = r.suffixes.length === 0 || other.suffixes.length === 0;
    return (eitherPrefixEmpty || sameEndingSubSlice(r.prefixes, other.prefixes)) && (eitherSuffixEmpty || sameEndingSubSlice(r.suffixes, other.suffixes));
  }
  return sameEndingSubSlice(r.prefixes, other.prefixes) && sameEndingSubSlice(r.suffixes, other.suffixes);
}

/** The namespaces of a RoleBinding's ServiceAccount subjects (getNamespacesForRoleBinding); a subject with a blank namespace is an error. */
function roleBindingNamespaces(referrer: Resource): Set<string> {
  const out = new Set<string>();
  if (referrer.kind !== 'RoleBinding') return out;
  const subjects = getField(referrer.node, 'subjects');
  if (!subjects || subjects.kind !== 'seq') return out;
  for (const subject of subjects.items) {
    if (subject.kind !== 'map') continue;
    const kind = getField(subject, 'kind');
    const ns = getField(subject, 'namespace');
    if (!ns || !kind || kind.kind !== 'scalar' || kind.value !== 'ServiceAccount') continue;
    if (ns.kind !== 'scalar' || ns.tag !== 'str') throw new BuildError(`Invalid Input: namespace is blank for resource "${idString(referrer.curId())}"\n`);
    out.add(ns.value);
  }
  return out;
}

function couldBeReferenced(referrer: Resource, all: Resource[]): Resource[] {
  const referrerId = referrer.curId();
  if (isClusterScoped(referrerId.kind, referrerId.group)) return all;
  const bindingNamespaces = roleBindingNamespaces(referrer);
  return all.filter((target) => {
    const id = target.curId();
    if (isClusterScoped(id.kind, id.group)) return true;
    if (effectiveNamespace(id) === effectiveNamespace(referrerId)) return true;
    return bindingNamespaces.has(target.namespace);
  });
}

export function fixNameReferences(resources: Resource[], backRefs: NameReferenceSpec[]): void {
  const filters = new Map<Resource, Array<{ spec: FieldSpec; target: NameReferenceSpec }>>();
  // Identities are read once: the loops below visit every (field spec, object) pair.
  const orgIds = resources.map((r) => r.orgId());
  const byKind = new Map<string, number[]>();
  orgIds.forEach((id, i) => {
    if (!byKind.has(id.kind)) byKind.set(id.kind, []);
    byKind.get(id.kind)!.push(i);
  });
  const all = resources.map((_, i) => i);
  for (const backRef of backRefs) {
    for (const spec of backRef.fieldSpecs) {
      for (const i of spec.kind ? (byKind.get(spec.kind) ?? []) : all) {
        const r = resources[i];
        if (gvkSelected(orgIds[i], { group: spec.group, version: spec.version, kind: spec.kind })) {
          if (!filters.has(r)) filters.set(r, []);
          filters.get(r)!.push({ spec, target: backRef });
        }
      }
    }
  }
  // Only renamed objects can be referral targets (their previous names are what references hold).
  const renamedResources = resources.filter((r) => r.prevIds.length > 0);
  for (const [referrer, list] of filters) {
    const candidates = couldBeReferenced(referrer, renamedResources);
    const gvk = referrer.gvk();
    for (const { spec, target } of list) {
      const targetGvk = { group: target.group ?? '', version: target.version ?? '', kind: target.kind };
      walkFieldSpec(referrer.node, { ...spec, create: false }, gvk, undefined, (node, parent, key) => {
        updateReference(referrer, spec, targetGvk, candidates, node, parent, key);
      });
    }
  }
}

function selectReferral(
  referrer: Resource,
  spec: FieldSpec,
  targetGvk: { group: string; version: string; kind: string },
  oldName: string,
  candidates: Resource[],
  identical: (rs: Resource[]) => boolean,
): Resource | undefined {
  let list = candidates.filter((r) => r.prevIds.some((id) => id.name === oldName));
  list = list.filter((r) => r.prevIds.some((id) => gvkSelected(id, targetGvk)));
  if (spec.path.endsWith('roleRef/name')) {
    const roleRef = getField(referrer.node, 'roleRef');
    if (roleRef && roleRef.kind === 'map') {
      const apiGroup = getField(roleRef, 'apiGroup');
      const kind = getField(roleRef, 'kind');
      if (apiGroup?.kind === 'scalar' && kind?.kind === 'scalar')
        list = list.filter((r) => r.prevIds.some((id) => gvkSelected(id, { group: apiGroup.value, kind: kind.value })));
    }
  }
  const referrerId = referrer.curId();
  if (!isClusterScoped(referrerId.kind, referrerId.group)) {
    list = list.filter(
      (r) => isClusterScoped(r.kind, r.gvk().group) || r.kind === 'ServiceAccount' || effectiveNamespace(referrerId) === effectiveNamespace(r.curId()),
    );
  }
  if (list.length === 1) return list[0];
  list = list.filter((r) => prefixSuffixEquals(r, referrer, true));
  if (list.length > 1) list = list.filter((r) => prefixSuffixEquals(r, referrer, false));
  if (list.length === 1) return list[0];
  if (list.length === 0) return undefined;
  if (identical(list)) return list[0];
  throw new BuildError(`found multiple possible referrals: ${list.map((r) => idString(r.curId())).join(', ')}`);
}

function renamed(node: KScalar, referral: Resource): KScalar {
  const name = referral.nameNode();
  const pieces: Piece[] | undefined = name?.pieces?.map((p) => ({ ...p }));
  return { kind: 'scalar', value: referral.name, tag: 'str', origin: name?.origin ? { ...name.origin, kind: 'computed' } : node.origin, pieces };
}

function updateReference(
  referrer: Resource,
  spec: FieldSpec,
  targetGvk: { group: string; version: string; kind: string },
  candidates: Resource[],
  node: KNode,
  parent: KMap,
  key: string,
): void {
  if (isNull(node)) return;
  const setScalar = (value: KScalar, replace: (n: KScalar) => void): void => {
    const referral = selectReferral(referrer, spec, targetGvk, value.value, candidates, (rs) => rs.every((r) => r.name === rs[0].name));
    if (!referral) return;
    referral.refBy.push(referrer.curId());
    if (referral.name === value.value) return;
    replace(renamed(value, referral));
  };
  const setMapping = (map: KMap): void => {
    const nameNode = getField(map, 'name');
    if (!nameNode) throw new BuildError("path config error; no 'name' field in node");
    if (nameNode.kind !== 'scalar') return;
    const nsNode = getField(map, 'namespace');
    let pool = candidates;
    if (nsNode && nsNode.kind === 'scalar') {
      const byOriginal = candidates.filter((r) => effectiveNamespace(r.orgId()) === nsNode.value || r.orgId().namespace === nsNode.value);
      pool = byOriginal.length > 0 ? byOriginal : candidates.filter((r) => r.namespace === nsNode.value);
    }
    const referral = selectReferral(referrer, spec, targetGvk, nameNode.value, pool, (rs) =>
      rs.every((r) => r.name === rs[0].name && r.namespace === rs[0].namespace),
    );
    if (!referral) return;
    referral.refBy.push(referrer.curId());
    if (referral.name === nameNode.value && referral.namespace === '') return;
    setField(map, 'name', renamed(nameNode, referral));
    if (referral.namespace === '') return;
    const ns = getField(referral.node, 'metadata');
    const nsValue = ns && ns.kind === 'map' ? getField(ns, 'namespace') : undefined;
    setField(
      map,
      'namespace',
      nsValue && nsValue.kind === 'scalar'
        ? { ...nsValue, origin: nsValue.origin ? { ...nsValue.origin, kind: 'computed' } : undefined }
        : scalar(referral.namespace),
    );
  };
  if (node.kind === 'scalar') setScalar(node, (n) => setField(parent, key, n));
  else if (node.kind === 'map') setMapping(node);
  else {
    node.items.forEach((item, i) => {
      if (item.kind === 'scalar') setScalar(item, (n) => (node.items[i] = n));
      else if (item.kind === 'map') setMapping(item);
    });
  }
}

// ---- vars ------------------------------------------------------------------------------

export interface Var {
  name: string;
  kind: string;
  group: string;
  version: string;
  objName: string;
  namespace: string;
  fieldPath: string;
  place: Place;
  bound?: Resource;
}

/** Binds each var to the one object it names (kustomize's MergeVars, at the kustomization that declares it). */
export function bindVars(resources: Resource[], vars: Var[]): void {
  for (const v of vars) {
    if (v.bound) continue;
    const target: ResId = { group: v.group, version: v.version, kind: v.kind, name: v.objName, namespace: v.namespace };
    const exact = target.namespace !== '' || isClusterScoped(target.kind, target.group);
    const matched = resources.filter((r) =>
      [...r.prevIds, r.curId()].some(
        (id) =>
          id.group === target.group &&
          id.version === target.version &&
          id.kind === target.kind &&
          id.name === target.name &&
          (!exact || effectiveNamespace(id) === effectiveNamespace(target)),
      ),
    );
    if (matched.length > 1) throw new BuildError(`found ${matched.length} resId matches for var ${v.name} (unable to disambiguate)`, v.place);
    if (matched.length === 1) v.bound = matched[0];
  }
}

/** A value at a var's field path (`spec.template.spec.containers[0].image`, `metadata.labels.app`). */
function lookupVarPath(node: KNode, path: string): KNode | undefined {
  let current: KNode | undefined = node;
  for (const part of splitVarPath(path)) {
    if (!current) return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    if (index) {
      current = current.kind === 'seq' ? current.items[Number(index[1])] : undefined;
      continue;
    }
    current = current.kind === 'map' ? getField(current, part) : undefined;
  }
  return current;
}

function splitVarPath(path: string): string[] {
  const out: string[] = [];
  for (const piece of smartSplit(path, '.')) {
    const m = /^([^[]*)((\[\d+\])*)$/.exec(piece);
    if (m && m[2]) {
      if (m[1]) out.push(m[1]);
      for (const idx of m[2].match(/\[\d+\]/g) ?? []) out.push(idx);
    } else out.push(piece.replace(/^\[(.*)\]$/, '$1'));
  }
  return out;
}

export function resolveVars(resources: Resource[], vars: Var[], specs: FieldSpec[]): void {
  if (vars.length === 0) return;
  const values = new Map<string, KScalar>();
  for (const v of vars) {
    if (!v.bound || !resources.includes(v.bound)) throw new BuildError(`var '${v.name}' cannot be mapped to a field in the set of known resources`, v.place);
    const found = lookupVarPath(v.bound.node, v.fieldPath);
    if (!found || found.kind !== 'scalar')
      throw new BuildError(`field specified in var '${JSON.stringify({ name: v.name, fieldref: v.fieldPath })}' not found in corresponding resource`, v.place);
    values.set(v.name, found);
  }
  for (const r of resources) {
    for (const spec of specs) {
      walkFieldSpec(r.node, { ...spec, create: false }, r.gvk(), undefined, (node, parent, key) => {
        const replaced = expandNode(node, values);
        if (replaced !== node) setField(parent, key, replaced);
      });
    }
  }
}

function expandNode(node: KNode, values: Map<string, KScalar>): KNode {
  if (node.kind === 'seq') {
    node.items = node.items.map((item) => expandNode(item, values));
    return node;
  }
  if (node.kind === 'map') {
    for (const e of node.entries) e.value = expandNode(e.value, values);
    return node;
  }
  if (node.tag !== 'str') return node;
  const whole = /^\$\(([^)]*)\)$/.exec(node.value);
  if (whole && values.has(whole[1])) {
    const v = values.get(whole[1])!;
    return { ...v, origin: v.origin ? { ...v.origin, kind: 'computed' } : undefined, pieces: undefined };
  }
  if (!node.value.includes('$')) return node;
  const pieces: Piece[] = [];
  let out = '';
  let i = 0;
  let changed = false;
  const literalStart = (): void => undefined;
  void literalStart;
  while (i < node.value.length) {
    const ch = node.value[i];
    if (ch === '$' && i + 1 < node.value.length) {
      const next = node.value[i + 1];
      if (next === '$') {
        out += '$';
        i += 2;
        changed = true;
        continue;
      }
      if (next === '(') {
        const close = node.value.indexOf(')', i + 2);
        if (close !== -1) {
          const name = node.value.slice(i + 2, close);
          const v = values.get(name);
          if (v) {
            pieces.push({ text: v.value, origin: v.origin ? { ...v.origin, kind: 'computed' } : undefined });
            out += v.value;
            i = close + 1;
            changed = true;
            continue;
          }
        }
      }
    }
    out += ch;
    if (pieces.length === 0 || pieces[pieces.length - 1].origin !== node.origin) pieces.push({ text: ch, origin: node.origin });
    else pieces[pieces.length - 1].text += ch;
    i++;
  }
  if (!changed) return node;
  return { kind: 'scalar', value: out, tag: 'str', origin: node.origin ? { ...node.origin, kind: 'computed' } : undefined };
}

// ---- replacements ---------------------------------------------------------------------

/** Splits a field path at `sep`, not inside `[...]`. */
export function smartSplit(path: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of path) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === sep && depth === 0) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

interface IdSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

function readIdSelector(node: KNode | undefined): IdSelector | undefined {
  if (!node || node.kind !== 'map') return undefined;
  const out: IdSelector = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const v = getField(node, key);
    if (v && v.kind === 'scalar' && !isNull(v)) out[key] = v.value;
  }
  const apiVersion = getField(node, 'apiVersion');
  if (apiVersion && apiVersion.kind === 'scalar' && apiVersion.value) {
    const gv = parseApiVersion(apiVersion.value);
    out.group = out.group ?? gv.group;
    out.version = out.version ?? gv.version;
  }
  return out;
}

function idSelected(id: ResId, s: IdSelector): boolean {
  if (s.name && s.name !== id.name) return false;
  if (s.namespace && effectiveNamespace({ ...id, namespace: s.namespace }) !== effectiveNamespace(id)) return false;
  return gvkSelected(id, { group: s.group, version: s.version, kind: s.kind });
}

function resourceIds(r: Resource): ResId[] {
  return [r.curId(), ...r.prevIds];
}

function describeSelector(s: IdSelector): string {
  const gvk = `${s.group ?? ''}${s.group ? '/' : ''}${s.version ?? ''}${s.version || s.group ? ', ' : ''}Kind=${s.kind ?? ''}`;
  return `${gvk}|${s.namespace ?? ''}|${s.name ?? ''}`.replace(/^, /, '');
}

export function applyReplacements(resources: Resource[], replacements: KMap[], place: (node: KNode | undefined) => Place): void {
  for (const replacement of replacements) {
    const sourceNode = getField(replacement, 'source');
    const targetsNode = getField(replacement, 'targets');
    if (!sourceNode || !targetsNode || targetsNode.kind !== 'seq')
      throw new BuildError('replacements must specify a source and at least one target', place(replacement));
    const source = readIdSelector(sourceNode)!;
    const matches = resources.filter((r) => resourceIds(r).some((id) => idSelected(id, source)));
    if (matches.length > 1) throw new BuildError(`multiple matches for selector ${describeSelector(source)}`, place(sourceNode));
    if (matches.length === 0) throw new BuildError(`nothing selected by ${describeSelector(source)}`, place(sourceNode));
    const fieldPath = (sourceNode.kind === 'map' ? stringField(sourceNode, 'fieldPath') : undefined) || 'metadata.name';
    let source0: KNode | undefined;
    try {
      source0 = lookup(matches[0].node, smarterPathSplitter(fieldPath, '.'));
    } catch (error) {
      throw new BuildError(`error looking up replacement source: ${(error as Error).message}`, place(sourceNode));
    }
    const found = source0 ? [source0] : [];
    if (
      found.length === 0 ||
      isNull(found[0]) ||
      (found[0].kind === 'map' && found[0].entries.length === 0) ||
      (found[0].kind === 'seq' && found[0].items.length === 0)
    ) {
      throw new BuildError(`fieldPath \`${fieldPath}\` is missing for replacement source ${describeSelector(source)}`, place(sourceNode));
    }
    let value = found[0];
    const sourceOptions = sourceNode.kind === 'map' ? getField(sourceNode, 'options') : undefined;
    const delimiter = sourceOptions && sourceOptions.kind === 'map' ? stringField(sourceOptions, 'delimiter') : undefined;
    if (delimiter) {
      if (value.kind !== 'scalar') throw new BuildError('delimiter option can only be used with scalar nodes', place(sourceOptions));
      const parts = value.value.split(delimiter);
      const index = Number(stringField(sourceOptions as KMap, 'index') ?? '0');
      if (index >= parts.length || index < 0) throw new BuildError(`options.index ${index} is out of bounds for value ${value.value}`, place(sourceOptions));
      value = { ...value, value: parts[index], origin: value.origin ? { ...value.origin, kind: 'computed' } : undefined, pieces: undefined };
    }
    for (const targetNode of targetsNode.items) {
      if (targetNode.kind !== 'map') continue;
      const select = readIdSelector(getField(targetNode, 'select'));
      if (!select) throw new BuildError('target must specify resources to select', place(targetNode));
      const rejectNode = getField(targetNode, 'reject');
      const rejects = rejectNode && rejectNode.kind === 'seq' ? rejectNode.items.map(readIdSelector).filter((s): s is IdSelector => s !== undefined) : [];
      const pathsNode = getField(targetNode, 'fieldPaths');
      const paths =
        pathsNode && pathsNode.kind === 'seq' ? pathsNode.items.filter((i): i is KScalar => i.kind === 'scalar').map((i) => i.value) : ['metadata.name'];
      const options = getField(targetNode, 'options');
      const create = options && options.kind === 'map' ? /^true$/i.test(stringField(options, 'create') ?? '') : false;
      const targetDelimiter = options && options.kind === 'map' ? stringField(options, 'delimiter') : undefined;
      const targetIndex = options && options.kind === 'map' ? Number(stringField(options, 'index') ?? '0') : 0;
      for (const r of resources) {
        const labels = r.stringMap('labels');
        const annotations = r.stringMap('annotations');
        if (select.labelSelector && !matchesSelector(select.labelSelector, labels)) continue;
        if (select.annotationSelector && !matchesSelector(select.annotationSelector, annotations)) continue;
        if (
          rejects.some(
            (rj) =>
              (rj.labelSelector || rj.annotationSelector) &&
              (!rj.labelSelector || matchesSelector(rj.labelSelector, labels)) &&
              (!rj.annotationSelector || matchesSelector(rj.annotationSelector, annotations)),
          )
        )
          continue;
        const ids = resourceIds(r);
        if (!ids.some((id) => idSelected(id, select))) continue;
        if (rejects.some((rj) => (rj.kind || rj.name || rj.namespace || rj.group || rj.version) && ids.some((id) => idSelected(id, rj)))) continue;
        for (const path of paths) {
          const failure = create ? `unable to find or create field "${path}" in replacement target` : `unable to find field "${path}" in replacement target`;
          let targets: KNode[];
          try {
            targets = pathMatcher(r.node, smarterPathSplitter(path, '.'), create ? value.kind : undefined);
          } catch (error) {
            throw new BuildError(`${failure}: ${(error as Error).message}`, place(targetNode));
          }
          if (targets.length === 0) throw new BuildError(failure, place(targetNode));
          for (const target of targets) setTarget(target, value, targetDelimiter, targetIndex, place(targetNode));
        }
      }
    }
  }
}

function stringField(map: KMap, key: string): string | undefined {
  const v = getField(map, key);
  return v && v.kind === 'scalar' && !isNull(v) ? v.value : undefined;
}

/** The target node is changed in place: a scalar keeps its tag and takes the value; a map or list is replaced. */
function setTarget(target: KNode, value: KNode, delimiter: string | undefined, index: number, place: Place): void {
  let v = clone(value);
  if (delimiter) {
    if (target.kind !== 'scalar') throw new BuildError('delimiter option can only be used with scalar nodes', place);
    const parts = target.value.split(delimiter);
    const text = v.kind === 'scalar' ? v.value : '';
    if (index < 0) parts.unshift(text);
    else if (index >= parts.length) parts.push(text);
    else parts[index] = text;
    v = { kind: 'scalar', value: parts.join(delimiter), tag: 'str', origin: v.origin ? { ...v.origin, kind: 'computed' } : undefined };
  }
  if (target.kind === 'scalar') {
    // kyaml sets only the scalar's text: the target keeps its tag (an untagged, created one takes the value's YAML type).
    const text = v.kind === 'scalar' ? v.value : '';
    target.value = text;
    target.origin = v.origin;
    target.pieces = v.kind === 'scalar' ? v.pieces : undefined;
    if (target.tag === '') target.tag = resolvePlain(text);
    const resolved = resolvePlain(text);
    const fits = target.tag === resolved || (target.tag === 'float' && resolved === 'int') || !['int', 'float', 'bool', 'null'].includes(target.tag);
    // The output's YAML-to-JSON step cannot read a typed scalar whose new text is of another type.
    if (!fits) throw new BuildError(`map[string]interface {}(nil): yaml: cannot decode !!${resolved} \`${text}\` as a !!${target.tag}`, place);
    return;
  }
  // Replace the node's content with the value's.
  const t = target as unknown as Record<string, unknown>;
  for (const key of Object.keys(t)) delete t[key];
  Object.assign(t, v);
}
