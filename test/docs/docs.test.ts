import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { readExamples } from './doc-examples.js';
import type { PecanApp } from '../../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const docsDir = path.join(root, 'docs');
const outDir = path.join(root, 'test', '.doc-examples');
fs.mkdirSync(outDir, { recursive: true });

// Every guide, and the README's example.
const docs = [
  ...fs
    .readdirSync(docsDir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(docsDir, name)),
  path.join(root, 'README.md'),
];

// The tutorial's examples are console sessions against the running services: its own test
// runs them (examples/tests/tutorial.test.ts). docs/openstack.md's are the shell steps that
// deployment-steps.test.ts checks against deploy/openstack/ (and `npm run test:openstack` runs).
const consoleGuides = new Set([
  path.join(docsDir, 'tutorial.md'),
  path.join(docsDir, 'openstack.md'),
]);

it('every guide has at least one runnable example', () => {
  for (const doc of docs)
    if (!consoleGuides.has(doc)) expect(readExamples(doc).length, doc).toBeGreaterThan(0);
});

for (const docPath of docs) {
  const doc = path.relative(root, docPath);
  for (const example of readExamples(docPath)) {
    const file = path.join(
      outDir,
      `${doc.replace(/\.md$/, '').replace(/[\\/]/g, '-')}-${example.line}.ts`,
    );
    fs.writeFileSync(file, example.code);
    describeAdapters(`${doc}:${example.line}`, ({ client }) => {
      it('runs', async () => {
        const module = (await import(file)) as { app?: PecanApp };
        if (example.exchanges.length > 0)
          expect(module.app, 'an example with transcripts exports app').toBeDefined();
      });
      for (const exchange of example.exchanges) {
        it(`line ${exchange.line}: ${exchange.method} ${exchange.path} → ${exchange.status}`, async () => {
          const { app } = (await import(file)) as { app: PecanApp };
          const c = await client(app);
          const r = await c.request(exchange.path, {
            method: exchange.method,
            headers: exchange.requestHeaders,
            body: exchange.requestBody,
          });
          expect(r.status).toBe(exchange.status);
          for (const [name, value] of Object.entries(exchange.responseHeaders)) {
            expect(r.headers.get(name), name).toBe(value);
          }
          if (exchange.responseBody !== undefined) expect(r.text).toBe(exchange.responseBody);
        });
      }
    });
  }
}
