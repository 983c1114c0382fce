import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { killAll, runPecan } from './cli-process.js';

const config = fileURLToPath(new URL('./fixtures/app/config.ts', import.meta.url));

afterEach(killAll);

describe('pecan shell', () => {
  it('lists its objects in the banner', async () => {
    const cli = runPecan(['shell', config]);
    await cli.waitFor(/pecan> /);
    for (const name of ['app', 'client', 'conf', 'root', 'abort', 'redirect']) {
      expect(cli.stdout()).toMatch(new RegExp(`^  ${name} +- `, 'm'));
    }
    cli.write('.exit\n');
    expect(await cli.exited()).toBe(0);
  });

  it('has the app, its config, the root controller and a test client ready', async () => {
    const cli = runPecan(['shell', config]);
    await cli.waitFor(/pecan> /);
    cli.write("typeof app + ' ' + typeof app.fetch + ' ' + conf.app.root\n");
    await cli.waitFor(/'function function \.\/root\.js#RootController'/);
    cli.write('root.constructor.name\n');
    await cli.waitFor(/'RootController'/);
    cli.write("(await client.get('/')).text\n");
    await cli.waitFor(/'ok'/);
    cli.write('.exit\n');
    expect(await cli.exited()).toBe(0);
  });

  it('fails clearly without a config', async () => {
    const cli = runPecan(['shell'], { env: { PECAN_CONFIG: '' } });
    expect(await cli.exited()).toBe(1);
    expect(cli.stderr()).toContain(
      'PECAN_CONFIG is not set and no config file was passed as an argument.',
    );
  });
});
