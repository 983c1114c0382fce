/**
 * Port of Python Pecan's pecan/tests/test_jsonify.py. Pecan's `encode(obj)` is `jsonify.encode`,
 * `@jsonify.when_type(T)` / `@jsonify.register(T)` is `jsonify.register(T, fn)`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, jsonify, makeApp } from '../../src/index.js';
import { quiet } from '../support/logger.js';

const { encode } = jsonify;
const loads = (text: string): unknown => JSON.parse(text);

function makePerson() {
  return class Person {
    constructor(
      public firstName: string,
      public lastName: string,
    ) {}

    get name(): string {
      return `${this.firstName} ${this.lastName}`;
    }
  };
}

const registered: Function[] = [];
function register<T>(type: abstract new (...args: never[]) => T, fn: (value: T) => unknown): void {
  jsonify.register(type, fn);
  registered.push(type);
}
afterEach(() => {
  for (const type of registered.splice(0)) jsonify.unregister(type);
});

describe('test_jsonify.py (module)', () => {
  it('test_simple_rule', () => {
    const Person = makePerson();

    // create a Person instance
    const p = new Person('Jonathan', 'LaCour');

    // register a generic JSON rule
    register(Person, (obj) => ({ name: obj.name }));

    // encode the object using our new rule
    const result = loads(encode(p)) as Record<string, unknown>;
    expect(result.name).toBe('Jonathan LaCour');
    expect(Object.keys(result)).toHaveLength(1);
  });
});

describeAdapters('test_jsonify.py TestJsonify', ({ client }) => {
  it('test_simple_jsonify', async () => {
    const Person = makePerson();

    // register a generic JSON rule
    register(Person, (obj) => ({ name: obj.name }));

    class RootController {
      @expose('json') index() {
        // create a Person instance
        return new Person('Jonathan', 'LaCour');
      }
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ name: 'Jonathan LaCour' });
  });
});

describe('test_jsonify.py TestJsonifyGenericEncoder', () => {
  it('test_json_callable', () => {
    class JsonCallable {
      constructor(public arg: string) {}

      __json__() {
        return { arg: this.arg };
      }
    }
    const result = encode(new JsonCallable('foo'));
    expect(loads(result)).toEqual({ arg: 'foo' });
  });

  it('test_datetime', () => {
    // JS has one date type; Python's separate `date` has no counterpart.
    const now = new Date();
    const result = encode(now);
    // DESIGN §4: Pecan gives str(datetime) ('2020-01-02 03:04:05.000006'); a Date is its ISO string
    expect(loads(result)).toBe(now.toISOString());
    expect(loads(encode({ at: new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6)) }))).toEqual({
      at: '2020-01-02T03:04:05.006Z',
    });
  });

  // Python's Decimal (a number type the standard JSON encoder refuses) has no JS counterpart;
  // the closest is BigInt, which JSON.stringify refuses too.
  it('test_decimal', () => {
    // DESIGN §4: Pecan encodes a Decimal as a float; a BigInt is encoded as its decimal string
    // (a float could lose precision)
    expect(loads(encode(12345678901234567890n))).toBe('12345678901234567890');
    expect(loads(encode({ n: 11n }))).toEqual({ n: '11' });
  });

  // WebOb's MultiDict (a mapping the standard JSON encoder refuses) has no JS counterpart; the
  // closest is a Map (JSON.stringify turns it into `{}`), holding a list per repeated key.
  it('test_multidict', () => {
    const md = new Map<string, string[]>();
    md.set('arg', ['foo']);
    md.get('arg')!.push('bar');
    const result = encode(md);
    expect(loads(result)).toEqual({ arg: ['foo', 'bar'] });
  });

  it('test_fallback_to_builtin_encoder', () => {
    class Foo {}
    // DESIGN §4: Pecan raises TypeError for an unknown object (and for a set); a class instance
    // encodes its own enumerable fields and a Set encodes as an array
    expect(encode(new Foo())).toBe('{}');
    class Bar {
      a = 1;
      b = new Set(['x', 'y']);
    }
    expect(loads(encode(new Bar()))).toEqual({ a: 1, b: ['x', 'y'] });
  });
});
