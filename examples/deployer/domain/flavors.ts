/**
 * The instance sizes a user picks from. Each maps to an OpenStack (Nova) flavor name, which is
 * what the HOT templates receive as their `flavor` parameter.
 */
export interface Flavor {
  name: string;
  /** The Nova flavor the templates boot their servers with. */
  novaFlavor: string;
  vcpus: number;
  ramMb: number;
  diskGb: number;
}

export const FLAVORS: readonly Flavor[] = [
  { name: 'small', novaFlavor: 'm1.small', vcpus: 1, ramMb: 2048, diskGb: 20 },
  { name: 'medium', novaFlavor: 'm1.medium', vcpus: 2, ramMb: 4096, diskGb: 40 },
  { name: 'large', novaFlavor: 'm1.large', vcpus: 4, ramMb: 8192, diskGb: 80 },
];

export function findFlavor(name: string): Flavor | undefined {
  return FLAVORS.find((flavor) => flavor.name === name);
}
