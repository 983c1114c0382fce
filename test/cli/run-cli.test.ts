import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { pecanVersion } from '../../src/cli/version.js';
import { fakeIO } from './fake-io.js';

describe('the pecan program', () => {
  it('prints "Pecan <version>" for --version', async () => {
    const io = fakeIO(process.cwd());
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.stdoutText).toBe(`Pecan ${pecanVersion()}\n`);
    expect(pecanVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints the version for -v too', async () => {
    const io = fakeIO(process.cwd());
    expect(await runCli(['-v'], io)).toBe(0);
    expect(io.stdoutText).toBe(`Pecan ${pecanVersion()}\n`);
  });

  it("prints one command's help for `pecan help <command>`", async () => {
    const io = fakeIO(process.cwd());
    expect(await runCli(['help', 'serve'], io)).toBe(0);
    expect(io.stdoutText).toMatch(/^usage: pecan serve \[CONFIG\] \[options\]\n/);
    expect(io.stdoutText).toContain('--workers N');
    expect(io.stdoutText).toContain('--debug');
  });

  it('rejects `pecan help` of an unknown command with status 2', async () => {
    const io = fakeIO(process.cwd());
    expect(await runCli(['help', 'deploy'], io)).toBe(2);
    expect(io.stderrText).toContain('pecan: error: unknown command "deploy"');
  });

  it('reports an unknown option before the command as an option, not a command', async () => {
    for (const flag of ['--port', '-x', '--verbose']) {
      const io = fakeIO(process.cwd());
      expect(await runCli([flag, 'serve'], io), flag).toBe(2);
      expect(io.stderrText).toContain(`pecan: error: unknown option "${flag}"`);
      expect(io.stderrText).not.toContain('unknown command');
    }
  });

  it('prints the help without a command (Pecan ≥ 1.5.1), and for --help', async () => {
    for (const args of [[], ['--help'], ['-h']]) {
      const io = fakeIO(process.cwd());
      expect(await runCli(args, io)).toBe(0);
      expect(io.stdoutText).toMatch(/^usage: pecan \[--version\] \[--help\] <command>/);
      expect(io.stdoutText).toContain('  routes ');
    }
  });

  it('rejects an unknown command with status 2', async () => {
    const io = fakeIO(process.cwd());
    expect(await runCli(['deploy'], io)).toBe(2);
    expect(io.stderrText).toContain(
      'pecan: error: unknown command "deploy" (choose from create, serve, shell, routes, openapi)',
    );
  });

  it('rejects bad options with the usage and status 2', async () => {
    const cases: [string[], string][] = [
      [['serve', 'config.js', '--bogus'], "Unknown option '--bogus'"],
      [['serve', 'config.js', '--port'], "Option '-p, --port <value>' argument missing"],
      [['serve', 'config.js', '--port', 'http'], '--port: "http" is not a port number'],
      [['serve', 'config.js', '--workers', '0'], '--workers: "0" is not a positive integer'],
      [['serve', 'a.js', 'b.js'], 'unrecognized arguments: b.js'],
    ];
    for (const [args, message] of cases) {
      const io = fakeIO(process.cwd(), { PECAN_CONFIG: 'package.json' });
      expect(await runCli(args, io), args.join(' ')).toBe(2);
      expect(io.stderrText).toContain('usage: pecan serve [CONFIG] [options]');
      expect(io.stderrText).toContain(message);
    }
  });
});
