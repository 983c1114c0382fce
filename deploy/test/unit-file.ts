/**
 * Reads a systemd unit (deploy/systemd/*.service) for the deployment test, which has no systemd
 * to hand it to: the test runs the unit's ExecStart as its User and Group, in its
 * WorkingDirectory, with its Environment — so the unit and what is tested cannot drift apart.
 * EnvironmentFile= is read too. Only what the units use is understood; anything else (quoting, %-specifiers, several
 * ExecStart lines) is an error rather than a guess.
 */
import fs from 'node:fs';

export interface UnitService {
  user: string;
  group: string;
  workingDirectory: string;
  environment: Record<string, string>;
  execStart: string[];
  /** StateDirectory=: folders under /var/lib that systemd would create for the user. */
  stateDirectories: string[];
}

export function readUnit(file: string): UnitService {
  const service: Record<string, string[]> = {};
  let section = '';
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    if (section !== 'Service') continue;
    const eq = line.indexOf('=');
    if (eq === -1) throw new Error(`${file}: not a key=value line: ${line}`);
    const key = line.slice(0, eq).trim();
    (service[key] ??= []).push(line.slice(eq + 1).trim());
  }
  const one = (key: string): string => {
    const values = service[key] ?? [];
    if (values.length !== 1)
      throw new Error(`${file}: expected one ${key}=, found ${values.length}`);
    return values[0]!;
  };
  const environment: Record<string, string> = {};
  for (const assignment of service.Environment ?? []) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=([^\s"'%]*)$/.exec(assignment);
    if (!match) throw new Error(`${file}: Environment=${assignment} is not a plain NAME=value`);
    environment[match[1]!] = match[2]!;
  }
  // EnvironmentFile= after Environment=, as systemd does; a leading '-' means "if it exists".
  for (const entry of service.EnvironmentFile ?? []) {
    const optional = entry.startsWith('-');
    const envFile = optional ? entry.slice(1) : entry;
    if (!fs.existsSync(envFile)) {
      if (optional) continue;
      throw new Error(`${file}: EnvironmentFile ${envFile} is missing`);
    }
    for (const raw of fs.readFileSync(envFile, 'utf8').split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
      if (!match) throw new Error(`${envFile}: not a NAME=value line`);
      environment[match[1]!] = match[2]!;
    }
  }
  const execStart = one('ExecStart');
  if (/["'%\\]/.test(execStart) || !execStart.startsWith('/'))
    throw new Error(`${file}: ExecStart must be an absolute command without quotes or specifiers`);
  return {
    user: one('User'),
    group: one('Group'),
    workingDirectory: one('WorkingDirectory'),
    environment,
    execStart: execStart.split(/\s+/),
    stateDirectories: (service.StateDirectory ?? []).flatMap((value) => value.split(/\s+/)),
  };
}
