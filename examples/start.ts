/**
 * `npm start`: the reference system on its embedded defaults — the deployer (service A) and
 * the notifier (service B), each a `pecan serve` of its own config file in a process of its
 * own, as they run in production. Prints one line per service once it answers, prefixes their
 * logs, and stops both on Ctrl-C (or SIGTERM), letting in-flight requests finish.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const services = [
  { name: 'deployer', config: 'examples/deployer/config.ts' },
  { name: 'notifier', config: 'examples/notifier/config.ts' },
];

/** `pecan serve <config>` from the sources, through tsx: no build step before a start. */
function serve(config: string): ChildProcess {
  const cli = path.join(root, 'src/cli/main.ts');
  return spawn(process.execPath, ['--import', 'tsx', cli, 'serve', config], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const SERVING = /serving on (?:(http:\/\/\S+)|\S+, view at (http:\/\/\S+))/;
const children = new Map<string, ChildProcess>();
let stopping = false;

for (const { name, config } of services) {
  const child = serve(config);
  children.set(name, child);
  const width = Math.max(...services.map((s) => s.name.length));
  const label = `${name.padEnd(width)} |`;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const serving = SERVING.exec(line);
    if (serving) console.log(`${name}: ${(serving[1] ?? serving[2])!.replace(/\/?$/, '/')}`);
    else console.log(`${label} ${line}`);
  });
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    console.error(`${label} ${line}`);
  });
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      // One service alone is not the system: stop the other and report the failure.
      console.error(`${name} exited (${signal ?? `code ${code}`}); stopping the others`);
      process.exitCode = 1;
      stop();
    }
    if (children.size === 0) process.exit();
  });
}

function stop(): void {
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    console.log(`${signal}: stopping ${[...children.keys()].join(' and ')}`);
    stop();
  });
}
