/**
 * Reads a controller method's parameter names from its source text, once, at decoration time
 * (DESIGN.md §3 "Argument binding is Pecan's"; Pecan's `getargspec`, pecan-reference.md §2.7).
 *
 * Only the head of the source is scanned — up to the `)` that closes the parameter list, or the
 * `=>` of a one-parameter arrow — so a body the scanner might misread is never looked at. The
 * scanner knows just enough JavaScript to keep default values from confusing it: strings,
 * template literals (with nested `${}`), regex literals, comments and balanced brackets.
 *
 * Known limits: a `/` directly after `)` or `}` is always read as division, so a regex literal
 * in that spot inside a default value (`cb = () => { if (x) /re/.test(y) }`) is misread; array
 * patterns (`[a, b]`) and destructured rest (`...[a, b]`) are rejected, because a URL segment or
 * a param cannot be bound to them by name.
 */

export interface ParamInfo {
  name: string;
  hasDefault: boolean;
}

export interface Signature {
  /** Plain positional parameters in order (excluding a final object-pattern parameter and a rest parameter). */
  params: ParamInfo[];
  /** Name of a `...rest` parameter (Pecan's *args), or null. */
  rest: string | null;
  /**
   * True when the final parameter is an object destructuring pattern (`{ ...kw }`,
   * `{ page, ...others }`, `{ a, b } = {}`): Pecan's **kwargs. As JS requires rest to be last,
   * the pattern may also sit just before `...rest`; the call is then `(...params, kw, ...rest)`.
   */
  kwargs: boolean;
}

export class SignatureError extends Error {
  override name = 'SignatureError';
}

type TokenKind = 'ident' | 'number' | 'string' | 'template' | 'regex' | 'punct' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
}

/** Raised inside the scanner; readSignature turns it into a SignatureError naming the method. */
class Unreadable extends Error {}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
// After these words an expression starts, so a `/` opens a regex literal rather than dividing.
const KEYWORDS_BEFORE_EXPRESSION = new Set(
  'return typeof instanceof in of new delete void throw case do else yield await'.split(' '),
);

const IDENT_PART = String.raw`\\u[\da-fA-F]{4}|\\u\{[\da-fA-F]+\}`;
const IDENT = new RegExp(
  String.raw`#?(?:[$_\p{ID_Start}]|${IDENT_PART})(?:[$\u200c\u200d\p{ID_Continue}]|${IDENT_PART})*`,
  'uy',
);
const TRIVIA = /(?:\s+|\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?\*\/)*/y;
const NUMBER =
  /(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*\.?[\d_]*(?:[eE][+-]?[\d_]+)?|\.\d[\d_]*(?:[eE][+-]?[\d_]+)?)n?/y;
const STRING = /'(?:[^'\\\n\r]|\\[\s\S])*'|"(?:[^"\\\n\r]|\\[\s\S])*"/y;
const REGEX = /\/(?:[^/\\[\n\r]|\\.|\[(?:[^\]\\\n\r]|\\.)*\])+\/[a-z]*/y;
// Only the operators that matter are told apart: `...`, `=>`, `++`/`--` (regex detection) and
// `=` versus the comparisons containing it; everything else may split into single characters.
const PUNCT = /\.\.\.|=>|\+\+|--|[=!<>]=+|[\s\S]/y;

/** A tokenizer over the function source that is pulled one token at a time. */
class Scanner {
  private pos = 0;
  /** The last token read, to decide whether `/` starts a regex literal. */
  private prev: Token | null = null;

  constructor(private readonly src: string) {}

  next(): Token {
    const tok = this.read();
    this.prev = tok;
    return tok;
  }

  /** Consumes tokens up to the closer matching `open` (already read), nested groups included. */
  skipGroup(open: string): void {
    const close = CLOSERS[open];
    for (;;) {
      const tok = this.next();
      if (tok.kind === 'end') throw new Unreadable(`unclosed '${open}'`);
      if (tok.kind !== 'punct') continue;
      if (tok.text === close) return;
      if (tok.text in CLOSERS) this.skipGroup(tok.text);
      else if (')]}'.includes(tok.text)) throw new Unreadable(`unbalanced '${tok.text}'`);
    }
  }

  private read(): Token {
    this.match(TRIVIA);
    if (this.src.startsWith('/*', this.pos)) throw new Unreadable('unclosed comment');
    const c = this.src[this.pos];
    if (c === undefined) return { kind: 'end', text: '' };
    if (c === '`') return { kind: 'template', text: this.template() };
    if (c === '/' && this.regexAllowed()) return this.expect('regex', REGEX);
    if (c === "'" || c === '"') return this.expect('string', STRING);
    const ident = this.match(IDENT);
    if (ident !== null) return { kind: 'ident', text: ident };
    const num = this.match(NUMBER);
    if (num !== null) return { kind: 'number', text: num };
    return this.expect('punct', PUNCT);
  }

  private regexAllowed(): boolean {
    const p = this.prev;
    if (p === null) return true;
    if (p.kind === 'ident') return KEYWORDS_BEFORE_EXPRESSION.has(p.text);
    if (p.kind === 'punct') return !/^(?:[)\]}]|\+\+|--)$/.test(p.text);
    return false; // a number, string, template or regex literal ends a value: `/` divides
  }

  /** Scans a template literal; each `${` hole is skipped as a `{}` group of ordinary tokens. */
  private template(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new Unreadable('unclosed template literal');
      if (c === '\\') this.pos += 2;
      else if (c === '`') break;
      else if (c === '$' && this.src[this.pos + 1] === '{') {
        this.pos += 2;
        this.prev = null; // an expression starts inside the hole
        this.skipGroup('{');
        continue;
      } else this.pos++;
    }
    this.pos++;
    return this.src.slice(start, this.pos);
  }

  private expect(kind: TokenKind, re: RegExp): Token {
    const text = this.match(re);
    if (text === null) throw new Unreadable(`unreadable ${kind} literal`);
    return { kind, text };
  }

  private match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (m === null) return null;
    this.pos = re.lastIndex;
    return m[0];
  }
}

/** Reads the signature of fn. `label` (e.g. "RootController.index") is used in error messages. */
export function readSignature(fn: Function, label: string): Signature {
  let source: string;
  try {
    // fn.toString() rather than Function.prototype.toString.call(fn): wrappers that forward the
    // original's source through their own toString (mimic-fn and the like) stay readable.
    source = String(fn.toString());
  } catch {
    return unreadable(label, 'its source text is not available');
  }
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
    return unreadable(label, 'it is native or bound code');
  }
  try {
    return parseSignature(new Scanner(source));
  } catch (error) {
    if (error instanceof Unreadable) return unreadable(label, error.message);
    throw error;
  }
}

function unreadable(label: string, why: string): never {
  throw new SignatureError(
    `Cannot read the parameters of ${label} (${why}); ` +
      `declare them with @expose({ args: [...] })`,
  );
}

function parseSignature(scanner: Scanner): Signature {
  // The head: keywords (`async`, `static`, `function`), `*`, and a method name that may be an
  // identifier, a string, a number or a computed `[...]` key. It ends at the parameter list.
  let tok = scanner.next();
  if (tok.kind === 'ident' && tok.text === 'class') {
    const after = scanner.next();
    if (!(after.kind === 'punct' && after.text === '(')) throw new Unreadable('it is a class');
    tok = after;
  }
  for (;;) {
    if (tok.kind === 'punct' && tok.text === '(') break;
    if (tok.kind === 'ident') {
      const after = scanner.next();
      if (after.kind === 'punct' && after.text === '=>') {
        return {
          params: [{ name: identifierName(tok.text), hasDefault: false }],
          rest: null,
          kwargs: false,
        };
      }
      tok = after;
    } else if (tok.kind === 'punct' && (tok.text === '[' || tok.text === '*')) {
      if (tok.text === '[') scanner.skipGroup('[');
      tok = scanner.next();
    } else if (tok.kind === 'string' || tok.kind === 'number') {
      tok = scanner.next();
    } else {
      throw new Unreadable('no parameter list found');
    }
  }
  return classify(splitParameters(scanner));
}

/** Reads up to the closing `)`, returning each parameter's top-level tokens. */
function splitParameters(scanner: Scanner): Token[][] {
  const list: Token[][] = [];
  let current: Token[] = [];
  for (;;) {
    const tok = scanner.next();
    if (tok.kind === 'end') throw new Unreadable('unclosed parameter list');
    if (tok.kind === 'punct' && (tok.text === ',' || tok.text === ')')) {
      // An empty entry is fine only at the end: `()` or a trailing comma.
      if (current.length > 0) list.push(current);
      else if (tok.text === ',') throw new Unreadable('empty parameter');
      if (tok.text === ')') return list;
      current = [];
      continue;
    }
    current.push(tok);
    if (tok.kind === 'punct' && tok.text in CLOSERS) scanner.skipGroup(tok.text);
  }
}

function classify(list: Token[][]): Signature {
  const signature: Signature = { params: [], rest: null, kwargs: false };
  list.forEach((tokens, index) => {
    const [first, second, third] = tokens as [Token, Token | undefined, Token | undefined];
    const isLast = index === list.length - 1;
    if (first.kind === 'punct' && first.text === '...') {
      if (second?.kind !== 'ident' || third !== undefined || !isLast) {
        throw new Unreadable('a rest parameter must be a plain name, last');
      }
      signature.rest = identifierName(second.text);
    } else if (first.kind === 'punct' && first.text === '{') {
      // §2.4 **kwargs: the binder hands this parameter the params no other parameter took.
      const beforeRest = index === list.length - 2 && list[index + 1]?.[0]?.text === '...';
      if (!isLast && !beforeRest) throw new Unreadable('an object pattern must be last');
      signature.kwargs = true;
    } else if (first.kind === 'punct' && first.text === '[') {
      throw new Unreadable('an array pattern parameter cannot be bound by name');
    } else if (first.kind === 'ident' && (second === undefined || second.text === '=')) {
      signature.params.push({ name: identifierName(first.text), hasDefault: second !== undefined });
    } else {
      throw new Unreadable(`parameter ${index + 1} is not a name, rest or object pattern`);
    }
  });
  return signature;
}

/** esbuild writes non-ASCII identifiers as `\uXXXX` escapes; the name is the decoded text. */
function identifierName(text: string): string {
  return text.replace(/\\u\{([\da-fA-F]+)\}|\\u([\da-fA-F]{4})/g, (_, braced, plain) =>
    String.fromCodePoint(parseInt(String(braced ?? plain), 16)),
  );
}

const ARG_NAME = /^[$_\p{ID_Start}][$\u200c\u200d\p{ID_Continue}]*$/u;

/** Builds a Signature from an explicit `@expose({ args: [...] })` list. */
export function signatureFromArgs(args: readonly string[], label: string): Signature {
  const fail = (why: string): never => {
    throw new SignatureError(`Invalid @expose({ args }) for ${label}: ${why}`);
  };
  if (!Array.isArray(args)) fail('args must be an array of strings');
  const signature: Signature = { params: [], rest: null, kwargs: false };
  const seen = new Set<string>();
  const name = (text: string, entry: string): string => {
    if (!ARG_NAME.test(text)) fail(`'${entry}' is not a parameter name`);
    if (seen.has(text)) fail(`'${text}' is declared twice`);
    seen.add(text);
    return text;
  };
  args.forEach((entry, index) => {
    if (typeof entry !== 'string') fail(`entry ${index + 1} is not a string`);
    if (signature.rest !== null) fail(`'${entry}' follows the rest parameter, which must be last`);
    const kw = /^\{\s*(?:\.\.\.\s*(.*?)\s*)?\}$|^\*\*(.*)$/s.exec(entry);
    if (kw !== null) {
      if (signature.kwargs) fail('more than one kwargs entry');
      const kwName = kw[1] ?? kw[2];
      if (kwName !== undefined) name(kwName, entry);
      signature.kwargs = true;
    } else if (entry.startsWith('...')) {
      signature.rest = name(entry.slice(3), entry);
    } else if (signature.kwargs) {
      fail(`'${entry}' follows the kwargs entry, which must be last (or just before a rest)`);
    } else {
      const hasDefault = entry.endsWith('?') || entry.endsWith('=');
      signature.params.push({
        name: name(hasDefault ? entry.slice(0, -1) : entry, entry),
        hasDefault,
      });
    }
  });
  return signature;
}
