/**
 * The deployment test runs the systemd units' ExecStart as systemd would, from what
 * deploy/test/unit-file.ts reads in them: the units must say what the test runs, and anything
 * the reader does not understand must be an error, never a silent guess.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readUnit } from '../../deploy/test/unit-file.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

for (const [service, port, prefix] of [
  ['deployer', '9080', 'DEPLOYER'],
  ['notifier', '9081', 'NOTIFIER'],
] as const) {
  it(`reads deploy/systemd/${service}.service`, () => {
    const unit = readUnit(path.join(root, `deploy/systemd/${service}.service`));
    expect(unit.user).toBe('pecan');
    expect(unit.workingDirectory).toBe('/srv/pecan');
    expect(unit.execStart).toEqual([
      '/usr/bin/node',
      'dist/cli/main.js',
      'serve',
      `examples/.build/${service}/config.js`,
      '--workers',
      '2',
    ]);
    expect(unit.environment).toMatchObject({
      NODE_ENV: 'production',
      [`${prefix}_HOST`]: '127.0.0.1',
      [`${prefix}_PORT`]: port,
      [`${prefix}_TRUST_PROXY`]: '127.0.0.1',
    });
    expect(unit.stateDirectories).toEqual(['pecan']);
  });
}

function unitWith(lines: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'unit-')), 'x.service');
  fs.writeFileSync(
    file,
    `[Unit]\nDescription=x\n\n[Service]\nUser=u\nGroup=u\nWorkingDirectory=/\n${lines}\n`,
  );
  return file;
}

it('reads EnvironmentFile= after Environment=, and skips a missing optional one', () => {
  const env = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'env-')), 'x.env');
  fs.writeFileSync(env, '# secrets\nA=from-file\nB=amqp://u:p@h:5672\n');
  const unit = readUnit(
    unitWith(
      `Environment=A=inline\nEnvironmentFile=${env}\nEnvironmentFile=-/nonexistent.env\nExecStart=/bin/true`,
    ),
  );
  expect(unit.environment).toEqual({ A: 'from-file', B: 'amqp://u:p@h:5672' });
});

it('refuses what it does not understand', () => {
  for (const lines of [
    'ExecStart=/bin/sh -c "echo %i"', // quoting and specifiers
    'ExecStart=node server.js', // not an absolute command
    'ExecStart=/bin/true\nExecStart=/bin/false', // two commands
    'Environment="A=b c"\nExecStart=/bin/true', // a quoted assignment
    'EnvironmentFile=/nonexistent.env\nExecStart=/bin/true', // a required file missing
  ])
    expect(() => readUnit(unitWith(lines)), lines).toThrow();
});
