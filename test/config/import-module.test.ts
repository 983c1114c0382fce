/**
 * Loading config code under plain Node.js, outside vitest (which compiles TypeScript itself):
 * the loader is compiled to JavaScript and run in a child `node` process.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const typed = path.join(root, 'test/fixtures/config/typescript/typed.ts');
// Inside node_modules so the compiled loader resolves `tsx` as an installed package would.
const outDir = path.join(root, 'node_modules/.cache/pecan-import-module-test');
const loader = path.join(outDir, 'import-module.mjs');

beforeAll(() => {
  const source = fs.readFileSync(path.join(root, 'src/config/import-module.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(loader, outputText);
});

/** Runs `code` (an ES module with `importFile` in scope) in plain Node; returns its stdout. */
async function inPlainNode(code: string, nodeArgs: string[] = []): Promise<string> {
  const script = `import { importFile } from ${JSON.stringify(pathToFileURL(loader).href)};\n${code}`;
  const { stdout } = await run(
    process.execPath,
    [...nodeArgs, '--input-type=module', '--eval', script],
    { cwd: root, timeout: 20_000 },
  );
  return stdout.trim();
}

const nodeRunsTypeScript = Boolean((process.features as { typescript?: unknown }).typescript);

describe('importing config code under plain Node', () => {
  it('loads a TypeScript file (and the .ts behind a .js import) through tsx', async () => {
    const out = await inPlainNode(`
      const module = await importFile(${JSON.stringify(typed)});
      console.log(JSON.stringify(module.default));
    `);
    expect(JSON.parse(out)).toEqual({ value: 42, helper: 'from helper.ts' });
  });

  it.runIf(!nodeRunsTypeScript)(
    'shares module instances with the app (tsx is registered, not namespaced)',
    async () => {
      const out = await inPlainNode(`
        const module = await importFile(${JSON.stringify(typed)});
        const eta = await import('eta');
        console.log(module.eta === eta);
      `);
      expect(out).toBe('true');
    },
  );

  it.runIf(!nodeRunsTypeScript)('says to install tsx when it is missing', async () => {
    // A resolve hook that makes 'tsx/esm/api' unresolvable, as when tsx is not installed.
    const hook = `export async function resolve(specifier, context, next) {
      if (specifier === 'tsx/esm/api') throw Object.assign(new Error('not installed'), { code: 'ERR_MODULE_NOT_FOUND' });
      return next(specifier, context);
    }`;
    const register = `import { register } from 'node:module';
      register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
    const out = await inPlainNode(
      `
      try { await importFile(${JSON.stringify(typed)}); console.log('loaded'); }
      catch (error) { console.log(error.message); }
    `,
      ['--import', `data:text/javascript,${encodeURIComponent(register)}`],
    );
    expect(out).toContain('Install the optional dependency tsx');
    expect(out).toContain(typed);
  });

  it('reports a JavaScript syntax error as a SyntaxError', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-syntax-'));
    const file = path.join(dir, 'config.mjs');
    fs.writeFileSync(file, 'if false\nvar = 3\n');
    const out = await inPlainNode(`
      try { await importFile(${JSON.stringify(file)}); console.log('loaded'); }
      catch (error) { console.log(error.name); }
    `);
    expect(out).toBe('SyntaxError');
  });
});
