import { describe, it, expect } from 'vitest';
import {
  readSignature,
  signatureFromArgs,
  SignatureError,
  type Signature,
} from '../../src/binding/signature.js';

/** A function whose source text is `src`, as if tsc or esbuild had printed it. */
function fromSource(src: string): Function {
  const fn = function () {};
  Object.defineProperty(fn, 'toString', { value: () => src });
  return fn;
}

const read = (src: string): Signature => readSignature(fromSource(src), 'Test.method');
const names = (sig: Signature): string[] => sig.params.map((p) => p.name);

describe('readSignature on functions defined here', () => {
  class Controller {
    index() {
      return 'index';
    }
    hello(first: string, last: string) {
      return `${first} ${last}`;
    }
    greet(name = 'world', times: number | null = null) {
      return name.repeat(times ?? 1);
    }
    async load(id: string) {
      return id;
    }
    *walk(from: number) {
      yield from;
    }
    async *stream(from: number) {
      yield from;
    }
    _lookup(id: string, ...remainder: string[]) {
      return [id, remainder];
    }
    post({ ...fields }: Record<string, unknown>) {
      return fields;
    }
    search(kind: string, { page, ...others }: Record<string, unknown> = {}) {
      return [kind, page, others];
    }
    _default(first: string, { ...kw }: Record<string, unknown>, ...rest: string[]) {
      return [first, kw, rest];
    }
    static create(owner: string) {
      return owner;
    }
    'with-dash'(a: string) {
      return a;
    }
    ['com' + 'puted'](b: string) {
      return b;
    }
    café(naïve = 'oui') {
      return naïve;
    }
    tricky(
      list = [1, [2, 3]],
      options = { a: 1, b: [2, '}'] },
      text = 'a, b) {',
      tmpl = `${'}'}, ${(() => ')')()}`,
      re = /[,)]\/\(/g,
      cb = (x: number, y: number) => {
        return x + y;
      },
      half = 10 / 2,
      last?: string,
    ) {
      return [list, options, text, tmpl, re, cb, half, last];
    }
  }
  const proto = Controller.prototype as unknown as Record<string, Function>;

  it('reads no parameters as an empty signature', () => {
    expect(readSignature(Controller.prototype.index, 'C.index')).toEqual({
      params: [],
      rest: null,
      kwargs: false,
    });
  });

  it('reads positional parameter names in order', () => {
    expect(names(readSignature(Controller.prototype.hello, 'C.hello'))).toEqual(['first', 'last']);
  });

  it('marks parameters that have defaults', () => {
    expect(readSignature(Controller.prototype.greet, 'C.greet').params).toEqual([
      { name: 'name', hasDefault: true },
      { name: 'times', hasDefault: true },
    ]);
  });

  it('reads async methods', () => {
    expect(names(readSignature(Controller.prototype.load, 'C.load'))).toEqual(['id']);
  });

  it('reads generator and async generator methods', () => {
    expect(names(readSignature(Controller.prototype.walk, 'C.walk'))).toEqual(['from']);
    expect(names(readSignature(Controller.prototype.stream, 'C.stream'))).toEqual(['from']);
  });

  it('reads a rest parameter as rest, not as a positional parameter', () => {
    const sig = readSignature(Controller.prototype._lookup, 'C._lookup');
    expect(sig).toEqual({
      params: [{ name: 'id', hasDefault: false }],
      rest: 'remainder',
      kwargs: false,
    });
  });

  it('reads a final { ...kw } pattern as kwargs', () => {
    expect(readSignature(Controller.prototype.post, 'C.post')).toEqual({
      params: [],
      rest: null,
      kwargs: true,
    });
  });

  it('reads a final pattern with named keys and a default as kwargs', () => {
    const sig = readSignature(Controller.prototype.search, 'C.search');
    expect(sig).toEqual({
      params: [{ name: 'kind', hasDefault: false }],
      rest: null,
      kwargs: true,
    });
  });

  it('reads an object pattern just before a rest parameter as kwargs', () => {
    const sig = readSignature(Controller.prototype._default, 'C._default');
    expect(sig).toEqual({
      params: [{ name: 'first', hasDefault: false }],
      rest: 'rest',
      kwargs: true,
    });
  });

  it('reads static methods', () => {
    expect(names(readSignature(Controller.create, 'C.create'))).toEqual(['owner']);
  });

  it('reads methods with quoted and computed names', () => {
    expect(names(readSignature(proto['with-dash']!, 'C.with-dash'))).toEqual(['a']);
    expect(names(readSignature(proto['computed']!, 'C.computed'))).toEqual(['b']);
  });

  it('reads unicode method and parameter names', () => {
    expect(names(readSignature(Controller.prototype.café, 'C.café'))).toEqual(['naïve']);
  });

  it('is not confused by commas, brackets, strings, templates, regexes or arrows in defaults', () => {
    const sig = readSignature(Controller.prototype.tricky, 'C.tricky');
    expect(names(sig)).toEqual(['list', 'options', 'text', 'tmpl', 're', 'cb', 'half', 'last']);
    expect(sig.params.map((p) => p.hasDefault)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ]);
  });

  it('reads function declarations and anonymous function expressions', () => {
    function named(a: string, b = 1) {
      return a + b;
    }
    const anonymous = function (c: string) {
      return c;
    };
    expect(names(readSignature(named, 'named'))).toEqual(['a', 'b']);
    expect(names(readSignature(anonymous, 'anonymous'))).toEqual(['c']);
  });

  it('reads arrow functions', () => {
    const arrow = (a: string, b: string) => a + b;
    const asyncArrow = async (a: string) => a;
    expect(names(readSignature(arrow, 'arrow'))).toEqual(['a', 'b']);
    expect(names(readSignature(asyncArrow, 'asyncArrow'))).toEqual(['a']);
  });

  it('agrees with the explicit args list that describes the same method', () => {
    expect(readSignature(Controller.prototype._default, 'C._default')).toEqual(
      signatureFromArgs(['first', '{...kw}', '...rest'], 'C._default'),
    );
    expect(readSignature(Controller.prototype.greet, 'C.greet')).toEqual(
      signatureFromArgs(['name?', 'times='], 'C.greet'),
    );
  });
});

describe('readSignature on tsc and esbuild source text', () => {
  it.each([
    ['a tsc method with spaced defaults', "index(name, n = 'world') { return name; }"],
    ['an esbuild method with squeezed whitespace', 'index(name,n="world"){return name}'],
    ['a plain function declaration', 'function index(name, n = 1) {\n  return name;\n}'],
    ['an esbuild function declaration', 'function index(name,n=1){return name}'],
    ['an anonymous function', 'function (name, n = 1) { }'],
    ['an async function', 'async function index(name, n = 1) { }'],
    ['an async method', 'async index(name, n = 1) { }'],
    ['a generator method', '*index(name,n=1){}'],
    ['an async generator method', 'async *index(name, n = 1) { }'],
    ['a generator function', 'function* index(name, n = 1) { }'],
    ['a squeezed generator function', 'function*index(name,n=1){}'],
    ['a static method', 'static index(name, n = 1) { }'],
    ['a double-quoted method name', '"with-dash"(name, n = 1) { }'],
    ['a single-quoted method name with parens', "'a(b)'(name, n = 1) { }"],
    ['a computed method name', "['x' + 'y'](name, n = 1) { }"],
    ['a computed name holding a call', '[Symbol.for("a(b,")](name,n=1){}'],
    ['a private method', '#index(name, n = 1) { }'],
    ['a numeric method name', '42(name, n = 1) { }'],
    ['a method named async', 'async(name, n = 1) { }'],
    ['an escaped method name', 'caf\\u00E9(name,n=1){}'],
    ['an arrow function', '(name, n = 1) => name'],
    ['an async arrow function', 'async (name, n = 1) => { }'],
    ['a squeezed async arrow function', 'async(name,n=1)=>{}'],
    ['a trailing comma', '(\n  name,\n  n = 1,\n) {\n}'],
    ['a source with a leading comment', '/* Wrapped with mimicFn() */\nfunction (name, n = 1) {}'],
  ])('reads %s', (_, src) => {
    expect(read(src).params).toEqual([
      { name: 'name', hasDefault: false },
      { name: 'n', hasDefault: true },
    ]);
  });

  it('reads an unparenthesised arrow parameter', () => {
    expect(read('name => name').params).toEqual([{ name: 'name', hasDefault: false }]);
    expect(read('async name=>name').params).toEqual([{ name: 'name', hasDefault: false }]);
  });

  it('reads a parameter named async in an unparenthesised arrow', () => {
    expect(names(read('async => 1'))).toEqual(['async']);
  });

  it('decodes \\uXXXX escapes in esbuild parameter names', () => {
    expect(names(read('caf\\u00E9(na\\u00EFve=null){return na\\u00EFve}'))).toEqual(['naïve']);
  });

  it('decodes \\u{...} escapes in parameter names', () => {
    expect(names(read('f(caf\\u{e9}, \\u{1d4b3}x) {}'))).toEqual(['café', '\u{1d4b3}x']);
  });

  it('keeps unicode parameter names printed by tsc', () => {
    expect(names(read('café(naïve = null, 名前) { }'))).toEqual(['naïve', '名前']);
  });

  it('skips commas inside calls, arrays and objects in defaults', () => {
    const sig = read('f(a = g(1, 2), b = [1, [2, 3]], c = { x: 1, y: [2, { z: 3 }] }, d) {}');
    expect(names(sig)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('skips commas and brackets inside string defaults', () => {
    expect(names(read(`f(a = "x, y)", b = 'it\\'s, ({[', c) {}`))).toEqual(['a', 'b', 'c']);
  });

  it('skips template literals whose ${} holes hold braces, parens and templates', () => {
    const src = "f(a = `x, ${ {k: '}'}.k }, ${(() => ')')()}`, b = `${`${'}'}`}`, c) {}";
    expect(names(read(src))).toEqual(['a', 'b', 'c']);
  });

  it('skips regex literals holding commas, slashes and brackets', () => {
    expect(names(read('f(a = /[,)\\]]\\/(/g, b = [/,/], c) {}'))).toEqual(['a', 'b', 'c']);
  });

  it('reads a slash after a value as division, not a regex', () => {
    expect(names(read('f(a = 10 / 2, b = x / y / z, c = (1) / 2, d) {}'))).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });

  it('skips arrow function defaults with block bodies', () => {
    const src = 'f(cb = (x, y) => { return x, y; }, other = (x) => ({ a: x }), d) {}';
    expect(names(read(src))).toEqual(['cb', 'other', 'd']);
  });

  it('skips block and line comments anywhere in the parameter list', () => {
    const src = 'f(/* first */ a /* , b */, // c, d)\n e = /* ) */ 1 // f)\n) {}';
    expect(read(src).params).toEqual([
      { name: 'a', hasDefault: false },
      { name: 'e', hasDefault: true },
    ]);
  });

  it('does not read the body', () => {
    expect(names(read('f(a) { return `unclosed ${ /'))).toEqual(['a']);
  });

  it('reads esbuild object patterns as kwargs', () => {
    expect(read('f(a,{page,...others}={}){}')).toEqual({
      params: [{ name: 'a', hasDefault: false }],
      rest: null,
      kwargs: true,
    });
    expect(read('f({ a = [1, 2], b } = {}) {}').kwargs).toBe(true);
  });

  it('reads a squeezed rest parameter', () => {
    expect(read('f(a,...rest){}')).toEqual({
      params: [{ name: 'a', hasDefault: false }],
      rest: 'rest',
      kwargs: false,
    });
  });
});

describe('readSignature errors', () => {
  const expectUnreadable = (fn: Function, label = 'Root.index') => {
    expect(() => readSignature(fn, label)).toThrow(SignatureError);
    expect(() => readSignature(fn, label)).toThrow(label);
    expect(() => readSignature(fn, label)).toThrow('@expose({ args: [...] })');
  };

  it('rejects native functions, naming the label', () => {
    expectUnreadable(Math.max, 'Root.max');
  });

  it('rejects bound functions, naming the label', () => {
    function index(a: string) {
      return a;
    }
    expectUnreadable(index.bind(null), 'Root.bound');
  });

  it('rejects classes', () => {
    expectUnreadable(class Thing {});
    expectUnreadable(fromSource('class Thing extends mixin(Base) { constructor(a) {} }'));
  });

  it('rejects an array pattern parameter', () => {
    expectUnreadable(fromSource('f([a, b]) {}'));
  });

  it('rejects a destructured rest parameter', () => {
    expectUnreadable(fromSource('f(...[a, b]) {}'));
  });

  it('rejects an object pattern that is not last', () => {
    expectUnreadable(fromSource('f({ a }, b) {}'));
  });

  it('rejects truncated source', () => {
    expectUnreadable(fromSource('f(a, b = (1, 2'));
    expectUnreadable(fromSource('f(a, b = "x'));
    expectUnreadable(fromSource('f(a /* b'));
  });

  it('rejects source with no parameter list', () => {
    expectUnreadable(fromSource('%%%'));
    expectUnreadable(fromSource(''));
  });

  it('rejects a function whose toString throws', () => {
    const fn = function () {};
    Object.defineProperty(fn, 'toString', {
      value: () => {
        throw new Error('no source');
      },
    });
    expectUnreadable(fn);
  });

  it('is an Error named SignatureError', () => {
    const error = new SignatureError('x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SignatureError');
  });
});

describe('signatureFromArgs', () => {
  it('reads plain names as required positional parameters', () => {
    expect(signatureFromArgs(['id', 'slug'], 'C.m')).toEqual({
      params: [
        { name: 'id', hasDefault: false },
        { name: 'slug', hasDefault: false },
      ],
      rest: null,
      kwargs: false,
    });
  });

  it('reads name? and name= as parameters with defaults', () => {
    expect(signatureFromArgs(['a?', 'b='], 'C.m').params).toEqual([
      { name: 'a', hasDefault: true },
      { name: 'b', hasDefault: true },
    ]);
  });

  it('reads ...name as the rest parameter', () => {
    expect(signatureFromArgs(['id', '...remainder'], 'C.m').rest).toBe('remainder');
  });

  it('reads {}, {...name} and **name as kwargs', () => {
    for (const entry of ['{}', '{...kw}', '{ ...kw }', '**kw']) {
      expect(signatureFromArgs(['a', entry], 'C.m')).toEqual({
        params: [{ name: 'a', hasDefault: false }],
        rest: null,
        kwargs: true,
      });
    }
  });

  it('accepts kwargs just before the rest parameter', () => {
    expect(signatureFromArgs(['**kw', '...args'], 'C.m')).toEqual({
      params: [],
      rest: 'args',
      kwargs: true,
    });
  });

  it('reads an empty list as no parameters', () => {
    expect(signatureFromArgs([], 'C.m')).toEqual({ params: [], rest: null, kwargs: false });
  });

  it.each([
    ['a parameter after kwargs', ['{}', 'a']],
    ['anything after the rest parameter', ['...rest', 'a']],
    ['two kwargs entries', ['{}', '**kw']],
    ['a name that is not an identifier', ['my-name']],
    ['an empty name', ['']],
    ['an empty rest name', ['...']],
    ['a duplicated name', ['a', 'a?']],
    ['a non-string entry', [42 as unknown as string]],
  ])('rejects %s, naming the label', (_, args) => {
    expect(() => signatureFromArgs(args, 'Root.index')).toThrow(SignatureError);
    expect(() => signatureFromArgs(args, 'Root.index')).toThrow('Root.index');
  });
});
