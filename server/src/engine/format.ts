/** Short human forms of exact values, in Kubernetes' own notation. */

export function formatMilli(milli: bigint): string {
  if (milli % 1000n === 0n) return (milli / 1000n).toString();
  return `${milli}m`;
}

const binary: [string, bigint][] = [
  ['Ei', 1n << 60n],
  ['Pi', 1n << 50n],
  ['Ti', 1n << 40n],
  ['Gi', 1n << 30n],
  ['Mi', 1n << 20n],
  ['Ki', 1n << 10n],
];
const decimal: [string, bigint][] = [
  ['E', 10n ** 18n],
  ['P', 10n ** 15n],
  ['T', 10n ** 12n],
  ['G', 10n ** 9n],
  ['M', 10n ** 6n],
  ['k', 10n ** 3n],
];

/** Bytes with the largest suffix that divides them exactly (binary first), else plain bytes. */
export function formatBytes(bytes: bigint): string {
  if (bytes === 0n) return '0';
  for (const [suffix, size] of binary) if (bytes % size === 0n) return `${bytes / size}${suffix}`;
  for (const [suffix, size] of decimal) if (bytes % size === 0n) return `${bytes / size}${suffix}`;
  return bytes.toString();
}

/** Bytes in the nearest binary unit with up to two decimals, for prose ("about 1.5 GiB"). */
export function approximateBytes(bytes: bigint): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = Number(bytes);
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(2)} ${units[unit]}`;
}
