import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { resetGlobalConfig } from '../../src/testing/index.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { OpenApiDocument } from '../../src/index.js';
import { fakeIO } from './fake-io.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('pecan openapi', () => {
  afterEach(() => resetGlobalConfig());

  it('prints the document, named after the package.json when the config does not name it', async () => {
    const io = fakeIO(process.cwd());
    expect(await runCli(['openapi', fixture('openapi/config.ts')], io)).toBe(0);
    const document = JSON.parse(io.stdoutText) as OpenApiDocument;
    expect(document.info).toEqual({ title: 'bookshop-api', version: '4.2.0' });
    expect(Object.keys(document.paths)).toEqual(['/books', '/books/{id}']);
    expect(document.paths['/books/{id}']!.get!.parameters![0]!.schema).toMatchObject({
      type: 'integer',
    });
    expect((await new Validator().validate(document as never)).valid).toBe(true);
    expect(io.stderrText).toBe('');
  });

  it("uses the config's title, version and description", async () => {
    const io = fakeIO(process.cwd());
    expect(await runCli(['openapi', fixture('openapi/titled-config.ts')], io)).toBe(0);
    const document = JSON.parse(io.stdoutText) as OpenApiDocument;
    expect(document.info).toEqual({
      title: 'Bookshop',
      version: '1.0.0',
      description: 'Books, by the page.',
    });
  });

  it('writes the document with -o, making the folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-openapi-'));
    try {
      const io = fakeIO(dir);
      const code = await runCli(
        ['openapi', fixture('openapi/config.ts'), '-o', 'out/api.json'],
        io,
      );
      expect(code).toBe(0);
      const file = path.join(dir, 'out/api.json');
      expect(io.stdoutText).toBe(
        `Wrote the OpenAPI document of bookshop-api (2 paths) to ${file}\n`,
      );
      const document = JSON.parse(fs.readFileSync(file, 'utf8')) as OpenApiDocument;
      expect(document.openapi).toBe('3.1.0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with a clear message when the config cannot build the app', async () => {
    const io = fakeIO(process.cwd());
    expect(await runCli(['openapi', fixture('broken/config.ts')], io)).toBe(1);
    expect(io.stdoutText).toBe('');
    expect(io.stderrText).toMatch(/^pecan openapi: error: .*missing\.js/);
  });

  it('exits 1 without a config', async () => {
    const io = fakeIO(process.cwd());
    expect(await runCli(['openapi'], io)).toBe(1);
    expect(io.stderrText).toBe(
      'pecan openapi: error: PECAN_CONFIG is not set and no config file was passed as an argument.\n',
    );
    const missing = fakeIO(process.cwd());
    expect(await runCli(['openapi', 'no-such-config.ts'], missing)).toBe(1);
    expect(missing.stderrText).toContain('is not a file.');
  });

  it('exits 1 naming the endpoint when a schema cannot be converted', async () => {
    const io = fakeIO(process.cwd());
    expect(await runCli(['openapi', fixture('openapi/failing-config.ts')], io)).toBe(1);
    expect(io.stderrText).toContain(
      'OpenAPI: the query schema of BooksController.getAll cannot be turned into JSON Schema: unsupported schema',
    );
  });

  it('exits 1 when the output cannot be written', async () => {
    const io = fakeIO(process.cwd());
    const target = path.join(fixture('openapi/package.json'), 'api.json');
    expect(await runCli(['openapi', fixture('openapi/config.ts'), '-o', target], io)).toBe(1);
    expect(io.stderrText).toContain('pecan openapi: error: cannot write the OpenAPI document to');
  });
});
