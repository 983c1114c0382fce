/**
 * Which peers may set `X-Forwarded-*` (the `trustProxy` option). `true` trusts every peer — for
 * an app only its proxy can reach, such as Passenger's private Unix socket. A list of addresses
 * and CIDR ranges (`['127.0.0.1', '10.0.0.0/8', '::1']`) trusts a connection only when it comes
 * from one of them: a client that reaches the app around the proxy, from any other address,
 * cannot choose the scheme, host or client address the app sees. Matching is Node's
 * `net.BlockList`; IPv4 peers of a dual-stack socket (`::ffff:127.0.0.1`) match IPv4 entries.
 */
import { BlockList, isIP } from 'node:net';
import type { App } from '../app/app.js';

export type TrustProxy = boolean | readonly string[];

/** A predicate over peer addresses for a list of addresses and ranges; throws on a bad entry. */
export function compileTrustedProxies(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const slash = typeof entry === 'string' ? entry.indexOf('/') : -1;
    const address = slash === -1 ? entry : entry.slice(0, slash);
    const family = typeof address === 'string' ? isIP(address) : 0;
    const prefix = slash === -1 ? null : Number(entry.slice(slash + 1));
    const maxPrefix = family === 6 ? 128 : 32;
    if (
      family === 0 ||
      (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxPrefix))
    )
      throw new TypeError(
        `trustProxy: ${JSON.stringify(entry)} is not an IP address or a CIDR range such as '127.0.0.1' or '10.0.0.0/8'`,
      );
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === null) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return (peer) => {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(peer);
    if (mapped) return list.check(mapped[1]!, 'ipv4');
    const family = isIP(peer);
    return family !== 0 && list.check(peer, family === 6 ? 'ipv6' : 'ipv4');
  };
}

const compiled = new WeakMap<App, (address: string) => boolean>();

/** Whether the app takes `X-Forwarded-*` from a peer at `address` (undefined: not known). */
export function trustsPeer(app: App, address: string | undefined): boolean {
  const trust = app.trustProxy;
  if (typeof trust === 'boolean') return trust;
  if (address === undefined) return false;
  let check = compiled.get(app);
  if (check === undefined) compiled.set(app, (check = compileTrustedProxies(trust)));
  return check(address);
}
