import { type YAMLMap } from 'yaml';
import { type RuleContext } from '../rule';
import { type WorkloadKind } from '../../workloads';
import { asMap } from '../../yaml-nodes';
import { keyed, type KeyedValue } from './helpers';
import { stringAt, type StringField } from './containers';
import { closestDns1123Label, closestDns1123Subdomain, isDns1123Label, isDns1123Subdomain } from './resource-names';

/**
 * An object's `metadata` as ValidateObjectMeta (apimachinery
 * pkg/api/validation/objectmeta.go, release-1.36) sees it on creation.
 */
export interface ObjectMetaModel {
  /** The `metadata:` pair; null when the object has none. */
  kv: KeyedValue | null;
  map: YAMLMap | null;
  name: StringField;
  generateName: StringField;
  namespace: StringField;
}

/** Per workload: several rules read its metadata. */
const objectMetas = new WeakMap<object, ObjectMetaModel>();

export function objectMeta(context: RuleContext): ObjectMetaModel {
  let meta = objectMetas.get(context.workload);
  if (meta === undefined) objectMetas.set(context.workload, (meta = readObjectMeta(context)));
  return meta;
}

function readObjectMeta(context: RuleContext): ObjectMetaModel {
  const kv = keyed(context.workload.root, 'metadata', context);
  const map = asMap(kv?.value ?? null);
  return {
    kv,
    map,
    name: stringAt(map, 'name', context),
    generateName: stringAt(map, 'generateName', context),
    namespace: stringAt(map, 'namespace', context),
  };
}

/** A kind's ValidateNameFunc: the messages for a name (prefix: a generateName, whose trailing '-' is allowed). */
export interface NameRule {
  problems(name: string, prefix: boolean): string[];
  /** The closest valid name, for a fix. */
  closest(name: string): string | null;
}

/** maskTrailingDash: a prefix may end in '-', the generated suffix follows it. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, -2) + 'a' : name;
}

export const dnsSubdomainName: NameRule = {
  problems: (name, prefix) => isDns1123Subdomain(prefix ? maskTrailingDash(name) : name, 'characters'),
  closest: closestDns1123Subdomain,
};

export const dnsLabelName: NameRule = {
  problems: (name, prefix) => isDns1123Label(prefix ? maskTrailingDash(name) : name),
  closest: closestDns1123Label,
};

/** The name function each kind's ValidateObjectMeta call uses (ValidatePodName, ValidateDeploymentName, …). */
export const nameRuleOf: Record<WorkloadKind, NameRule> = {
  Pod: dnsSubdomainName,
  PodTemplate: dnsSubdomainName,
  ReplicationController: dnsSubdomainName,
  Deployment: dnsSubdomainName,
  ReplicaSet: dnsSubdomainName,
  DaemonSet: dnsSubdomainName,
  // ValidateStatefulSetName: a label, since the name is the pods' hostname prefix (it was a subdomain once).
  StatefulSet: dnsLabelName,
  Job: dnsSubdomainName,
  CronJob: dnsSubdomainName,
};
