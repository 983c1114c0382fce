/**
 * docs/deployment.md and the deployment test run the same commands: each file in deploy/steps/
 * (which deploy/test/run.sh executes) must appear in the guide as one shell block, exactly;
 * and every file of deploy/ the guide names must exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const guide = fs.readFileSync(path.join(root, 'docs/deployment.md'), 'utf8');
const blocks = [...guide.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!.trim());
const stepsDir = path.join(root, 'deploy/steps');
const steps = fs.readdirSync(stepsDir).filter((name) => name.endsWith('.sh'));

it('has steps to check', () => {
  expect(steps.length).toBeGreaterThanOrEqual(5);
});

for (const step of steps) {
  it(`quotes deploy/steps/${step} exactly`, () => {
    const commands = fs.readFileSync(path.join(stepsDir, step), 'utf8').trim();
    expect(blocks, `no \`\`\`sh block of docs/deployment.md is deploy/steps/${step}`).toContain(
      commands,
    );
  });
}

it('names only files of deploy/ that exist', () => {
  const named = new Set(
    [...guide.matchAll(/\bdeploy\/[\w./-]+\.(?:conf|service|sh|ts)\b/g)].map((match) => match[0]),
  );
  expect(named.size).toBeGreaterThan(5);
  for (const file of named) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
});
