/**
 * No way out of the static root (§13, made strict): `..` in every spelling, encoded separators,
 * backslashes, NUL bytes, absolute paths and symlinks pointing outside never serve a byte from
 * outside. Such paths are not static paths: the app answers them (here: a 4xx).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp } from '../../src/index.js';
import { quiet } from '../support/logger.js';

const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-traversal-')));
const publicDir = path.join(base, 'public');
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const SECRET = 'TOP SECRET outside the root';
const LEAK = 'LEAK from a sibling folder';
fs.mkdirSync(path.join(publicDir, 'sub'), { recursive: true });
fs.mkdirSync(path.join(base, 'public-evil'));
fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
fs.writeFileSync(path.join(base, 'public-evil', 'leak.txt'), LEAK);
fs.writeFileSync(path.join(publicDir, 'ok.txt'), 'ok');
fs.writeFileSync(path.join(publicDir, 'sub', 'inner.txt'), 'inner');
fs.symlinkSync('ok.txt', path.join(publicDir, 'link-in'));
fs.symlinkSync('../secret.txt', path.join(publicDir, 'link-out'));
fs.symlinkSync(path.join(base, 'secret.txt'), path.join(publicDir, 'abs-link'));
fs.symlinkSync('..', path.join(publicDir, 'dir-out'));
fs.symlinkSync('../public-evil/leak.txt', path.join(publicDir, 'evil-link'));
// The root itself may be a symlink: files below it are still served.
fs.symlinkSync(publicDir, path.join(base, 'public-link'));

class Root {
  @expose() index() {
    return 'app index';
  }
}

const app = (staticRoot = publicDir) =>
  makeApp(new Root(), { staticRoot, debug: true, logger: quiet });

const attacks = [
  '/../secret.txt',
  '/sub/../../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E/secret.txt',
  '/.%2e/secret.txt',
  '/%2e%2e%2fsecret.txt',
  '/..%2fsecret.txt',
  '/..%2Fsecret.txt',
  '/sub%2f..%2f..%2fsecret.txt',
  '/..\\secret.txt',
  '/sub\\..\\..\\secret.txt',
  '/..%5csecret.txt',
  '/..%5Csecret.txt',
  '/ok.txt%00',
  '/ok.txt%00.png',
  '/%00',
  '/%ff',
  `/${base}/secret.txt`,
  `/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
  '/../public-evil/leak.txt',
  '/link-out',
  '/abs-link',
  '/dir-out/secret.txt',
  '/dir-out/public-evil/leak.txt',
  '/evil-link',
];

describeAdapters('static files: path traversal', ({ client }) => {
  it.each(attacks)('never serves %s', async (attack) => {
    const c = await client(app());
    const r = await c.get(attack);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.text).not.toContain(SECRET);
    expect(r.text).not.toContain(LEAK);
  });

  it('still serves what is inside, symlinks included', async () => {
    const c = await client(app());
    expect((await c.get('/ok.txt')).text).toBe('ok');
    expect((await c.get('/sub/inner.txt')).text).toBe('inner');
    expect((await c.get('//sub//inner.txt')).text).toBe('inner');
    expect((await c.get('/link-in')).text).toBe('ok');
  });

  it('serves below a root that is itself a symlink', async () => {
    const c = await client(app(path.join(base, 'public-link')));
    expect((await c.get('/ok.txt')).text).toBe('ok');
    expect((await c.get('/link-out')).text).not.toContain(SECRET);
  });
});

/** One raw HTTP/1.1 request over a socket, exactly as written (bounded wait). */
function rawRequest(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    // Written, not ended: a half-closed socket may be dropped before a slow answer.
    socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  });
}

it('refuses raw request targets through the node adapter', async () => {
  const server = http.createServer(app());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    for (const target of [
      '../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/%2e%2e/secret.txt',
      '/..%2f..%2fsecret.txt',
      'http://localhost/../secret.txt',
      '/..\\..\\secret.txt',
    ]) {
      const answer = await rawRequest(port, target);
      expect(answer, target).toMatch(/^HTTP\/1\.1 4\d\d /);
      expect(answer, target).not.toContain(SECRET);
    }
    expect(await rawRequest(port, '/ok.txt')).toMatch(/^HTTP\/1\.1 200 [^]*\r\n\r\nok$/);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
