/**
 * Port of Python Pecan's pecan/tests/middleware/test_static.py: TestStaticFileMiddleware.
 *
 * Pecan calls `StaticFileMiddleware` directly around an app answering `Hello world!\n`; here the
 * middleware is `makeApp(root, { staticRoot, debug: true })` around a controller answering the
 * same, served over HTTP through both entry points. The fixtures mirror Pecan's
 * `static_fixtures/` folder (a text file and a PNG).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it, vi } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp } from '../../src/index.js';
import { nodeFileSystem } from '../../src/middleware/node-file-system.js';
import type { StaticFileSystem } from '../../src/middleware/file-system.js';

const staticRoot = fileURLToPath(new URL('./fixtures/static', import.meta.url));
const textFile = fs.readFileSync(path.join(staticRoot, 'static_fixtures/text.txt'));
const pngFile = fs.readFileSync(path.join(staticRoot, 'static_fixtures/self.png'));

class HelloRoot {
  @expose({ contentType: 'text/plain' }) _default(..._args: string[]) {
    return 'Hello world!\n';
  }
}

/** The disk, counting opened and closed reads and the chunks they yielded. */
function countingFileSystem(root: string) {
  const disk = nodeFileSystem(root);
  const counts = { opened: 0, closed: 0, chunks: 0 };
  const fileSystem: StaticFileSystem = {
    async find(segments) {
      const file = await disk.find(segments);
      if (file === null) return null;
      return {
        size: file.size,
        mtimeMs: file.mtimeMs,
        async *read(start, end) {
          counts.opened++;
          try {
            for await (const chunk of file.read(start, end)) {
              counts.chunks++;
              yield chunk;
            }
          } finally {
            counts.closed++;
          }
        },
      };
    },
  };
  return { fileSystem, counts };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-static-parity-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describeAdapters('test_static.py TestStaticFileMiddleware', ({ client }) => {
  const app = () => client(makeApp(new HelloRoot(), { staticRoot, debug: true }));

  it('test_file_can_be_found', async () => {
    const c = await app();
    const r = await c.get('/static_fixtures/text.txt');
    expect(r.status).toBe(200);
    expect(r.body.equals(textFile)).toBe(true);
  });

  it('test_no_file_found_causes_passthrough', async () => {
    const c = await app();
    const r = await c.get('/static_fixtures/nosuchfile.txt');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello world!\n');
  });

  it('test_mime_type_works_for_png_files', async () => {
    const c = await app();
    const r = await c.get('/static_fixtures/self.png');
    expect(r.contentType).toBe('image/png');
    expect(r.body.equals(pngFile)).toBe(true);
  });

  it('test_file_can_be_closed', async () => {
    // Pecan checks its FileWrapper's close(); here: every read of the file is closed once the
    // response is sent.
    const { fileSystem, counts } = countingFileSystem(staticRoot);
    const c = await client(makeApp(new HelloRoot(), { serveStatic: { fileSystem }, debug: true }));
    const r = await c.get('/static_fixtures/text.txt');
    expect(r.status).toBe(200);
    expect(counts.opened).toBe(1);
    // The read is closed right after its last chunk went out (bounded wait).
    await vi.waitFor(() => expect(counts.closed).toBe(1));
  });

  it('test_file_can_be_iterated_over', async () => {
    // Pecan iterates its FileWrapper in 8 KiB blocks; here a file larger than one read chunk
    // (64 KiB) arrives whole, in several chunks.
    const big = Buffer.alloc(200 * 1024, 'pecan ');
    fs.writeFileSync(path.join(scratch, 'big.txt'), big);
    const { fileSystem, counts } = countingFileSystem(scratch);
    const c = await client(makeApp(new HelloRoot(), { serveStatic: { fileSystem }, debug: true }));
    const r = await c.get('/big.txt');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-length')).toBe(String(big.length));
    expect(r.body.equals(big)).toBe(true);
    expect(counts.chunks).toBeGreaterThan(1);
  });

  it('test_date_dumping_on_unix_timestamps', async () => {
    // Pecan unit-tests its `_dump_date`; here the date reaches Last-Modified.
    fs.writeFileSync(path.join(scratch, 'dated.txt'), 'dated');
    fs.utimesSync(path.join(scratch, 'dated.txt'), 1331755274.59, 1331755274.59);
    const c = await client(makeApp(new HelloRoot(), { staticRoot: scratch, debug: true }));
    const r = await c.get('/dated.txt');
    expect(r.headers.get('last-modified')).toBe('Wed, 14 Mar 2012 20:01:14 GMT');
  });

  it('test_separator_sanitization_still_finds_file', async () => {
    // Deviation (docs/static-files.md): Pecan turns the OS's other separator into `/`; pecan
    // never treats a backslash (raw or encoded) as a separator — such a path is not a static
    // path, and the app answers it.
    const c = await app();
    const r = await c.get('/static_fixtures%5Ctext.txt');
    expect(r.text).toBe('Hello world!\n');
  });
});
