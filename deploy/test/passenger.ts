/** What the deployment test asks of Passenger: its app processes, and the faults it injects. */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

/** The PIDs of an application group's processes, from `passenger-status`. */
export function processesOf(group: string): number[] {
  const status = execFileSync('passenger-status', [], { encoding: 'utf8' });
  const section = status.split(/\n(?=\S+:\n)/).find((part) => part.startsWith(`${group}:`));
  if (section === undefined) return [];
  return [...section.matchAll(/\* PID: (\d+)/g)].map((match) => Number(match[1]));
}

/** kill -9 of one app process: Passenger notices and starts a replacement. */
export function killProcess(pid: number): void {
  process.kill(pid, 'SIGKILL');
}

/**
 * `passenger-config restart-app <app root>`: every process of the app is replaced. Run without
 * blocking: the flow's requests are in flight meanwhile (see `runShell` in faults.ts).
 */
export async function restartApp(appRoot: string): Promise<void> {
  await promisify(execFile)('passenger-config', ['restart-app', appRoot]);
}
