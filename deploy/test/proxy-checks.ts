/**
 * `node --import tsx deploy/test/proxy-checks.ts <proxy name> <app log> <app log>`: what the
 * apps behind a reverse proxy (Apache's mod_proxy or nginx in front of `pecan serve`) see.
 * Through the proxy: the client's own address, scheme and host — whatever X-Forwarded-* the
 * client sent; static files served by the proxy. Around the proxy (straight to the app's port,
 * from another address): the client's X-Forwarded-* ignored, since only the proxy's address is
 * trusted. The apps' access logs (JSON lines) say what they saw.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { sleep } from './client.js';

const [proxy, ...logs] = process.argv.slice(2);
const services = [
  { name: 'deployer', public: 8080, app: 9080, log: logs[0]!, api: '/v1/deployments' },
  { name: 'notifier', public: 8081, app: 9081, log: logs[1]!, api: '/v1/stats' },
];
const SPOOF = {
  'x-forwarded-for': '6.6.6.6',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
};

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
}

function get(port: number, path: string, from: string, headers: Record<string, string>) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path, localAddress: from, agent: false, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`GET :${port}${path} timed out`)));
    req.on('error', reject);
  });
}

/** The access record of the request whose path carried `probe`, from the app's log. */
async function seen(log: string, probe: string): Promise<{ remoteAddress?: string }> {
  for (let i = 0; i < 40; i++) {
    const line = fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .find((l) => l.includes(probe) && l.includes('"pecan.access"'));
    if (line) return JSON.parse(line) as { remoteAddress?: string };
    await sleep(50);
  }
  throw new Error(`${log}: no access record for ${probe}`);
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`${proxy}: ${what}`);
  console.log(`proxy-checks: ${proxy}: ${what}`);
}

for (const s of services) {
  const css = await get(s.public, '/css/style.css', '127.0.0.1', {});
  check(
    css.status === 200 && /max-age=3600/.test(String(css.headers['cache-control'])),
    `${s.name}: /css/style.css served by the proxy, cached for an hour`,
  );
  const api = await get(s.public, s.api, '127.0.0.1', {});
  check(api.status === 200, `${s.name}: ${s.api} answers through the proxy`);

  // A client at 127.0.0.5 asks the proxy for deployer.example.org, spoofing X-Forwarded-*.
  const host = `${s.name}.example.org:${s.public}`;
  let probe = randomUUID();
  const through = await get(s.public, `/v1?probe=${probe}`, '127.0.0.5', { host, ...SPOOF });
  check(
    through.headers.location === `http://${host}/v1/?probe=${probe}`,
    `${s.name}: through the proxy, redirects name the client's scheme and host (${through.headers.location})`,
  );
  const viaProxy = await seen(s.log, probe);
  check(
    viaProxy.remoteAddress === '127.0.0.5',
    `${s.name}: through the proxy, the app sees the client's address (${viaProxy.remoteAddress})`,
  );

  // The same client straight to the app's port, around the proxy.
  probe = randomUUID();
  const around = await get(s.app, `/v1?probe=${probe}`, '127.0.0.2', { host, ...SPOOF });
  check(
    around.headers.location === `http://${host}/v1/?probe=${probe}`,
    `${s.name}: around the proxy, X-Forwarded-Proto/-Host are ignored (${around.headers.location})`,
  );
  const direct = await seen(s.log, probe);
  check(
    direct.remoteAddress === '127.0.0.2',
    `${s.name}: around the proxy, X-Forwarded-For is ignored (${direct.remoteAddress})`,
  );
}
