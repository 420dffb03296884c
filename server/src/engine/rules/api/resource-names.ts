import { Quantity } from '../../quantity';
import { isHugePages } from '../../resources';

/**
 * Resource-name rules of the API server:
 * - `IsQualifiedName` = `content.IsLabelKey` (apimachinery release-1.36,
 *   pkg/api/validate/content/kube.go, dns.go, errors.go) [verified];
 * - the helpers of pkg/apis/core/helper/helpers.go (standard, native,
 *   extended, integer resources; hugepage divisibility) [verified].
 */

const labelKeyFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelKeyErrMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const labelKeyRegexp = new RegExp(`^${labelKeyFmt}$`);
const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1123SubdomainRegexp = new RegExp(`^${dns1123SubdomainFmt}$`);
const dns1123LabelRegexp = new RegExp(`^${dns1123LabelFmt}$`);

export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/** Go's len(): the UTF-8 byte length. */
function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/**
 * IsDNS1123Subdomain. The content package (label-key prefixes) says "bytes"
 * in its length message; pkg/util/validation (object names) says "characters".
 */
export function isDns1123Subdomain(value: string, unit: 'bytes' | 'characters' = 'bytes'): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push(`must be no more than 253 ${unit}`);
  if (!dns1123SubdomainRegexp.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        dns1123SubdomainFmt,
        'example.com',
      ),
    );
  }
  return errs;
}

/** validation.IsQualifiedName: the messages, empty when the name is a qualified name. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else errs.push(...isDns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a valid label key ${regexError(labelKeyErrMsg, labelKeyFmt, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (byteLength(name) > 63) errs.push('name part must be no more than 63 bytes');
  if (!labelKeyRegexp.test(name)) errs.push(`name part ${regexError(labelKeyErrMsg, labelKeyFmt, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** validation.IsDNS1123Label (pkg/util/validation, whose MaxLenError still says "characters"). */
export function isDns1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push('must be no more than 63 characters');
  if (!dns1123LabelRegexp.test(value)) {
    if (dns1123SubdomainRegexp.test(value)) errs.push('must not contain dots');
    else {
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          dns1123LabelFmt,
          'my-name',
          '123-abc',
        ),
      );
    }
  }
  return errs;
}

/** The closest DNS-1123 label: lower case, other characters to '-', trimmed; null when none differs and is valid. */
export function closestDns1123Label(name: string): string | null {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return label.length > 0 && label !== name && isDns1123Label(label).length === 0 ? label : null;
}

/** The closest DNS-1123 subdomain: each dot-separated part made a label. */
export function closestDns1123Subdomain(name: string): string | null {
  const parts = name
    .toLowerCase()
    .split('.')
    .map((part) =>
      part
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter((part) => part.length > 0);
  const subdomain = parts
    .join('.')
    .slice(0, 253)
    .replace(/[-.]+$/, '');
  return subdomain.length > 0 && subdomain !== name && isDns1123Subdomain(subdomain).length === 0 ? subdomain : null;
}

const standardResources = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);

const integerResources = new Set([
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);

export function isStandardResourceName(name: string): boolean {
  return standardResources.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

export function isStandardContainerResourceName(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || isHugePages(name);
}

/** In the `*kubernetes.io/` namespace, or unprefixed. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

export function isIntegerResourceName(name: string): boolean {
  return integerResources.has(name) || isExtendedResourceName(name);
}

/** `IsHugePageResourceValueDivisible`: the page size must parse and be a positive whole number. */
export function isHugePageValueDivisible(name: string, quantity: Quantity): boolean {
  const pageSize = Quantity.tryParse(name.slice('hugepages-'.length));
  if (!(pageSize instanceof Quantity)) return false;
  if (pageSize.sign() <= 0 || pageSize.milliValue() % 1000n !== 0n) return false;
  return quantity.value() % pageSize.value() === 0n;
}

/** Where the name check runs: containers and overhead, or the pod-level `spec.resources`. */
export type NameScope = 'container' | 'pod';

export const supportedPodLevelResources = ['cpu', 'hugepages-', 'memory'] as const;

export interface NameProblem {
  /** `invalid-resource-name` or, at pod level, `pod-resources-unsupported`. */
  kind: 'invalid' | 'unsupported';
  detail: string;
}

/**
 * validateContainerResourceName / validatePodResourceName (both build on
 * validateResourceName). A container name may get two messages: the generic
 * one and "must be a standard resource for containers".
 */
export function resourceNameProblems(name: string, scope: NameScope): readonly NameProblem[] {
  // The same few names (cpu, memory) come back in every container of a file.
  const known = problemsByScope[scope];
  let problems = known.get(name);
  if (!problems) {
    if (known.size >= 1024) known.clear();
    problems = Object.freeze(nameProblems(name, scope));
    known.set(name, problems);
  }
  return problems;
}

const problemsByScope: Record<NameScope, Map<string, readonly NameProblem[]>> = { container: new Map(), pod: new Map() };

function nameProblems(name: string, scope: NameScope): NameProblem[] {
  const problems: NameProblem[] = isQualifiedName(name).map((detail) => ({ kind: 'invalid', detail }));
  const unqualified = name.split('/').length === 1;
  if (problems.length === 0 && unqualified && !isStandardResourceName(name)) {
    problems.push({ kind: 'invalid', detail: 'must be a standard resource type or fully qualified' });
  }
  if (scope === 'pod') {
    if (problems.length > 0) return problems;
    if (!(name === 'cpu' || name === 'memory' || isHugePages(name))) {
      return [{ kind: 'unsupported', detail: '' }];
    }
    return [];
  }
  if (unqualified) {
    if (!isStandardContainerResourceName(name)) problems.push({ kind: 'invalid', detail: 'must be a standard resource for containers' });
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    problems.push({ kind: 'invalid', detail: "doesn't follow extended resource name standard" });
  }
  return problems;
}
