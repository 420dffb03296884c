/**
 * Which `apiVersion`s the Kubernetes v1.36 API server serves, with its
 * default `--runtime-config`, for the built-in kinds Pod Lens reads: the
 * workloads (`workloads.ts`) and the namespace objects whose admission
 * plugins change a pod (LimitRange, ResourceQuota, PriorityClass,
 * RuntimeClass).
 *
 * Sources (kubernetes/kubernetes, v1.36):
 * - `pkg/controlplane/instance.go`: the REST storage providers (core, apps,
 *   batch, scheduling, node, …) and `DefaultAPIResourceConfigSource`, which
 *   enables the stable group/versions and leaves every beta and alpha one
 *   off; `pkg/controlplane/apiserver/options` for the generic groups;
 * - `pkg/registry/apps/rest/storage_apps.go` and
 *   `pkg/registry/batch/rest/storage_batch.go`: `apps` and `batch` install
 *   storage for `v1` only; no storage provider serves `extensions` any more;
 * - `staging/src/k8s.io/api/{apps,batch,extensions,scheduling,node}/`: the
 *   older versions whose types remain (apps/v1beta1, apps/v1beta2,
 *   extensions/v1beta1, batch/v1beta1, scheduling.k8s.io/v1alpha1 and
 *   v1beta1, node.k8s.io/v1alpha1 and v1beta1) are not served;
 * - the Deprecated API Migration Guide
 *   (https://kubernetes.io/docs/reference/using-api/deprecation-guide/):
 *   the release that stopped serving each of them.
 */

export interface KindVersions {
  /** The group the kind lives in ("" for the core group). */
  group: string;
  /** The apiVersions that serve the kind by default, the preferred one first. */
  served: readonly string[];
  /** apiVersions that once served it, with the release that stopped serving them. */
  removed: readonly { apiVersion: string; since: string }[];
}

export const builtInKindVersions: Readonly<Record<string, KindVersions>> = {
  Pod: { group: '', served: ['v1'], removed: [] },
  PodTemplate: { group: '', served: ['v1'], removed: [] },
  ReplicationController: { group: '', served: ['v1'], removed: [] },
  LimitRange: { group: '', served: ['v1'], removed: [] },
  ResourceQuota: { group: '', served: ['v1'], removed: [] },
  Deployment: {
    group: 'apps',
    served: ['apps/v1'],
    removed: [
      { apiVersion: 'extensions/v1beta1', since: 'v1.16' },
      { apiVersion: 'apps/v1beta1', since: 'v1.16' },
      { apiVersion: 'apps/v1beta2', since: 'v1.16' },
    ],
  },
  StatefulSet: {
    group: 'apps',
    served: ['apps/v1'],
    removed: [
      { apiVersion: 'apps/v1beta1', since: 'v1.16' },
      { apiVersion: 'apps/v1beta2', since: 'v1.16' },
    ],
  },
  DaemonSet: {
    group: 'apps',
    served: ['apps/v1'],
    removed: [
      { apiVersion: 'extensions/v1beta1', since: 'v1.16' },
      { apiVersion: 'apps/v1beta2', since: 'v1.16' },
    ],
  },
  ReplicaSet: {
    group: 'apps',
    served: ['apps/v1'],
    removed: [
      { apiVersion: 'extensions/v1beta1', since: 'v1.16' },
      { apiVersion: 'apps/v1beta2', since: 'v1.16' },
    ],
  },
  Job: { group: 'batch', served: ['batch/v1'], removed: [] },
  CronJob: {
    group: 'batch',
    served: ['batch/v1'],
    removed: [{ apiVersion: 'batch/v1beta1', since: 'v1.25' }],
  },
  PriorityClass: {
    group: 'scheduling.k8s.io',
    served: ['scheduling.k8s.io/v1'],
    removed: [{ apiVersion: 'scheduling.k8s.io/v1beta1', since: 'v1.22' }],
  },
  RuntimeClass: {
    group: 'node.k8s.io',
    served: ['node.k8s.io/v1'],
    removed: [{ apiVersion: 'node.k8s.io/v1beta1', since: 'v1.25' }],
  },
};

/**
 * The API groups a v1.36 API server has built in (served by default or
 * not): a group with a dot that is not one of these belongs to a
 * CustomResourceDefinition or an aggregated API, and only its schema, which
 * Pod Lens does not have, can judge it. A group without a dot is never a
 * custom one (a CRD's group must contain a dot).
 */
export const builtInGroups: ReadonlySet<string> = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** The group of an apiVersion as `schema.ParseGroupVersion` reads it: "" for `v1`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** A group only a custom resource definition or an aggregated API can serve. */
export function isCustomGroup(group: string): boolean {
  return group.includes('.') && !builtInGroups.has(group);
}

export interface UnservedVersion {
  /** The apiVersion that serves the kind, for the quick fix. */
  servedVersion: string;
  /** When the written apiVersion stopped being served, if it ever was. */
  removedSince: string | null;
}

/**
 * Whether the API server serves `kind` in `apiVersion`: null when it does,
 * and for what Pod Lens does not judge (a kind it does not know, a custom
 * group, an empty apiVersion, which is `missing-api-version`'s).
 */
export function unservedVersion(kind: string, apiVersion: string): UnservedVersion | null {
  const versions = Object.hasOwn(builtInKindVersions, kind) ? builtInKindVersions[kind] : undefined;
  if (!versions || apiVersion === '' || isCustomGroup(groupOf(apiVersion))) return null;
  if (versions.served.includes(apiVersion)) return null;
  return {
    servedVersion: versions.served[0],
    removedSince: versions.removed.find((r) => r.apiVersion === apiVersion)?.since ?? null,
  };
}
