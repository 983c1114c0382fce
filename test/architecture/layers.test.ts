/**
 * The direction of values between the folders of src/ (docs/architecture.md, eslint.layers.js)
 * and the absence of import cycles are enforced by the lint. These tests run ESLint with the
 * project's own config on code that breaks the rules, so a config that stopped enforcing them
 * fails here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });
const DIRECTION = '@typescript-eslint/no-restricted-imports';

/** The rule ids ESLint reports for `code`, linted as if it were the file `file` of the repo. */
async function ruleIds(file: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((message) => message.ruleId);
}

describe('the direction of values', () => {
  it('fails a value import from a layer above (dispatch → app)', async () => {
    const ids = await ruleIds(
      'src/dispatch/upward.ts',
      "import { handle } from '../app/lifecycle.js';\nexport const run = handle;\n",
    );
    expect(ids).toEqual([DIRECTION]);
  });

  it('fails a value import from a layer above, from a nested folder (dispatch/rest → middleware)', async () => {
    const ids = await ruleIds(
      'src/dispatch/rest/upward.ts',
      "import { buildHandler } from '../../middleware/build-handler.js';\nexport const b = buildHandler;\n",
    );
    expect(ids).toEqual([DIRECTION]);
  });

  it('fails a value import between folders of one layer below the top (render → security)', async () => {
    const ids = await ruleIds(
      'src/render/sideways.ts',
      "import { crossBoundary } from '../security/boundary.js';\nexport const c = crossBoundary;\n",
    );
    expect(ids).toEqual([DIRECTION]);
  });

  it('fails a value import from a layer above in src/make-app.ts (make-app → testing)', async () => {
    const ids = await ruleIds(
      'src/make-app.ts',
      "import { CookieJar } from './testing/cookie-jar.js';\nexport const j = CookieJar;\n",
    );
    expect(ids).toEqual([DIRECTION]);
  });

  it('fails an import of the public surface from inside (hooks → index)', async () => {
    const ids = await ruleIds(
      'src/hooks/surface.ts',
      "import { makeApp } from '../index.js';\nexport const m = makeApp;\n",
    );
    expect(ids).toEqual([DIRECTION]);
  });

  it('lets a type-only import point up (hooks → app/state)', async () => {
    const ids = await ruleIds(
      'src/hooks/typed.ts',
      "import type { State } from '../app/state.js';\nexport type S = State;\n",
    );
    expect(ids).toEqual([]);
  });

  it('lets a value import point down (app → dispatch)', async () => {
    const ids = await ruleIds(
      'src/app/downward.ts',
      "import { routeRequest } from '../dispatch/route-request.js';\nexport const r = routeRequest;\n",
    );
    expect(ids).toEqual([]);
  });

  it('keeps core/ to itself: not even a type from outside', async () => {
    const value = await ruleIds(
      'src/core/upward.ts',
      "import { getMeta } from '../controller/meta.js';\nexport const g = getMeta;\n",
    );
    const type = await ruleIds(
      'src/core/typed.ts',
      "import type { State } from '../app/state.js';\nexport type S = State;\n",
    );
    expect(value).toEqual([DIRECTION]);
    expect(type).toEqual([DIRECTION]);
  });
});

describe('a runtime-neutral core', () => {
  it('fails an import of node:fs or node:path in core/', async () => {
    for (const module of ['node:fs', 'node:fs/promises', 'path']) {
      const ids = await ruleIds(
        'src/core/files.ts',
        `import * as m from '${module}';\nexport const used = m;\n`,
      );
      expect(ids, module).toEqual([DIRECTION]);
    }
  });

  it('lets core/ use what every runtime has (node:buffer)', async () => {
    const ids = await ruleIds(
      'src/core/bytes.ts',
      "import { isUtf8 } from 'node:buffer';\nexport const check = isUtf8;\n",
    );
    expect(ids).toEqual([]);
  });
});

describe('import cycles', () => {
  // The fixtures are ignored by `npm run lint`; linted here with ignores off.
  const withFixtures = new ESLint({ cwd: root, ignore: false });
  const fixture = (name: string) => path.join(root, 'test/fixtures/architecture/cycle', name);

  it('fails a value import cycle (import-x/no-cycle)', async () => {
    const results = await withFixtures.lintFiles([fixture('ping.ts'), fixture('pong.ts')]);
    for (const result of results) {
      expect(result.messages.map((message) => message.ruleId)).toEqual(['import-x/no-cycle']);
    }
  });

  it('does not count a type-only import as a cycle', async () => {
    const [result] = await withFixtures.lintFiles([fixture('types-only.ts')]);
    expect(result!.messages).toEqual([]);
  });
});
