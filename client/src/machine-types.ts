/**
 * Common machine types of the big clouds, for the node quick pick: each
 * type's vCPUs and memory as its cloud publishes them, and where.
 *
 * Every row is the machine's **capacity**, which is what the clouds publish:
 * the vCPUs and the memory of the virtual machine. A Kubernetes node on it
 * reports a little less memory as `capacity` (the kernel keeps some), and
 * schedules pods against `allocatable`, which is less again: the kubelet's
 * `kube-reserved`, `system-reserved` and hard-eviction threshold are taken
 * off, and managed services reserve more on small nodes (GKE, EKS and AKS
 * each document their own formula). `oom_score_adj` is computed from the
 * capacity; whether a pod fits depends on the allocatable amount, so set the
 * node's `allocatable` values (`kubectl describe node`) when they matter.
 *
 * Memory: AWS and Azure write GiB; Google writes "GB" for the same binary
 * unit (an e2-standard-4's 16 GB is `memoryMb: 16384` in its API). All three
 * are Kubernetes `Gi` here.
 */

export type Cloud = 'AWS' | 'Google Cloud' | 'Azure';

export interface MachineType {
  cloud: Cloud;
  /** As the cloud spells it: `m6i.xlarge`, `e2-standard-4`, `Standard_D4s_v5`. */
  name: string;
  /** Kubernetes quantities: vCPUs (`4`) and memory (`16Gi`). */
  cpu: string;
  memory: string;
  /** Which number the row holds (see the module comment). */
  basis: 'capacity' | 'allocatable';
  /** The cloud's page that lists the type (https). */
  docs: string;
}

const aws = (family: string) => `https://aws.amazon.com/ec2/instance-types/${family}/`;
const gcpGeneralPurpose = 'https://cloud.google.com/compute/docs/general-purpose-machines';
const azure = (series: string) => `https://learn.microsoft.com/azure/virtual-machines/${series}`;

function rows(cloud: Cloud, docs: string, types: [name: string, cpu: string, memory: string][]): MachineType[] {
  return types.map(([name, cpu, memory]) => ({ cloud, name, cpu, memory, basis: 'capacity', docs }));
}

export const machineTypes: readonly MachineType[] = [
  // AWS EC2: general purpose (m), compute optimized (c), memory optimized (r).
  ...rows('AWS', aws('m5'), [
    ['m5.large', '2', '8Gi'],
    ['m5.xlarge', '4', '16Gi'],
    ['m5.2xlarge', '8', '32Gi'],
  ]),
  ...rows('AWS', aws('m6i'), [
    ['m6i.large', '2', '8Gi'],
    ['m6i.xlarge', '4', '16Gi'],
    ['m6i.2xlarge', '8', '32Gi'],
    ['m6i.4xlarge', '16', '64Gi'],
  ]),
  ...rows('AWS', aws('m7i'), [
    ['m7i.xlarge', '4', '16Gi'],
    ['m7i.2xlarge', '8', '32Gi'],
  ]),
  ...rows('AWS', aws('c6i'), [
    ['c6i.large', '2', '4Gi'],
    ['c6i.xlarge', '4', '8Gi'],
    ['c6i.2xlarge', '8', '16Gi'],
    ['c6i.4xlarge', '16', '32Gi'],
  ]),
  ...rows('AWS', aws('c7i'), [
    ['c7i.xlarge', '4', '8Gi'],
    ['c7i.2xlarge', '8', '16Gi'],
  ]),
  ...rows('AWS', aws('r6i'), [
    ['r6i.large', '2', '16Gi'],
    ['r6i.xlarge', '4', '32Gi'],
    ['r6i.2xlarge', '8', '64Gi'],
    ['r6i.4xlarge', '16', '128Gi'],
  ]),
  ...rows('AWS', aws('r7i'), [['r7i.xlarge', '4', '32Gi']]),

  // Google Compute Engine: E2, N2 and C3 (standard: 4 GB per vCPU; highmem 8; highcpu 1 for E2/N2, 2 for C3).
  ...rows('Google Cloud', gcpGeneralPurpose, [
    ['e2-medium', '2', '4Gi'],
    ['e2-standard-2', '2', '8Gi'],
    ['e2-standard-4', '4', '16Gi'],
    ['e2-standard-8', '8', '32Gi'],
    ['e2-standard-16', '16', '64Gi'],
    ['e2-highmem-4', '4', '32Gi'],
    ['e2-highcpu-8', '8', '8Gi'],
    ['n2-standard-2', '2', '8Gi'],
    ['n2-standard-4', '4', '16Gi'],
    ['n2-standard-8', '8', '32Gi'],
    ['n2-standard-16', '16', '64Gi'],
    ['n2-highmem-4', '4', '32Gi'],
    ['n2-highcpu-8', '8', '8Gi'],
    ['c3-standard-4', '4', '16Gi'],
    ['c3-standard-8', '8', '32Gi'],
    ['c3-standard-22', '22', '88Gi'],
    ['c3-highcpu-8', '8', '16Gi'],
    ['c3-highmem-8', '8', '64Gi'],
  ]),

  // Azure: general purpose (D), memory optimized (E), compute optimized (F).
  ...rows('Azure', azure('dv2-dsv2-series'), [['Standard_DS2_v2', '2', '7Gi']]),
  ...rows('Azure', azure('dv5-dsv5-series'), [
    ['Standard_D2s_v5', '2', '8Gi'],
    ['Standard_D4s_v5', '4', '16Gi'],
    ['Standard_D8s_v5', '8', '32Gi'],
    ['Standard_D16s_v5', '16', '64Gi'],
  ]),
  ...rows('Azure', azure('ddv5-ddsv5-series'), [['Standard_D4ds_v5', '4', '16Gi']]),
  ...rows('Azure', azure('ev5-esv5-series'), [
    ['Standard_E2s_v5', '2', '16Gi'],
    ['Standard_E4s_v5', '4', '32Gi'],
    ['Standard_E8s_v5', '8', '64Gi'],
  ]),
  ...rows('Azure', azure('fsv2-series'), [
    ['Standard_F2s_v2', '2', '4Gi'],
    ['Standard_F4s_v2', '4', '8Gi'],
    ['Standard_F8s_v2', '8', '16Gi'],
    ['Standard_F16s_v2', '16', '32Gi'],
  ]),
];
