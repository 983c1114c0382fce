/**
 * The partial names a Handlebars template uses by a fixed name (`{{> header}}`,
 * `{{> "header.hbs"}}`, `{{#> layout}}…{{/layout}}`), read from its parsed AST. Dynamic partials
 * (`{{> (pick)}}`) and `@partial-block` are left to Handlebars.
 */
export function partialNames(ast: unknown): Set<string> {
  const names = new Set<string>();
  visit(ast, names);
  return names;
}

interface Node {
  type?: unknown;
  name?: { type?: unknown; original?: unknown; value?: unknown };
}

function visit(node: unknown, names: Set<string>): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, names);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const { type, name } = node as Node;
  if ((type === 'PartialStatement' || type === 'PartialBlockStatement') && name) {
    const value =
      name.type === 'PathExpression'
        ? name.original
        : name.type === 'StringLiteral'
          ? name.value
          : undefined;
    if (typeof value === 'string' && !value.startsWith('@')) names.add(value);
  }
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'loc' && key !== 'name' && typeof child === 'object') visit(child, names);
  }
}
