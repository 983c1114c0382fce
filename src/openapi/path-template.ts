/**
 * From a route row's path (`/books/<id>[/<page>][/<...more>]`, as `pecan routes` prints it) to
 * OpenAPI path templates. A path parameter is always required in OpenAPI, so a method with
 * optional positional parameters gives one path per prefix of them: `/hello` and
 * `/hello/{name}`. An optional rest parameter (`...more`, any number of segments) has no
 * OpenAPI form and is left out; the operation's description names it.
 */

type Token =
  | { kind: 'fixed'; text: string }
  | { kind: 'param'; name: string; optional: boolean; rest: boolean };

const TOKEN = /\[\/<(\.\.\.)?([^>]+)>\]|\/<(\.\.\.)?([^>]+)>|\/[^/<[]*/g;

function tokenize(path: string): Token[] {
  const tokens: Token[] = [];
  for (const match of path.matchAll(TOKEN)) {
    if (match[2] !== undefined) {
      tokens.push({ kind: 'param', name: match[2], optional: true, rest: match[1] !== undefined });
    } else if (match[4] !== undefined) {
      tokens.push({ kind: 'param', name: match[4], optional: false, rest: match[3] !== undefined });
    } else {
      tokens.push({ kind: 'fixed', text: match[0] });
    }
  }
  return tokens;
}

/** One OpenAPI path for a row, with its parameters in path order. */
export interface PathVariant {
  /** Segments: a fixed text (`/books`) or a parameter's position in `params`. */
  parts: (string | number)[];
  /** Parameter names in path order (positional: they fill the method's parameters in order). */
  params: string[];
  /** The optional rest parameter left out, if any. */
  rest: string | null;
}

export function pathVariants(path: string): PathVariant[] {
  const tokens = tokenize(path);
  const optional = tokens.filter((t) => t.kind === 'param' && t.optional && !t.rest).length;
  const restToken = tokens.find((t) => t.kind === 'param' && t.optional && t.rest);
  const variants: PathVariant[] = [];
  for (let keep = 0; keep <= optional; keep++) {
    const parts: (string | number)[] = [];
    const params: string[] = [];
    let seen = 0;
    for (const token of tokens) {
      if (token.kind === 'fixed') {
        parts.push(token.text);
      } else if (token.optional && (token.rest || seen++ >= keep)) {
        continue;
      } else {
        parts.push(params.length);
        params.push(token.name);
      }
    }
    variants.push({
      parts,
      params,
      rest: restToken?.kind === 'param' ? restToken.name : null,
    });
  }
  return variants;
}

/** The OpenAPI path of a variant with the given parameter names (`/books/{id}`). */
export function renderPath(variant: PathVariant, names: readonly string[]): string {
  const text = variant.parts
    .map((part) => (typeof part === 'number' ? `/{${names[part]}}` : part))
    .join('');
  return text === '' ? '/' : text;
}

/** The path with every parameter as `{}`: two paths that differ only in names are one path. */
export function pathShape(variant: PathVariant): string {
  return renderPath(
    variant,
    variant.params.map(() => ''),
  );
}
