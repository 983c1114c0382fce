/**
 * `node --import tsx deploy/test/start-unit.ts <unit file> <log file>`: starts the unit's
 * ExecStart as systemd would (see unit-file.ts) — as its user (setpriv), in its working
 * directory, with only its environment — detached, output to the log file; prints the PID.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readUnit } from './unit-file.js';

const [unitFile, logFile] = process.argv.slice(2);
if (!unitFile || !logFile) throw new Error('usage: start-unit.ts <unit file> <log file>');
const unit = readUnit(unitFile);
for (const dir of unit.stateDirectories) {
  const where = path.join('/var/lib', dir);
  if (!fs.existsSync(where))
    throw new Error(`StateDirectory ${where} is missing (user.sh makes it)`);
}
const log = fs.openSync(logFile, 'a');
const child = spawn(
  'setpriv',
  [
    `--reuid=${unit.user}`,
    `--regid=${unit.group}`,
    '--init-groups',
    '--no-new-privs',
    '--',
    ...unit.execStart,
  ],
  {
    cwd: unit.workingDirectory,
    // systemd's environment: a PATH and the unit's own variables, nothing inherited.
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', ...unit.environment },
    detached: true,
    stdio: ['ignore', log, log],
  },
);
child.unref();
console.log(child.pid);
