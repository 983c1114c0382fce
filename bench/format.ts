/** Number and label formatting shared by the report sections. */

export const LABELS: Record<string, string> = {
  raw: 'node:http (raw)',
  fastify: 'Fastify',
  express: 'Express',
  pecan: 'pecan',
  'pecan-ajv': 'pecan with Ajv',
};

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
export const number = (value: number): string => Math.round(value).toLocaleString('en-US');
export const mb = (bytes: number | null): string =>
  bytes === null ? 'n/a' : (bytes / 2 ** 20).toFixed(1);
export const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;
