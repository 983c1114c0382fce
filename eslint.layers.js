/**
 * The layers of src/, top to bottom: the direction of values, written once. A file may import
 * values from its own folder and from the layers below it. Importing a value from a layer above,
 * or from another folder on its own layer, is a lint error
 * (`@typescript-eslint/no-restricted-imports`). The top layer is the exception: its folders may
 * use each other (`import-x/no-cycle` still forbids loops). Type-only imports may point up
 * because they are gone at run time. `core/` is the ground floor and imports nothing outside
 * itself, types included. docs/architecture.md explains each layer, and test/architecture/
 * proves the rules.
 */
export const LAYERS = [
  ['cli', 'config', 'testing'],
  ['make-app'],
  ['openapi'],
  ['middleware', 'adapters'],
  ['logging'],
  ['app'],
  ['dispatch'],
  ['hooks'],
  ['controller'],
  ['binding', 'security', 'render'],
  ['core'],
];

/** An import specifier that climbs into `name` (a folder of src/, or the file `make-app.ts`). */
function climbsInto(name) {
  // From src/make-app.ts a folder is `./name/`; from inside a folder, `../name/` (or deeper).
  return name === 'make-app' ? String.raw`^(\.\./)+make-app\.js$` : String.raw`^(\.\.?/)+${name}/`;
}

/** Node modules that tie code to a server runtime: the core (Bun, Deno, workers) does without. */
const RUNTIME_BOUND = String.raw`^(node:)?(fs|path|http|https|http2|net|tls|dgram|child_process|cluster|os|worker_threads)(/.*)?$`;

/** The public surface (src/index.ts) is above every layer. */
const INDEX = String.raw`^(\.\./)+index\.js$`;

export function layerRules() {
  return LAYERS.flatMap((layer, depth) =>
    depth === 0 ? [] : layer.map((name) => folderRule(name, layer, LAYERS.slice(0, depth).flat())),
  );
}

function folderRule(name, layer, above) {
  const files = name === 'make-app' ? ['src/make-app.ts'] : [`src/${name}/**/*.ts`];
  if (name === 'core') {
    return rule(files, [
      {
        regex: String.raw`^\.\./`,
        message:
          'core/ is the ground floor: it imports nothing outside itself (docs/architecture.md).',
      },
      {
        regex: RUNTIME_BOUND,
        message:
          'core/ is runtime-neutral: files, paths, sockets and processes belong to the edge (docs/architecture.md).',
      },
    ]);
  }
  const siblings = layer.filter((other) => other !== name);
  const forbidden = [...above, ...siblings];
  return rule(files, [
    {
      regex: [...forbidden.map(climbsInto), INDEX].join('|'),
      allowTypeImports: true,
      message:
        `${name} may import values only from the layers below it, not from ${forbidden.join(', ')} ` +
        '(type-only imports may point up): see docs/architecture.md.',
    },
  ]);
}

function rule(files, patterns) {
  return { files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}
