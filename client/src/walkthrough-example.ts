/**
 * The manifest the walkthrough opens (as an untitled document the user may
 * edit): a Deployment with a CPU request to hover, a lens, a unit slip to
 * fix (`memory: 128m`) and probes for the simulation.
 */
export const exampleManifest = `# Pod Lens example: hover a value, read the lens above \`kind:\`,
# fix the memory request with Ctrl+. (128m is 0.128 bytes), simulate the pod.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: app
          image: registry.example/shop/web:1.4.2
          resources:
            requests:
              cpu: 500m
              memory: 128m
            limits:
              cpu: "1"
              memory: 512Mi
          readinessProbe:
            httpGet:
              path: /ready
              port: 8080
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
            periodSeconds: 10
`;
