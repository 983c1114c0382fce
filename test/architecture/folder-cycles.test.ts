/**
 * Zero import cycles between the folders of src/ at run time. The lint's direction rule makes
 * such a cycle impossible, and import-x/no-cycle catches cycles between files. This test reads
 * the value imports of every source file with the TypeScript parser, builds the folder graph and
 * looks for a cycle in it directly, so it does not depend on the lint config. Before issue 14
 * the graph held four: core ↔ binding, dispatch, hooks, render.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, it } from 'vitest';

const src = fileURLToPath(new URL('../../src', import.meta.url));

/** `core`, `dispatch`, …; a file directly in src/ is its own unit (`make-app`, `index`). */
function unitOf(file: string): string {
  const [first, second] = path.relative(src, file).split(path.sep);
  return second === undefined ? first!.replace(/\.ts$/, '') : first!;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The relative specifiers `file` imports or re-exports values from (type-only ones left out). */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((element) => element.isTypeOnly)));
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined) {
      if (!node.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier))
        specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.filter((specifier) => specifier.startsWith('.'));
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(src)) {
    const from = unitOf(file);
    for (const specifier of valueImports(file)) {
      const to = unitOf(path.resolve(path.dirname(file), specifier));
      if (to !== from) (graph.get(from) ?? graph.set(from, new Set()).get(from)!).add(to);
    }
  }
  return graph;
}

/** One cycle of `graph` as a path (`a → b → a`), or null when it has none. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (unit: string): string[] | null => {
    const at = onPath.indexOf(unit);
    if (at !== -1) return [...onPath.slice(at), unit];
    if (done.has(unit)) return null;
    onPath.push(unit);
    for (const next of graph.get(unit) ?? []) {
      const cycle = visit(next);
      if (cycle !== null) return cycle;
    }
    onPath.pop();
    done.add(unit);
    return null;
  };
  for (const unit of graph.keys()) {
    const cycle = visit(unit);
    if (cycle !== null) return cycle;
  }
  return null;
}

it('finds the value imports between folders (the graph is not empty)', () => {
  const graph = folderGraph();
  expect(graph.get('app')).toContain('dispatch');
  expect(graph.get('dispatch')).toContain('core');
  // Type-only imports are not edges: hooks reads the app's State as a type.
  expect(graph.get('hooks')).not.toContain('app');
});

it('has no import cycle between the folders of src/', () => {
  expect(findCycle(folderGraph())).toBeNull();
});

it('reports a cycle when there is one', () => {
  const graph = new Map([
    ['core', new Set(['render'])],
    ['render', new Set(['core'])],
  ]);
  expect(findCycle(graph)).toEqual(['core', 'render', 'core']);
});
