import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, parseAllDocuments } from 'yaml';
import fc from 'fast-check';
import { checkStrictFields, describeType, typeAtPath } from '../../server/src/engine/schema/strict-fields';
import { K8S_NAMED, K8S_ROOT_TYPES, K8S_STRUCTS } from '../../server/src/engine/schema/k8s-types';

/** [code, message, exact text at start..end] */
type Expected = readonly [string, string, string];

function findings(text: string, rootType: string): Expected[] {
  // The options the engine parses with: duplicate keys must survive the parse.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  const dropped = ': kubectl keeps only this last value and silently drops the earlier one';
  return checkStrictFields(doc, rootType).map((f) => {
    // Duplicated keys are accepted by kubectl (the last wins), so they warn; the rest is refused.
    assert.equal(f.severity, f.code === 'duplicate-field' ? 'warning' : 'error');
    if (f.code === 'duplicate-field') assert.ok(f.message.endsWith(dropped), f.message);
    return [f.code, f.message.replace(dropped, ''), text.slice(f.start, f.end)] as const;
  });
}

const QUANTITY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const cases: { name: string; kind: string; yaml: string; expected: Expected[] }[] = [
  {
    name: 'resources indented under an env item (conformance 131)',
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: misindented
spec:
  containers:
  - name: app
    image: registry.example/app:1.0
    env:
    - name: MODE
      value: prod
      resources:
        requests:
          cpu: 500m
          memory: 256Mi
        limits:
          cpu: "1"
          memory: 512Mi
`,
    expected: [['unknown-field', 'unknown field "spec.containers[0].env[0].resources"', 'resources']],
  },
  {
    name: 'resources, requests and limits all at the env item level (flattened indentation)',
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: frontend
spec:
  containers:
  - name: db
    image: mysql
    env:
    - name: MYSQL_ROOT_PASSWORD
      value: "password"
      resources:
      requests:
        memory: "64Mi"
        cpu: "250m"
      limits:
        memory: "128Mi"
        cpu: "500m"
  - name: wp
    image: wordpress
    resources:
      requests:
        memory: "64Mi"
        cpu: "250m"
`,
    expected: [
      ['unknown-field', 'unknown field "spec.containers[0].env[0].resources"', 'resources'],
      ['unknown-field', 'unknown field "spec.containers[0].env[0].requests"', 'requests'],
      ['unknown-field', 'unknown field "spec.containers[0].env[0].limits"', 'limits'],
    ],
  },
  {
    name: 'typo resouces in a container',
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  containers:
  - name: app
    image: nginx
  - name: sidecar
    image: busybox
    resouces:
      limits:
        memory: 64Mi
`,
    expected: [['unknown-field', 'unknown field "spec.containers[1].resouces"', 'resouces']],
  },
  {
    name: 'requests directly under a container',
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: flat
spec:
  containers:
  - name: app
    image: nginx
    requests:
      cpu: 100m
    limits:
      cpu: 200m
`,
    expected: [
      ['unknown-field', 'unknown field "spec.containers[0].requests"', 'requests'],
      ['unknown-field', 'unknown field "spec.containers[0].limits"', 'limits'],
    ],
  },
  {
    name: 'unknown field in a Deployment pod template, and a wrongly cased one',
    kind: 'Deployment',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      nodeselector:
        disk: ssd
      containers:
      - name: web
        image: nginx:1.27
        imagePullPolicyTwo: Always
`,
    expected: [
      ['unknown-field', 'unknown field "spec.template.spec.nodeselector"', 'nodeselector'],
      ['unknown-field', 'unknown field "spec.template.spec.containers[0].imagePullPolicyTwo"', 'imagePullPolicyTwo'],
    ],
  },
  {
    name: 'CronJob: restartPolicy at the job level, unknown container field',
    kind: 'CronJob',
    yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      restartPolicy: OnFailure
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox
            command: ["sh", "-c", "date"]
            memoryLimit: 64Mi
`,
    expected: [
      ['unknown-field', 'unknown field "spec.jobTemplate.spec.restartPolicy"', 'restartPolicy'],
      ['unknown-field', 'unknown field "spec.jobTemplate.spec.template.spec.containers[0].memoryLimit"', 'memoryLimit'],
    ],
  },
  {
    name: 'unknown fields inside probes and handlers',
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: probes
spec:
  containers:
  - name: app
    image: nginx
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
        headers:
        - name: X
          value: y
      initialDelay: 5
    readinessProbe:
      tcpSocket:
        port: http
      timeout: 1
    lifecycle:
      preStop:
        sleep:
          seconds: 5
          duration: 5
`,
    expected: [
      ['unknown-field', 'unknown field "spec.containers[0].livenessProbe.httpGet.headers"', 'headers'],
      ['unknown-field', 'unknown field "spec.containers[0].livenessProbe.initialDelay"', 'initialDelay'],
      ['unknown-field', 'unknown field "spec.containers[0].readinessProbe.timeout"', 'timeout'],
      ['unknown-field', 'unknown field "spec.containers[0].lifecycle.preStop.sleep.duration"', 'duration'],
    ],
  },
  {
    // The API server's own field-validation test body; strict JSON decoding
    // reports exactly these (an unknown key repeated is one unknown field).
    name: 'duplicate keys, as the API server reports them',
    kind: 'Deployment',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dupename
  name: web
  unknownMeta: metaVal
  labels:
    app: nginx
spec:
  unknown1: val1
  unknownDupe: valDupe
  unknownDupe: valDupe2
  paused: true
  paused: false
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:latest
        unknownNested: val1
        imagePullPolicy: Always
        imagePullPolicy: Never
`,
    expected: [
      ['duplicate-field', 'duplicate field "metadata.name"', 'name'],
      ['unknown-field', 'unknown field "metadata.unknownMeta"', 'unknownMeta'],
      ['unknown-field', 'unknown field "spec.unknown1"', 'unknown1'],
      ['unknown-field', 'unknown field "spec.unknownDupe"', 'unknownDupe'],
      ['duplicate-field', 'duplicate field "spec.paused"', 'paused'],
      ['unknown-field', 'unknown field "spec.template.spec.containers[0].unknownNested"', 'unknownNested'],
      ['duplicate-field', 'duplicate field "spec.template.spec.containers[0].imagePullPolicy"', 'imagePullPolicy'],
    ],
  },
  {
    name: 'duplicate keys in maps (labels, limits) and a duplicated env field',
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: dup
  labels:
    app: a
    app: b
spec:
  containers:
  - name: app
    image: nginx
    env:
    - name: A
      value: "1"
      value: "2"
    resources:
      limits:
        cpu: 1
        cpu: 2
`,
    expected: [
      ['duplicate-field', 'duplicate field "metadata.labels.app"', 'app'],
      ['duplicate-field', 'duplicate field "spec.containers[0].env[0].value"', 'value'],
      ['duplicate-field', 'duplicate field "spec.containers[0].resources.limits.cpu"', 'cpu'],
    ],
  },
  {
    // A key repeated after a nested mapping that holds the same key; a map of over 32 keys.
    name: 'duplicate keys around nested mappings and in a large map',
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: a
  labels:
    name: b
    l0: v
    l1: v
    l2: v
    l3: v
    l4: v
    l5: v
    l6: v
    l7: v
    l8: v
    l9: v
    l10: v
    l11: v
    l12: v
    l13: v
    l14: v
    l15: v
    l16: v
    l17: v
    l18: v
    l19: v
    l20: v
    l21: v
    l22: v
    l23: v
    l24: v
    l25: v
    l26: v
    l27: v
    l28: v
    l29: v
    l30: v
    l31: v
    l32: v
    l33: v
    l34: v
    l35: v
    l36: v
    l37: v
    l38: v
    l39: v
    l7: again
  annotations:
    name: c
  name: d
spec:
  containers:
  - name: app
    image: nginx
`,
    expected: [
      ['duplicate-field', 'duplicate field "metadata.labels.l7"', 'l7'],
      ['duplicate-field', 'duplicate field "metadata.name"', 'name'],
    ],
  },
  {
    name: 'JSON (flow style) manifest with an unknown field',
    kind: 'Pod',
    yaml: `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"},
 "spec": {"containers": [{"name": "a", "image": "b", "resorces": {"limits": {"cpu": "1"}}}],
          "restartPolicy": "Never"}}
`,
    expected: [['unknown-field', 'unknown field "spec.containers[0].resorces"', '"resorces"']],
  },
  {
    name: 'flow mappings and sequences in block style',
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata: {name: f, labels: {app: f}}
spec:
  containers: [{name: a, image: b, ports: [{containerPort: 80, proto: TCP}], resources: {limits: {cpu: 1}}}]
  tolerations: [{key: k, operator: Exists, effect: NoSchedule}]
`,
    expected: [['unknown-field', 'unknown field "spec.containers[0].ports[0].proto"', 'proto']],
  },
  {
    name: 'values of the wrong shape',
    kind: 'Deployment',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: types
  labels:
    version: 1.0
spec:
  replicas: 1.5
  selector:
    matchLabels:
      app: t
  strategy:
    rollingUpdate:
      maxSurge: {percent: 25}
  template:
    spec:
      containers:
      - name: app
        image: nginx
        args:
        - --port: 8080
        ports: "8080"
        env:
        - name: PORT
          value: 8080
        - name: DEBUG
          value: yes
        resources:
          limits:
            cpu: [1]
        securityContext: true
      - name: b
        image: nginx
        ports:
        - containerPort: "80"
        volumeMounts:
          name: data
          mountPath: /data
`,
    expected: [
      [
        'invalid-type',
        'metadata.labels.version: expected a string, got the number 1.0 (quote it to keep it a string): json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
        '1.0',
      ],
      [
        'invalid-type',
        'spec.replicas: expected an integer, got the number 1.5: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
        '1.5',
      ],
      [
        'invalid-type',
        'spec.strategy.rollingUpdate.maxSurge: expected an integer or a string, got a map: json: cannot unmarshal object into Go value of type int32',
        'maxSurge',
      ],
      [
        'invalid-type',
        'spec.template.spec.containers[0].args[0]: expected a string, got a map: json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.args of type string',
        '--port: 8080',
      ],
      [
        'invalid-type',
        'spec.template.spec.containers[0].ports: expected a list of ContainerPort, got a string: json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort',
        '"8080"',
      ],
      [
        'invalid-type',
        'spec.template.spec.containers[0].env[0].value: expected a string, got the number 8080 (quote it to keep it a string): json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
        '8080',
      ],
      [
        'invalid-type',
        'spec.template.spec.containers[0].env[1].value: expected a string, got the boolean yes (quote it to keep it a string): json: cannot unmarshal bool into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
        'yes',
      ],
      ['invalid-type', `spec.template.spec.containers[0].resources.limits.cpu: expected a quantity, got a list: ${QUANTITY}`, 'cpu'],
      [
        'invalid-type',
        'spec.template.spec.containers[0].securityContext: expected a SecurityContext object, got the boolean true: json: cannot unmarshal bool into Go struct field Container.spec.template.spec.containers.securityContext of type v1.SecurityContext',
        'true',
      ],
      [
        'invalid-type',
        'spec.template.spec.containers[1].ports[0].containerPort: expected an integer, got a string: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
        '"80"',
      ],
      [
        'invalid-type',
        'spec.template.spec.containers[1].volumeMounts: expected a list of VolumeMount, got a map: json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.volumeMounts of type []v1.VolumeMount',
        'volumeMounts',
      ],
    ],
  },
  {
    name: 'YAML 1.1 scalars as kubectl reads them, and integer ranges',
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: scalars
  annotations:
    date: 2024-01-01
    enabled: "true"
    on: off
spec:
  terminationGracePeriodSeconds: 0x1E
  activeDeadlineSeconds: 1e3
  priority: 3000000000
  automountServiceAccountToken: "false"
  volumes:
  - name: cfg
    configMap:
      name: cfg
      defaultMode: 0644
  containers:
  - name: app
    image: nginx
    stdin: y
    tty: on
    env:
    - name: EMPTY
      value:
    - name: TILDE
      value: ~
    - name: STR
      value: !!str 42
    - name: FLOAT
      value: .5
    resources:
      limits:
        cpu: 0.5
        memory: 1e9
        ephemeral-storage: no
`,
    expected: [
      [
        'invalid-type',
        'metadata.annotations.true: expected a string, got the boolean off (quote it to keep it a string): json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.annotations of type string',
        'off',
      ],
      [
        'invalid-type',
        'spec.priority: expected an integer that fits in 32 bits, got the number 3000000000: json: cannot unmarshal number 3000000000 into Go struct field PodSpec.spec.priority of type int32',
        '3000000000',
      ],
      [
        'invalid-type',
        'spec.automountServiceAccountToken: expected a boolean, got a string: json: cannot unmarshal string into Go struct field PodSpec.spec.automountServiceAccountToken of type bool',
        '"false"',
      ],
      [
        'invalid-type',
        'spec.containers[0].env[3].value: expected a string, got the number .5 (quote it to keep it a string): json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string',
        '.5',
      ],
      ['invalid-type', `spec.containers[0].resources.limits.ephemeral-storage: expected a quantity, got the boolean no: ${QUANTITY}`, 'no'],
    ],
  },
  {
    // go-yaml reads `.5_0` as the float 0.5 (ParseFloat takes underscores between digits); so does every reader of the engine.
    name: 'a float with underscores in an integer field is a number, not a string',
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  terminationGracePeriodSeconds: .5_0
  containers:
  - name: app
    image: app:1
`,
    expected: [
      [
        'invalid-type',
        'spec.terminationGracePeriodSeconds: expected an integer, got the number .5_0: json: cannot unmarshal number 0.5 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64',
        '.5_0',
      ],
    ],
  },
  {
    name: 'anchors, aliases and merge keys',
    kind: 'Deployment',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: anchors
  labels: &labels
    app: anchors
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels:
        <<: *labels
        tier: web
    spec:
      containers:
      - &base
        name: a
        image: nginx
        resources: &res
          limits: {cpu: "1"}
          requets: {cpu: "1"}
      - <<: *base
        name: b
      - name: c
        image: nginx
        resources: *res
        ports: *labels
`,
    expected: [
      ['unknown-field', 'unknown field "spec.template.spec.containers[0].resources.requets"', 'requets'],
      ['unknown-field', 'unknown field "spec.template.spec.containers[1].resources.requets"', 'requets'],
      ['unknown-field', 'unknown field "spec.template.spec.containers[2].resources.requets"', 'requets'],
      [
        'invalid-type',
        'spec.template.spec.containers[2].ports: expected a list of ContainerPort, got a map: json: cannot unmarshal object into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort',
        'ports',
      ],
    ],
  },
  {
    name: 'half-typed manifest: nulls everywhere are fine',
    kind: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
spec:
  containers:
  - name: app
    image:
    resources:
    env:
    -
    - name:
  volumes: ~
  affinity: null
`,
    expected: [],
  },
];

const validManifests: { name: string; kind: string; yaml: string }[] = [
  {
    name: 'realistic Deployment',
    kind: 'Deployment',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: prod
  labels:
    app.kubernetes.io/name: api
    app.kubernetes.io/version: "1.4.2"
  annotations:
    deployment.kubernetes.io/revision: "3"
spec:
  replicas: 3
  revisionHistoryLimit: 5
  progressDeadlineSeconds: 600
  minReadySeconds: 10
  selector:
    matchLabels:
      app.kubernetes.io/name: api
    matchExpressions:
    - {key: tier, operator: In, values: [backend]}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: api
        tier: backend
      annotations:
        prometheus.io/scrape: "true"
    spec:
      serviceAccountName: api
      automountServiceAccountToken: false
      priorityClassName: high
      terminationGracePeriodSeconds: 45
      enableServiceLinks: false
      hostUsers: false
      os:
        name: linux
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        fsGroupChangePolicy: OnRootMismatch
        supplementalGroups: [2000]
        supplementalGroupsPolicy: Merge
        seccompProfile:
          type: RuntimeDefault
        sysctls:
        - name: net.ipv4.ip_local_port_range
          value: "1024 65535"
      imagePullSecrets:
      - name: registry
      initContainers:
      - name: migrate
        image: registry.example/api:1.4.2
        command: ["/app/migrate", "--to", "latest"]
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {memory: 128Mi}
      - name: log-shipper
        image: registry.example/shipper:2.1
        restartPolicy: Always
        args: [--source, /var/log/app]
        volumeMounts:
        - name: logs
          mountPath: /var/log/app
          readOnly: true
        startupProbe:
          exec:
            command: [cat, /tmp/ready]
          periodSeconds: 2
          failureThreshold: 30
      containers:
      - name: api
        image: registry.example/api:1.4.2
        imagePullPolicy: IfNotPresent
        workingDir: /app
        ports:
        - name: http
          containerPort: 8080
          protocol: TCP
        - name: grpc
          containerPort: 9090
        env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: MEM_LIMIT
          valueFrom:
            resourceFieldRef:
              containerName: api
              resource: limits.memory
              divisor: 1Mi
        - name: DB_HOST
          valueFrom:
            configMapKeyRef:
              name: api-config
              key: db_host
              optional: false
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: api-secret
              key: password
        - name: LOG_LEVEL
          value: info
        envFrom:
        - configMapRef:
            name: api-env
        - prefix: SECRET_
          secretRef:
            name: api-env-secret
            optional: true
        resources:
          requests:
            cpu: 250m
            memory: 256Mi
            ephemeral-storage: 1Gi
          limits:
            cpu: "1"
            memory: 512Mi
        resizePolicy:
        - resourceName: cpu
          restartPolicy: NotRequired
        - resourceName: memory
          restartPolicy: RestartContainer
        livenessProbe:
          httpGet:
            path: /healthz
            port: http
            scheme: HTTP
            httpHeaders:
            - name: X-Probe
              value: liveness
          initialDelaySeconds: 10
          periodSeconds: 10
          timeoutSeconds: 2
          failureThreshold: 3
          terminationGracePeriodSeconds: 30
        readinessProbe:
          grpc:
            port: 9090
            service: readiness
          periodSeconds: 5
          successThreshold: 1
        startupProbe:
          tcpSocket:
            port: 8080
          failureThreshold: 30
          periodSeconds: 2
        lifecycle:
          postStart:
            exec:
              command: ["/bin/sh", "-c", "echo started"]
          preStop:
            sleep:
              seconds: 5
          stopSignal: SIGTERM
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          privileged: false
          capabilities:
            drop: [ALL]
            add: [NET_BIND_SERVICE]
          seccompProfile:
            type: Localhost
            localhostProfile: profiles/api.json
          appArmorProfile:
            type: RuntimeDefault
        volumeMounts:
        - name: config
          mountPath: /etc/api
          readOnly: true
          recursiveReadOnly: IfPossible
        - name: logs
          mountPath: /var/log/app
        - name: tmp
          mountPath: /tmp
          subPath: api
        - name: token
          mountPath: /var/run/secrets/tokens
        terminationMessagePolicy: FallbackToLogsOnError
      volumes:
      - name: config
        configMap:
          name: api-config
          defaultMode: 0440
          items:
          - key: config.yaml
            path: config.yaml
            mode: 0400
      - name: logs
        emptyDir: {}
      - name: tmp
        emptyDir:
          medium: Memory
          sizeLimit: 64Mi
      - name: token
        projected:
          defaultMode: 420
          sources:
          - serviceAccountToken:
              audience: vault
              expirationSeconds: 3600
              path: vault-token
          - downwardAPI:
              items:
              - path: labels
                fieldRef:
                  fieldPath: metadata.labels
          - secret:
              name: api-tls
              items: [{key: tls.crt, path: tls.crt}]
          - configMap:
              name: ca
      - name: data
        persistentVolumeClaim:
          claimName: api-data
          readOnly: true
      - name: host
        hostPath:
          path: /var/run/app
          type: DirectoryOrCreate
      - name: secrets-store
        csi:
          driver: secrets-store.csi.k8s.io
          readOnly: true
          volumeAttributes:
            secretProviderClass: api
      - name: scratch
        ephemeral:
          volumeClaimTemplate:
            metadata:
              labels:
                type: scratch
            spec:
              accessModes: [ReadWriteOnce]
              storageClassName: fast
              resources:
                requests:
                  storage: 1Gi
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: kubernetes.io/arch
                operator: In
                values: [amd64, arm64]
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 50
            preference:
              matchExpressions:
              - key: node.kubernetes.io/instance-type
                operator: In
                values: [m5.large]
        podAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 10
            podAffinityTerm:
              labelSelector:
                matchLabels:
                  app: cache
              topologyKey: kubernetes.io/hostname
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector:
              matchExpressions:
              - key: app.kubernetes.io/name
                operator: In
                values: [api]
            topologyKey: topology.kubernetes.io/zone
            matchLabelKeys: [pod-template-hash]
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels:
            app.kubernetes.io/name: api
        matchLabelKeys: [pod-template-hash]
        minDomains: 2
        nodeAffinityPolicy: Honor
        nodeTaintsPolicy: Ignore
      tolerations:
      - key: dedicated
        operator: Equal
        value: api
        effect: NoSchedule
      - key: node.kubernetes.io/not-ready
        operator: Exists
        effect: NoExecute
        tolerationSeconds: 300
      dnsPolicy: ClusterFirst
      dnsConfig:
        nameservers: [1.1.1.1]
        searches: [svc.cluster.local]
        options:
        - name: ndots
          value: "2"
      hostAliases:
      - ip: 10.0.0.1
        hostnames: [db.local]
      readinessGates:
      - conditionType: example.com/ready
      schedulingGates:
      - name: example.com/quota
      resourceClaims:
      - name: gpu
        resourceClaimTemplateName: gpu-template
`,
  },
  {
    name: 'StatefulSet with volumeClaimTemplates',
    kind: 'StatefulSet',
    yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 3
  podManagementPolicy: Parallel
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      partition: 0
      maxUnavailable: 1
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Retain
    whenScaled: Delete
  ordinals:
    start: 0
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: postgres
        image: postgres:17
        ports:
        - containerPort: 5432
          name: pg
        volumeMounts:
        - name: data
          mountPath: /var/lib/postgresql/data
        resources:
          requests: {cpu: "1", memory: 2Gi}
          limits: {memory: 2Gi}
  volumeClaimTemplates:
  - apiVersion: v1
    kind: PersistentVolumeClaim
    metadata:
      name: data
      labels:
        app: db
    spec:
      accessModes: ["ReadWriteOnce"]
      storageClassName: ssd
      volumeMode: Filesystem
      resources:
        requests:
          storage: 20Gi
      dataSourceRef:
        apiGroup: snapshot.storage.k8s.io
        kind: VolumeSnapshot
        name: db-snap
`,
  },
  {
    name: 'Job with pod failure and success policies',
    kind: 'Job',
    yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: batch
spec:
  completions: 10
  parallelism: 2
  completionMode: Indexed
  backoffLimitPerIndex: 1
  maxFailedIndexes: 3
  activeDeadlineSeconds: 3600
  ttlSecondsAfterFinished: 100
  podReplacementPolicy: Failed
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes:
        containerName: main
        operator: In
        values: [42]
    - action: Ignore
      onPodConditions:
      - type: DisruptionTarget
        status: "True"
  successPolicy:
    rules:
    - succeededIndexes: "0-3"
      succeededCount: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: [sh, -c, "exit 0"]
        restartPolicyRules:
        - action: Restart
          exitCodes:
            operator: In
            values: [1, 2]
`,
  },
  {
    name: 'CronJob',
    kind: 'CronJob',
    yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 2 * * *"
  timeZone: Europe/Paris
  concurrencyPolicy: Forbid
  startingDeadlineSeconds: 300
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 1
  suspend: false
  jobTemplate:
    metadata:
      labels:
        job: nightly
    spec:
      backoffLimit: 2
      template:
        metadata:
          labels:
            job: nightly
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: registry.example/backup:3
            args: ["--bucket", "s3://backups"]
            resources:
              requests: {cpu: 100m, memory: 128Mi}
`,
  },
  {
    name: 'DaemonSet, ReplicaSet, ReplicationController, PodTemplate and a Pod with ephemeral containers',
    kind: 'multi',
    yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 10%, maxSurge: 0}
  template:
    metadata:
      labels: {app: agent}
    spec:
      hostNetwork: true
      hostPID: true
      containers:
      - name: agent
        image: agent:1
        securityContext:
          privileged: true
          seLinuxOptions: {type: spc_t}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: rs
spec:
  replicas: 1
  selector:
    matchLabels: {app: rs}
  template:
    metadata:
      labels: {app: rs}
    spec:
      containers: [{name: a, image: b}]
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: rc
spec:
  replicas: 1
  selector:
    app: rc
  template:
    metadata:
      labels: {app: rc}
    spec:
      containers: [{name: a, image: b}]
---
apiVersion: v1
kind: PodTemplate
metadata:
  name: tpl
template:
  metadata:
    labels: {app: tpl}
  spec:
    containers: [{name: a, image: b}]
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  creationTimestamp: null
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: rs
    uid: 6b9a3c8e-0000-4000-8000-000000000000
    controller: true
    blockOwnerDeletion: true
spec:
  shareProcessNamespace: true
  containers:
  - name: app
    image: nginx
    stdin: true
    tty: true
  ephemeralContainers:
  - name: debugger
    image: busybox
    targetContainerName: app
    stdin: true
  overhead:
    cpu: 10m
  resources:
    limits: {cpu: "2", memory: 1Gi}
status:
  phase: Running
  anything: goes
`,
  },
];

for (const c of cases) {
  test(`strict fields: ${c.name}`, () => {
    assert.deepEqual(findings(c.yaml, c.kind), c.expected);
  });
}

for (const m of validManifests) {
  test(`strict fields: valid ${m.name} has no findings`, () => {
    const docs = parseAllDocuments(m.yaml, { uniqueKeys: false });
    assert.ok(Array.isArray(docs));
    for (const doc of docs) {
      assert.equal(doc.errors.length, 0, String(doc.errors[0]));
      const kind = String(doc.get('kind'));
      assert.ok((K8S_ROOT_TYPES as readonly string[]).includes(kind), kind);
      assert.deepEqual(checkStrictFields(doc, kind), [], kind);
    }
  });
}

test('strict fields: every type of the table resolves, so no field silently escapes the check', () => {
  const leaves = new Set(['string', 'bool', 'int32', 'int64', 'Quantity', 'IntOrString', 'Time', 'UID', 'any']);
  const resolves = (ref: string): boolean => {
    if (ref.startsWith('[]')) return resolves(ref.slice(2));
    if (ref.startsWith('map[')) return resolves(ref.slice(4, ref.indexOf(']'))) && resolves(ref.slice(ref.indexOf(']') + 1));
    return leaves.has(ref) || ref in K8S_STRUCTS || ref in K8S_NAMED;
  };
  for (const [type, fields] of Object.entries(K8S_STRUCTS)) {
    for (const [field, ref] of Object.entries(fields)) assert.ok(resolves(ref), `${type}.${field}: ${ref}`);
  }
  for (const [name, ref] of Object.entries(K8S_NAMED)) assert.ok(resolves(ref), `${name}: ${ref}`);
  for (const root of K8S_ROOT_TYPES) assert.ok(root in K8S_STRUCTS, root);
});

test('typeAtPath gives the expected type of a path', () => {
  assert.deepEqual(typeAtPath('Deployment', ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu']), {
    ref: 'Quantity',
    shape: 'quantity',
    goType: 'resource.Quantity',
  });
  assert.deepEqual(typeAtPath('CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers']), {
    ref: '[]Container',
    shape: 'list',
    goType: '[]v1.Container',
    element: 'Container',
  });
  assert.deepEqual(typeAtPath('Pod', ['spec', 'containers', 0, 'resources', 'limits']), {
    ref: 'ResourceList',
    shape: 'map',
    goType: 'v1.ResourceList',
    element: 'Quantity',
  });
  const probe = typeAtPath('Pod', ['spec', 'containers', 3, 'livenessProbe']);
  assert.equal(probe?.shape, 'object');
  assert.ok(probe?.fields?.includes('grpc') && probe.fields.includes('httpGet') && probe.fields.includes('initialDelaySeconds'));
  assert.equal(typeAtPath('Pod', ['spec', 'containers', 0, 'imagePullPolicy'])?.goType, 'v1.PullPolicy');
  assert.equal(typeAtPath('Pod', ['spec', 'containers', 0, 'ports', 0, 'containerPort'])?.shape, 'integer');
  assert.equal(typeAtPath('Pod', ['spec', 'containers', 0, 'livenessProbe', 'httpGet', 'port'])?.shape, 'int-or-string');
  assert.equal(typeAtPath('Pod', ['metadata', 'labels', 'app'])?.shape, 'string');
  assert.equal(typeAtPath('Pod', ['status', 'phase'])?.shape, 'free-form');
  assert.equal(typeAtPath('Pod', ['spec', 'containers', 'x']), null);
  assert.equal(typeAtPath('Pod', ['spec', 'nope']), null);
  assert.equal(typeAtPath('Service', ['spec']), null);
  assert.equal(describeType('EnvVar')?.fields?.join(','), 'name,value,valueFrom');
});

test('strict fields: odd inputs never throw', () => {
  const odd = [
    '',
    '~',
    '42',
    '- a\n- b',
    'kind: Pod\nspec: [',
    'kind: Pod\nspec:\n  containers: {',
    '? [a, b]\n: c\nspec: {containers: [[], "", 1, null, {name: x}]}',
    'spec: &a {containers: [*a]}',
    'spec: *undefined',
    'a: &a [*a, *a]\nspec:\n  containers: *a',
    'metadata: {labels: {<<: [*x, 1, {a: b}], <<: 5}}',
    'spec: {containers: [a: 1, {name: b}: c, : d]}',
    'spec:\n  containers:\n  - name: a\n    env: !!map {a: 1}\n    ports: !custom "x"\n    resources: !!binary aGk=\n',
    '\t\u0000\uffff: x',
    'metadata:\n  labels:\n    1: a\n    1.5: b\n    true: c\n    null: d\n    ~: e\n    0x10: f',
  ];
  for (const text of odd) {
    for (const kind of ['Pod', 'Deployment', 'CronJob', 'Nope', '', 'constructor', '__proto__', 'toString']) {
      const doc = parseDocument(text, { uniqueKeys: false });
      assert.ok(Array.isArray(checkStrictFields(doc, kind)), `${kind}: ${text}`);
      assert.ok(Array.isArray(checkStrictFields(doc.contents, kind)));
    }
  }
  assert.deepEqual(checkStrictFields(null, 'Pod'), []);
  assert.deepEqual(checkStrictFields(undefined, 'Pod'), []);
  assert.deepEqual(findings('spec: {containers: [{name: a, bad: 1}]}', 'Nope'), []);
});

test('strict fields: an alias bomb is bounded', () => {
  let text = 'a0: &a0 {name: x, image: y, bogus: z}\n';
  for (let i = 1; i < 12; i++)
    text += `a${i}: &a${i} [${Array(10)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  text += 'spec:\n  containers: *a11\n';
  const started = Date.now();
  const result = checkStrictFields(parseDocument(text, { uniqueKeys: false }), 'Pod');
  assert.ok(Date.now() - started < 2000);
  assert.ok(Array.isArray(result));
  assert.ok(result.length < 1000);
});

test('strict fields: arbitrary text and mutated manifests never throw', () => {
  const base = validManifests[0].yaml;
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (text) => {
      return Array.isArray(checkStrictFields(parseDocument(text, { uniqueKeys: false }), 'Pod'));
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.nat(base.length), fc.nat(40), fc.string({ maxLength: 8 }), (at, cut, insert) => {
      const text = base.slice(0, at) + insert + base.slice(at + cut);
      const result = checkStrictFields(parseDocument(text, { uniqueKeys: false }), 'Deployment');
      for (const f of result) assert.ok(f.start >= 0 && f.end >= f.start && f.end <= text.length);
      return true;
    }),
    { numRuns: 300 },
  );
});

test('strict fields: cheap enough to run on every keystroke', () => {
  const container = `  - name: c{i}
    image: nginx
    env: [{name: A, value: "1"}, {name: B, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]
    resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
    livenessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 10}
`;
  let text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  containers:\n';
  for (let i = 0; i < 300; i++) text += container.replace('{i}', String(i));
  const doc = parseDocument(text, { uniqueKeys: false });
  // The best of a few runs: what an editor sees once the code is warm, not a GC pause.
  let ms = Infinity;
  for (let run = 0; run < 8; run++) {
    const started = process.hrtime.bigint();
    const result = checkStrictFields(doc, 'Pod');
    ms = Math.min(ms, Number(process.hrtime.bigint() - started) / 1e6);
    assert.deepEqual(result, []);
  }
  assert.ok(ms < 50, `${ms} ms for 1500 lines`);
});
