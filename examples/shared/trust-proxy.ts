/**
 * The `trustProxy` app option from an environment variable, for the services' config files:
 * unset or empty → false (no proxy), `true` → every peer (behind Passenger, whose Unix socket
 * only it can reach), otherwise the proxies' addresses or CIDR ranges, comma-separated
 * (`127.0.0.1` behind Apache's mod_proxy or nginx on the same machine).
 */
export function trustProxyFromEnv(value: string | undefined): boolean | string[] {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
