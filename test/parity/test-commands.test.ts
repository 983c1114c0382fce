/**
 * Port of Python Pecan's pecan/tests/test_commands.py. Pecan's `CommandManager.commands` is the
 * `commands` registry, `CommandRunner.run(args)` is `runCli(args, io)` (it resolves to an exit
 * code and prints errors instead of raising), and `CreateCommand.manager.scaffolds` is the
 * scaffold set given to `makeCreateCommand`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.js';
import { createCommand, makeCreateCommand } from '../../src/cli/create/create-command.js';
import { runCli } from '../../src/cli/run-cli.js';
import { serveCommand } from '../../src/cli/serve/serve-command.js';
import { shellCommand } from '../../src/cli/shell/shell-command.js';
import { fakeIO } from '../cli/fake-io.js';

let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-commands-'));
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

describe('test_commands.py TestCommandManager', () => {
  it('test_commands', () => {
    expect(commands.serve).toBe(serveCommand);
    expect(commands.shell).toBe(shellCommand);
    expect(commands.create).toBe(createCommand);
  });
});

describe('test_commands.py TestCommandRunner', () => {
  it('test_commands', async () => {
    // The runner offers every registered command, and dispatches to it by name.
    const io = fakeIO(cwd);
    expect(await runCli([], io)).toBe(0);
    for (const name of ['serve', 'shell', 'create']) {
      expect(io.stdoutText).toMatch(new RegExp(`^  ${name} +${commands[name]!.summary}$`, 'm'));
      const help = fakeIO(cwd);
      expect(await runCli([name, '--help'], help)).toBe(0);
      expect(help.stdoutText).toContain(`usage: pecan ${name}`);
      expect(help.stdoutText).toContain(commands[name]!.summary);
    }
  });

  it('test_run', async () => {
    // Pecan raises RuntimeError for a missing config file; the command fails with its message.
    const io = fakeIO(cwd);
    expect(await runCli(['serve', 'missing_file.py'], io)).toBe(1);
    expect(io.stderrText).toContain(`\`${path.join(cwd, 'missing_file.py')}\` is not a file.`);
  });
});

describe('test_commands.py TestCreateCommand', () => {
  it('test_run', async () => {
    const copied: string[] = [];
    class FakeScaffold {
      copyTo(dest: string) {
        copied.push(dest);
        expect(path.basename(dest)).toBe('default');
        return true;
      }
    }
    const command = makeCreateCommand(() => ({ default: new FakeScaffold() }));
    const io = fakeIO(cwd);
    expect(await command.run({ values: {}, positionals: ['default', 'default'] }, io)).toBe(0);
    expect(copied).toEqual([path.join(cwd, 'default')]);
  });
});
