/**
 * The guides and the tests that set machines up run the same commands: each step file (which
 * deploy/test/run.sh and deploy/openstack/up.sh execute) must appear in its guide as one shell
 * block, exactly; and every file of deploy/ a guide names must exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

const guides = [
  // docs/deployment.md: Apache + Passenger, mod_proxy, nginx, PostgreSQL, RabbitMQ.
  { guide: 'docs/deployment.md', steps: 'deploy/steps', names: null, atLeast: 5 },
  // docs/openstack.md: Keystone and Heat; daemons.sh, up.sh and down.sh are tools, not steps.
  {
    guide: 'docs/openstack.md',
    steps: 'deploy/openstack',
    names: ['install.sh', 'backends.sh', 'keystone.sh', 'heat.sh', 'project.sh'],
    atLeast: 5,
  },
];

for (const { guide, steps: dir, names, atLeast } of guides) {
  describe(guide, () => {
    const text = fs.readFileSync(path.join(root, guide), 'utf8');
    const blocks = [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!.trim());
    const steps = names ?? fs.readdirSync(path.join(root, dir)).filter((n) => n.endsWith('.sh'));

    it('has steps to check', () => {
      expect(steps.length).toBeGreaterThanOrEqual(atLeast);
    });

    for (const step of steps) {
      it(`quotes ${dir}/${step} exactly`, () => {
        const commands = fs.readFileSync(path.join(root, dir, step), 'utf8').trim();
        expect(blocks, `no \`\`\`sh block of ${guide} is ${dir}/${step}`).toContain(commands);
      });
    }

    it('names only files of deploy/ that exist', () => {
      const named = new Set(
        [...text.matchAll(/\bdeploy\/[\w./-]+\.(?:conf|service|sh|ts)\b/g)].map((m) => m[0]),
      );
      expect(named.size).toBeGreaterThan(5);
      for (const file of named) expect(fs.existsSync(path.join(root, file)), file).toBe(true);
    });
  });
}
