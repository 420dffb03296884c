/**
 * The Kubernetes v1.36 object types a workload manifest can contain, as the
 * API server's JSON decoder sees them (k8s.io/api v0.36.3, apimachinery
 * v0.36.3): for each Go struct, its JSON field names in declaration order and
 * the type each decodes into. `json:",inline"` embeds (TypeMeta, VolumeSource,
 * ProbeHandler, EphemeralContainerCommon) are flattened into the embedding
 * type, because that is how encoding/json matches keys.
 *
 * Type notation, chosen to be the Go type with pointers dropped (a pointer
 * decodes like its element, and null is accepted everywhere):
 * - a key of `K8S_STRUCTS`: an object with exactly those fields;
 * - a key of `K8S_NAMED`: a named Go type, whose JSON shape is its value;
 * - `[]T`: a list of T; `map[K]T`: an object with free keys and T values;
 * - `string`, `bool`, `int32`, `int64`: JSON scalars (integers range-checked);
 * - `Quantity` (resource.Quantity), `IntOrString` (intstr.IntOrString),
 *   `Time` (metav1.Time, an RFC 3339 string), `UID` (types.UID, a string):
 *   apimachinery types with their own JSON decoding;
 * - `any`: decoded without a schema (metav1.FieldsV1, and `status`, which
 *   manifests should not carry and which is not checked here).
 *
 * The table is data, not code: Kubernetes' own field list, to be refreshed
 * when a new minor version adds fields.
 */

/** Kubernetes minor version the table describes. */
export const K8S_TYPES_VERSION = '1.36';

/** Object kinds whose manifests the table covers, each the key of its root struct. */
export const K8S_ROOT_TYPES = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'PodTemplate',
] as const;

export type K8sRootType = (typeof K8S_ROOT_TYPES)[number];

export const K8S_STRUCTS: { readonly [type: string]: { readonly [field: string]: string } } = {
  Pod: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'PodSpec', status: 'any' },
  ObjectMeta: {
    name: 'string', generateName: 'string', namespace: 'string', selfLink: 'string', uid: 'UID',
    resourceVersion: 'string', generation: 'int64', creationTimestamp: 'Time', deletionTimestamp: 'Time',
    deletionGracePeriodSeconds: 'int64', labels: 'map[string]string', annotations: 'map[string]string',
    ownerReferences: '[]OwnerReference', finalizers: '[]string', managedFields: '[]ManagedFieldsEntry',
  },
  OwnerReference: {
    apiVersion: 'string', kind: 'string', name: 'string', uid: 'UID', controller: 'bool',
    blockOwnerDeletion: 'bool',
  },
  ManagedFieldsEntry: {
    manager: 'string', operation: 'ManagedFieldsOperationType', apiVersion: 'string', time: 'Time',
    fieldsType: 'string', fieldsV1: 'any', subresource: 'string',
  },
  PodSpec: {
    volumes: '[]Volume', initContainers: '[]Container', containers: '[]Container',
    ephemeralContainers: '[]EphemeralContainer', restartPolicy: 'RestartPolicy',
    terminationGracePeriodSeconds: 'int64', activeDeadlineSeconds: 'int64', dnsPolicy: 'DNSPolicy',
    nodeSelector: 'map[string]string', serviceAccountName: 'string', serviceAccount: 'string',
    automountServiceAccountToken: 'bool', nodeName: 'string', hostNetwork: 'bool', hostPID: 'bool',
    hostIPC: 'bool', shareProcessNamespace: 'bool', securityContext: 'PodSecurityContext',
    imagePullSecrets: '[]LocalObjectReference', hostname: 'string', subdomain: 'string',
    affinity: 'Affinity', schedulerName: 'string', tolerations: '[]Toleration', hostAliases: '[]HostAlias',
    priorityClassName: 'string', priority: 'int32', dnsConfig: 'PodDNSConfig',
    readinessGates: '[]PodReadinessGate', runtimeClassName: 'string', enableServiceLinks: 'bool',
    preemptionPolicy: 'PreemptionPolicy', overhead: 'ResourceList',
    topologySpreadConstraints: '[]TopologySpreadConstraint', setHostnameAsFQDN: 'bool', os: 'PodOS',
    hostUsers: 'bool', schedulingGates: '[]PodSchedulingGate', resourceClaims: '[]PodResourceClaim',
    resources: 'ResourceRequirements', hostnameOverride: 'string', schedulingGroup: 'PodSchedulingGroup',
  },
  Volume: {
    name: 'string', hostPath: 'HostPathVolumeSource', emptyDir: 'EmptyDirVolumeSource',
    gcePersistentDisk: 'GCEPersistentDiskVolumeSource',
    awsElasticBlockStore: 'AWSElasticBlockStoreVolumeSource', gitRepo: 'GitRepoVolumeSource',
    secret: 'SecretVolumeSource', nfs: 'NFSVolumeSource', iscsi: 'ISCSIVolumeSource',
    glusterfs: 'GlusterfsVolumeSource', persistentVolumeClaim: 'PersistentVolumeClaimVolumeSource',
    rbd: 'RBDVolumeSource', flexVolume: 'FlexVolumeSource', cinder: 'CinderVolumeSource',
    cephfs: 'CephFSVolumeSource', flocker: 'FlockerVolumeSource', downwardAPI: 'DownwardAPIVolumeSource',
    fc: 'FCVolumeSource', azureFile: 'AzureFileVolumeSource', configMap: 'ConfigMapVolumeSource',
    vsphereVolume: 'VsphereVirtualDiskVolumeSource', quobyte: 'QuobyteVolumeSource',
    azureDisk: 'AzureDiskVolumeSource', photonPersistentDisk: 'PhotonPersistentDiskVolumeSource',
    projected: 'ProjectedVolumeSource', portworxVolume: 'PortworxVolumeSource',
    scaleIO: 'ScaleIOVolumeSource', storageos: 'StorageOSVolumeSource', csi: 'CSIVolumeSource',
    ephemeral: 'EphemeralVolumeSource', image: 'ImageVolumeSource',
  },
  HostPathVolumeSource: { path: 'string', type: 'HostPathType' },
  EmptyDirVolumeSource: { medium: 'StorageMedium', sizeLimit: 'Quantity' },
  GCEPersistentDiskVolumeSource: { pdName: 'string', fsType: 'string', partition: 'int32', readOnly: 'bool' },
  AWSElasticBlockStoreVolumeSource: {
    volumeID: 'string', fsType: 'string', partition: 'int32', readOnly: 'bool',
  },
  GitRepoVolumeSource: { repository: 'string', revision: 'string', directory: 'string' },
  SecretVolumeSource: { secretName: 'string', items: '[]KeyToPath', defaultMode: 'int32', optional: 'bool' },
  KeyToPath: { key: 'string', path: 'string', mode: 'int32' },
  NFSVolumeSource: { server: 'string', path: 'string', readOnly: 'bool' },
  ISCSIVolumeSource: {
    targetPortal: 'string', iqn: 'string', lun: 'int32', iscsiInterface: 'string', fsType: 'string',
    readOnly: 'bool', portals: '[]string', chapAuthDiscovery: 'bool', chapAuthSession: 'bool',
    secretRef: 'LocalObjectReference', initiatorName: 'string',
  },
  LocalObjectReference: { name: 'string' },
  GlusterfsVolumeSource: { endpoints: 'string', path: 'string', readOnly: 'bool' },
  PersistentVolumeClaimVolumeSource: { claimName: 'string', readOnly: 'bool' },
  RBDVolumeSource: {
    monitors: '[]string', image: 'string', fsType: 'string', pool: 'string', user: 'string',
    keyring: 'string', secretRef: 'LocalObjectReference', readOnly: 'bool',
  },
  FlexVolumeSource: {
    driver: 'string', fsType: 'string', secretRef: 'LocalObjectReference', readOnly: 'bool',
    options: 'map[string]string',
  },
  CinderVolumeSource: {
    volumeID: 'string', fsType: 'string', readOnly: 'bool', secretRef: 'LocalObjectReference',
  },
  CephFSVolumeSource: {
    monitors: '[]string', path: 'string', user: 'string', secretFile: 'string',
    secretRef: 'LocalObjectReference', readOnly: 'bool',
  },
  FlockerVolumeSource: { datasetName: 'string', datasetUUID: 'string' },
  DownwardAPIVolumeSource: { items: '[]DownwardAPIVolumeFile', defaultMode: 'int32' },
  DownwardAPIVolumeFile: {
    path: 'string', fieldRef: 'ObjectFieldSelector', resourceFieldRef: 'ResourceFieldSelector',
    mode: 'int32',
  },
  ObjectFieldSelector: { apiVersion: 'string', fieldPath: 'string' },
  ResourceFieldSelector: { containerName: 'string', resource: 'string', divisor: 'Quantity' },
  FCVolumeSource: {
    targetWWNs: '[]string', lun: 'int32', fsType: 'string', readOnly: 'bool', wwids: '[]string',
  },
  AzureFileVolumeSource: { secretName: 'string', shareName: 'string', readOnly: 'bool' },
  ConfigMapVolumeSource: { name: 'string', items: '[]KeyToPath', defaultMode: 'int32', optional: 'bool' },
  VsphereVirtualDiskVolumeSource: {
    volumePath: 'string', fsType: 'string', storagePolicyName: 'string', storagePolicyID: 'string',
  },
  QuobyteVolumeSource: {
    registry: 'string', volume: 'string', readOnly: 'bool', user: 'string', group: 'string',
    tenant: 'string',
  },
  AzureDiskVolumeSource: {
    diskName: 'string', diskURI: 'string', cachingMode: 'AzureDataDiskCachingMode', fsType: 'string',
    readOnly: 'bool', kind: 'AzureDataDiskKind',
  },
  PhotonPersistentDiskVolumeSource: { pdID: 'string', fsType: 'string' },
  ProjectedVolumeSource: { sources: '[]VolumeProjection', defaultMode: 'int32' },
  VolumeProjection: {
    secret: 'SecretProjection', downwardAPI: 'DownwardAPIProjection', configMap: 'ConfigMapProjection',
    serviceAccountToken: 'ServiceAccountTokenProjection',
    clusterTrustBundle: 'ClusterTrustBundleProjection', podCertificate: 'PodCertificateProjection',
  },
  SecretProjection: { name: 'string', items: '[]KeyToPath', optional: 'bool' },
  DownwardAPIProjection: { items: '[]DownwardAPIVolumeFile' },
  ConfigMapProjection: { name: 'string', items: '[]KeyToPath', optional: 'bool' },
  ServiceAccountTokenProjection: { audience: 'string', expirationSeconds: 'int64', path: 'string' },
  ClusterTrustBundleProjection: {
    name: 'string', signerName: 'string', labelSelector: 'LabelSelector', optional: 'bool', path: 'string',
  },
  LabelSelector: { matchLabels: 'map[string]string', matchExpressions: '[]LabelSelectorRequirement' },
  LabelSelectorRequirement: { key: 'string', operator: 'LabelSelectorOperator', values: '[]string' },
  PodCertificateProjection: {
    signerName: 'string', keyType: 'string', maxExpirationSeconds: 'int32', credentialBundlePath: 'string',
    keyPath: 'string', certificateChainPath: 'string', userAnnotations: 'map[string]string',
  },
  PortworxVolumeSource: { volumeID: 'string', fsType: 'string', readOnly: 'bool' },
  ScaleIOVolumeSource: {
    gateway: 'string', system: 'string', secretRef: 'LocalObjectReference', sslEnabled: 'bool',
    protectionDomain: 'string', storagePool: 'string', storageMode: 'string', volumeName: 'string',
    fsType: 'string', readOnly: 'bool',
  },
  StorageOSVolumeSource: {
    volumeName: 'string', volumeNamespace: 'string', fsType: 'string', readOnly: 'bool',
    secretRef: 'LocalObjectReference',
  },
  CSIVolumeSource: {
    driver: 'string', readOnly: 'bool', fsType: 'string', volumeAttributes: 'map[string]string',
    nodePublishSecretRef: 'LocalObjectReference',
  },
  EphemeralVolumeSource: { volumeClaimTemplate: 'PersistentVolumeClaimTemplate' },
  PersistentVolumeClaimTemplate: { metadata: 'ObjectMeta', spec: 'PersistentVolumeClaimSpec' },
  PersistentVolumeClaimSpec: {
    accessModes: '[]PersistentVolumeAccessMode', selector: 'LabelSelector',
    resources: 'VolumeResourceRequirements', volumeName: 'string', storageClassName: 'string',
    volumeMode: 'PersistentVolumeMode', dataSource: 'TypedLocalObjectReference',
    dataSourceRef: 'TypedObjectReference', volumeAttributesClassName: 'string',
  },
  VolumeResourceRequirements: { limits: 'ResourceList', requests: 'ResourceList' },
  TypedLocalObjectReference: { apiGroup: 'string', kind: 'string', name: 'string' },
  TypedObjectReference: { apiGroup: 'string', kind: 'string', name: 'string', namespace: 'string' },
  ImageVolumeSource: { reference: 'string', pullPolicy: 'PullPolicy' },
  Container: {
    name: 'string', image: 'string', command: '[]string', args: '[]string', workingDir: 'string',
    ports: '[]ContainerPort', envFrom: '[]EnvFromSource', env: '[]EnvVar',
    resources: 'ResourceRequirements', resizePolicy: '[]ContainerResizePolicy',
    restartPolicy: 'ContainerRestartPolicy', restartPolicyRules: '[]ContainerRestartRule',
    volumeMounts: '[]VolumeMount', volumeDevices: '[]VolumeDevice', livenessProbe: 'Probe',
    readinessProbe: 'Probe', startupProbe: 'Probe', lifecycle: 'Lifecycle',
    terminationMessagePath: 'string', terminationMessagePolicy: 'TerminationMessagePolicy',
    imagePullPolicy: 'PullPolicy', securityContext: 'SecurityContext', stdin: 'bool', stdinOnce: 'bool',
    tty: 'bool',
  },
  ContainerPort: {
    name: 'string', hostPort: 'int32', containerPort: 'int32', protocol: 'Protocol', hostIP: 'string',
  },
  EnvFromSource: { prefix: 'string', configMapRef: 'ConfigMapEnvSource', secretRef: 'SecretEnvSource' },
  ConfigMapEnvSource: { name: 'string', optional: 'bool' },
  SecretEnvSource: { name: 'string', optional: 'bool' },
  EnvVar: { name: 'string', value: 'string', valueFrom: 'EnvVarSource' },
  EnvVarSource: {
    fieldRef: 'ObjectFieldSelector', resourceFieldRef: 'ResourceFieldSelector',
    configMapKeyRef: 'ConfigMapKeySelector', secretKeyRef: 'SecretKeySelector',
    fileKeyRef: 'FileKeySelector',
  },
  ConfigMapKeySelector: { name: 'string', key: 'string', optional: 'bool' },
  SecretKeySelector: { name: 'string', key: 'string', optional: 'bool' },
  FileKeySelector: { volumeName: 'string', path: 'string', key: 'string', optional: 'bool' },
  ResourceRequirements: { limits: 'ResourceList', requests: 'ResourceList', claims: '[]ResourceClaim' },
  ResourceClaim: { name: 'string', request: 'string' },
  ContainerResizePolicy: { resourceName: 'ResourceName', restartPolicy: 'ResourceResizeRestartPolicy' },
  ContainerRestartRule: {
    action: 'ContainerRestartRuleAction', exitCodes: 'ContainerRestartRuleOnExitCodes',
  },
  ContainerRestartRuleOnExitCodes: { operator: 'ContainerRestartRuleOnExitCodesOperator', values: '[]int32' },
  VolumeMount: {
    name: 'string', readOnly: 'bool', recursiveReadOnly: 'RecursiveReadOnlyMode', mountPath: 'string',
    subPath: 'string', mountPropagation: 'MountPropagationMode', subPathExpr: 'string',
  },
  VolumeDevice: { name: 'string', devicePath: 'string' },
  Probe: {
    exec: 'ExecAction', httpGet: 'HTTPGetAction', tcpSocket: 'TCPSocketAction', grpc: 'GRPCAction',
    initialDelaySeconds: 'int32', timeoutSeconds: 'int32', periodSeconds: 'int32',
    successThreshold: 'int32', failureThreshold: 'int32', terminationGracePeriodSeconds: 'int64',
  },
  ExecAction: { command: '[]string' },
  HTTPGetAction: {
    path: 'string', port: 'IntOrString', host: 'string', scheme: 'URIScheme', httpHeaders: '[]HTTPHeader',
  },
  HTTPHeader: { name: 'string', value: 'string' },
  TCPSocketAction: { port: 'IntOrString', host: 'string' },
  GRPCAction: { port: 'int32', service: 'string' },
  Lifecycle: { postStart: 'LifecycleHandler', preStop: 'LifecycleHandler', stopSignal: 'Signal' },
  LifecycleHandler: {
    exec: 'ExecAction', httpGet: 'HTTPGetAction', tcpSocket: 'TCPSocketAction', sleep: 'SleepAction',
  },
  SleepAction: { seconds: 'int64' },
  SecurityContext: {
    capabilities: 'Capabilities', privileged: 'bool', seLinuxOptions: 'SELinuxOptions',
    windowsOptions: 'WindowsSecurityContextOptions', runAsUser: 'int64', runAsGroup: 'int64',
    runAsNonRoot: 'bool', readOnlyRootFilesystem: 'bool', allowPrivilegeEscalation: 'bool',
    procMount: 'ProcMountType', seccompProfile: 'SeccompProfile', appArmorProfile: 'AppArmorProfile',
  },
  Capabilities: { add: '[]Capability', drop: '[]Capability' },
  SELinuxOptions: { user: 'string', role: 'string', type: 'string', level: 'string' },
  WindowsSecurityContextOptions: {
    gmsaCredentialSpecName: 'string', gmsaCredentialSpec: 'string', runAsUserName: 'string',
    hostProcess: 'bool',
  },
  SeccompProfile: { type: 'SeccompProfileType', localhostProfile: 'string' },
  AppArmorProfile: { type: 'AppArmorProfileType', localhostProfile: 'string' },
  EphemeralContainer: {
    name: 'string', image: 'string', command: '[]string', args: '[]string', workingDir: 'string',
    ports: '[]ContainerPort', envFrom: '[]EnvFromSource', env: '[]EnvVar',
    resources: 'ResourceRequirements', resizePolicy: '[]ContainerResizePolicy',
    restartPolicy: 'ContainerRestartPolicy', restartPolicyRules: '[]ContainerRestartRule',
    volumeMounts: '[]VolumeMount', volumeDevices: '[]VolumeDevice', livenessProbe: 'Probe',
    readinessProbe: 'Probe', startupProbe: 'Probe', lifecycle: 'Lifecycle',
    terminationMessagePath: 'string', terminationMessagePolicy: 'TerminationMessagePolicy',
    imagePullPolicy: 'PullPolicy', securityContext: 'SecurityContext', stdin: 'bool', stdinOnce: 'bool',
    tty: 'bool', targetContainerName: 'string',
  },
  PodSecurityContext: {
    seLinuxOptions: 'SELinuxOptions', windowsOptions: 'WindowsSecurityContextOptions', runAsUser: 'int64',
    runAsGroup: 'int64', runAsNonRoot: 'bool', supplementalGroups: '[]int64',
    supplementalGroupsPolicy: 'SupplementalGroupsPolicy', fsGroup: 'int64', sysctls: '[]Sysctl',
    fsGroupChangePolicy: 'PodFSGroupChangePolicy', seccompProfile: 'SeccompProfile',
    appArmorProfile: 'AppArmorProfile', seLinuxChangePolicy: 'PodSELinuxChangePolicy',
  },
  Sysctl: { name: 'string', value: 'string' },
  Affinity: { nodeAffinity: 'NodeAffinity', podAffinity: 'PodAffinity', podAntiAffinity: 'PodAntiAffinity' },
  NodeAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: 'NodeSelector',
    preferredDuringSchedulingIgnoredDuringExecution: '[]PreferredSchedulingTerm',
  },
  NodeSelector: { nodeSelectorTerms: '[]NodeSelectorTerm' },
  NodeSelectorTerm: {
    matchExpressions: '[]NodeSelectorRequirement', matchFields: '[]NodeSelectorRequirement',
  },
  NodeSelectorRequirement: { key: 'string', operator: 'NodeSelectorOperator', values: '[]string' },
  PreferredSchedulingTerm: { weight: 'int32', preference: 'NodeSelectorTerm' },
  PodAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: '[]PodAffinityTerm',
    preferredDuringSchedulingIgnoredDuringExecution: '[]WeightedPodAffinityTerm',
  },
  PodAffinityTerm: {
    labelSelector: 'LabelSelector', namespaces: '[]string', topologyKey: 'string',
    namespaceSelector: 'LabelSelector', matchLabelKeys: '[]string', mismatchLabelKeys: '[]string',
  },
  WeightedPodAffinityTerm: { weight: 'int32', podAffinityTerm: 'PodAffinityTerm' },
  PodAntiAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: '[]PodAffinityTerm',
    preferredDuringSchedulingIgnoredDuringExecution: '[]WeightedPodAffinityTerm',
  },
  Toleration: {
    key: 'string', operator: 'TolerationOperator', value: 'string', effect: 'TaintEffect',
    tolerationSeconds: 'int64',
  },
  HostAlias: { ip: 'string', hostnames: '[]string' },
  PodDNSConfig: { nameservers: '[]string', searches: '[]string', options: '[]PodDNSConfigOption' },
  PodDNSConfigOption: { name: 'string', value: 'string' },
  PodReadinessGate: { conditionType: 'PodConditionType' },
  TopologySpreadConstraint: {
    maxSkew: 'int32', topologyKey: 'string', whenUnsatisfiable: 'UnsatisfiableConstraintAction',
    labelSelector: 'LabelSelector', minDomains: 'int32', nodeAffinityPolicy: 'NodeInclusionPolicy',
    nodeTaintsPolicy: 'NodeInclusionPolicy', matchLabelKeys: '[]string',
  },
  PodOS: { name: 'OSName' },
  PodSchedulingGate: { name: 'string' },
  PodResourceClaim: { name: 'string', resourceClaimName: 'string', resourceClaimTemplateName: 'string' },
  PodSchedulingGroup: { podGroupName: 'string' },
  Deployment: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'DeploymentSpec', status: 'any',
  },
  DeploymentSpec: {
    replicas: 'int32', selector: 'LabelSelector', template: 'PodTemplateSpec',
    strategy: 'DeploymentStrategy', minReadySeconds: 'int32', revisionHistoryLimit: 'int32', paused: 'bool',
    progressDeadlineSeconds: 'int32',
  },
  PodTemplateSpec: { metadata: 'ObjectMeta', spec: 'PodSpec' },
  DeploymentStrategy: { type: 'DeploymentStrategyType', rollingUpdate: 'RollingUpdateDeployment' },
  RollingUpdateDeployment: { maxUnavailable: 'IntOrString', maxSurge: 'IntOrString' },
  StatefulSet: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'StatefulSetSpec', status: 'any',
  },
  StatefulSetSpec: {
    replicas: 'int32', selector: 'LabelSelector', template: 'PodTemplateSpec',
    volumeClaimTemplates: '[]PersistentVolumeClaim', serviceName: 'string',
    podManagementPolicy: 'PodManagementPolicyType', updateStrategy: 'StatefulSetUpdateStrategy',
    revisionHistoryLimit: 'int32', minReadySeconds: 'int32',
    persistentVolumeClaimRetentionPolicy: 'StatefulSetPersistentVolumeClaimRetentionPolicy',
    ordinals: 'StatefulSetOrdinals',
  },
  PersistentVolumeClaim: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'PersistentVolumeClaimSpec',
    status: 'any',
  },
  StatefulSetUpdateStrategy: {
    type: 'StatefulSetUpdateStrategyType', rollingUpdate: 'RollingUpdateStatefulSetStrategy',
  },
  RollingUpdateStatefulSetStrategy: { partition: 'int32', maxUnavailable: 'IntOrString' },
  StatefulSetPersistentVolumeClaimRetentionPolicy: {
    whenDeleted: 'PersistentVolumeClaimRetentionPolicyType',
    whenScaled: 'PersistentVolumeClaimRetentionPolicyType',
  },
  StatefulSetOrdinals: { start: 'int32' },
  DaemonSet: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'DaemonSetSpec', status: 'any',
  },
  DaemonSetSpec: {
    selector: 'LabelSelector', template: 'PodTemplateSpec', updateStrategy: 'DaemonSetUpdateStrategy',
    minReadySeconds: 'int32', revisionHistoryLimit: 'int32',
  },
  DaemonSetUpdateStrategy: { type: 'DaemonSetUpdateStrategyType', rollingUpdate: 'RollingUpdateDaemonSet' },
  RollingUpdateDaemonSet: { maxUnavailable: 'IntOrString', maxSurge: 'IntOrString' },
  ReplicaSet: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'ReplicaSetSpec', status: 'any',
  },
  ReplicaSetSpec: {
    replicas: 'int32', minReadySeconds: 'int32', selector: 'LabelSelector', template: 'PodTemplateSpec',
  },
  ReplicationController: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'ReplicationControllerSpec',
    status: 'any',
  },
  ReplicationControllerSpec: {
    replicas: 'int32', minReadySeconds: 'int32', selector: 'map[string]string', template: 'PodTemplateSpec',
  },
  Job: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'JobSpec', status: 'any' },
  JobSpec: {
    parallelism: 'int32', completions: 'int32', activeDeadlineSeconds: 'int64',
    podFailurePolicy: 'PodFailurePolicy', successPolicy: 'SuccessPolicy', backoffLimit: 'int32',
    backoffLimitPerIndex: 'int32', maxFailedIndexes: 'int32', selector: 'LabelSelector',
    manualSelector: 'bool', template: 'PodTemplateSpec', ttlSecondsAfterFinished: 'int32',
    completionMode: 'CompletionMode', suspend: 'bool', podReplacementPolicy: 'PodReplacementPolicy',
    managedBy: 'string',
  },
  PodFailurePolicy: { rules: '[]PodFailurePolicyRule' },
  PodFailurePolicyRule: {
    action: 'PodFailurePolicyAction', onExitCodes: 'PodFailurePolicyOnExitCodesRequirement',
    onPodConditions: '[]PodFailurePolicyOnPodConditionsPattern',
  },
  PodFailurePolicyOnExitCodesRequirement: {
    containerName: 'string', operator: 'PodFailurePolicyOnExitCodesOperator', values: '[]int32',
  },
  PodFailurePolicyOnPodConditionsPattern: { type: 'PodConditionType', status: 'ConditionStatus' },
  SuccessPolicy: { rules: '[]SuccessPolicyRule' },
  SuccessPolicyRule: { succeededIndexes: 'string', succeededCount: 'int32' },
  CronJob: {
    kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', spec: 'CronJobSpec', status: 'any',
  },
  CronJobSpec: {
    schedule: 'string', timeZone: 'string', startingDeadlineSeconds: 'int64',
    concurrencyPolicy: 'ConcurrencyPolicy', suspend: 'bool', jobTemplate: 'JobTemplateSpec',
    successfulJobsHistoryLimit: 'int32', failedJobsHistoryLimit: 'int32',
  },
  JobTemplateSpec: { metadata: 'ObjectMeta', spec: 'JobSpec' },
  PodTemplate: { kind: 'string', apiVersion: 'string', metadata: 'ObjectMeta', template: 'PodTemplateSpec' },
};

/** Named non-struct Go types (enums are `type X string`), by their JSON shape. */
export const K8S_NAMED: { readonly [type: string]: string } = {
  AppArmorProfileType: 'string',
  AzureDataDiskCachingMode: 'string',
  AzureDataDiskKind: 'string',
  Capability: 'string',
  CompletionMode: 'string',
  ConcurrencyPolicy: 'string',
  ConditionStatus: 'string',
  ContainerRestartPolicy: 'string',
  ContainerRestartRuleAction: 'string',
  ContainerRestartRuleOnExitCodesOperator: 'string',
  DNSPolicy: 'string',
  DaemonSetUpdateStrategyType: 'string',
  DeploymentStrategyType: 'string',
  HostPathType: 'string',
  LabelSelectorOperator: 'string',
  ManagedFieldsOperationType: 'string',
  MountPropagationMode: 'string',
  NodeInclusionPolicy: 'string',
  NodeSelectorOperator: 'string',
  OSName: 'string',
  PersistentVolumeAccessMode: 'string',
  PersistentVolumeClaimRetentionPolicyType: 'string',
  PersistentVolumeMode: 'string',
  PodConditionType: 'string',
  PodFSGroupChangePolicy: 'string',
  PodFailurePolicyAction: 'string',
  PodFailurePolicyOnExitCodesOperator: 'string',
  PodManagementPolicyType: 'string',
  PodReplacementPolicy: 'string',
  PodSELinuxChangePolicy: 'string',
  PreemptionPolicy: 'string',
  ProcMountType: 'string',
  Protocol: 'string',
  PullPolicy: 'string',
  RecursiveReadOnlyMode: 'string',
  ResourceList: 'map[ResourceName]Quantity',
  ResourceName: 'string',
  ResourceResizeRestartPolicy: 'string',
  RestartPolicy: 'string',
  SeccompProfileType: 'string',
  Signal: 'string',
  StatefulSetUpdateStrategyType: 'string',
  StorageMedium: 'string',
  SupplementalGroupsPolicy: 'string',
  TaintEffect: 'string',
  TerminationMessagePolicy: 'string',
  TolerationOperator: 'string',
  URIScheme: 'string',
  UnsatisfiableConstraintAction: 'string',
};
