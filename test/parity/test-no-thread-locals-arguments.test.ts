/**
 * Port of Python Pecan's pecan/tests/test_no_thread_locals.py TestControllerArguments: argument
 * binding in explicit mode (`contextLocals: false`), where every controller takes (req, res)
 * first and every request goes through the root's `_route`.
 */
import { expect, it } from 'vitest';
import { describeAdapters, type TestResponse } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { expose, makeApp, type PecanRequest, type PecanResponse } from '../../src/index.js';

/** Python's `str()` of an argument: `None` for a missing one. */
const py = (value: unknown): string =>
  value === null || value === undefined ? 'None' : String(value);

/** Python's `['%s=%s' % (key, kwargs[key]) for key in sorted(kwargs.keys())]`. */
const pairs = (kwargs: Record<string, unknown>): string[] =>
  Object.keys(kwargs)
    .sort()
    .map((key) => `${key}=${py(kwargs[key])}`);

class RootController {
  @expose() index(_req: PecanRequest, _res: PecanResponse, id: string) {
    return `index: ${id}`;
  }

  @expose() multiple(_req: PecanRequest, _res: PecanResponse, one: string, two: string) {
    return `multiple: ${one}, ${two}`;
  }

  @expose() optional(_req: PecanRequest, _res: PecanResponse, id: string | null = null) {
    return `optional: ${py(id)}`;
  }

  @expose() multiple_optional(
    _req: PecanRequest,
    _res: PecanResponse,
    one: string | null = null,
    two: string | null = null,
    three: string | null = null,
  ) {
    return `multiple_optional: ${py(one)}, ${py(two)}, ${py(three)}`;
  }

  @expose() variable_args(_req: PecanRequest, _res: PecanResponse, ...args: string[]) {
    return `variable_args: ${args.join(', ')}`;
  }

  @expose() variable_kwargs(
    _req: PecanRequest,
    _res: PecanResponse,
    { ...kwargs }: Record<string, unknown>,
  ) {
    return `variable_kwargs: ${pairs(kwargs).join(', ')}`;
  }

  @expose() variable_all(
    _req: PecanRequest,
    _res: PecanResponse,
    { ...kwargs }: Record<string, unknown>,
    ...args: string[]
  ) {
    return `variable_all: ${[...args, ...pairs(kwargs)].join(', ')}`;
  }

  @expose() eater(
    _req: PecanRequest,
    _res: PecanResponse,
    id: string,
    dummy: string | null = null,
    { ...kwargs }: Record<string, unknown>,
    ...args: string[]
  ) {
    return `eater: ${id}, ${py(dummy)}, ${[...args, ...pairs(kwargs)].join(', ')}`;
  }

  @expose() _route(args: string[], _request: PecanRequest) {
    const name = args[0] ?? '';
    const self = this as unknown as Record<string, unknown>;
    if (name in self) return [self[name], args.slice(1)];
    return [this.index, args];
  }
}

describeAdapters('test_no_thread_locals.py TestControllerArguments', ({ client }) => {
  const app = () => client(makeApp(new RootController(), { contextLocals: false, logger: quiet }));
  const get = async (path: string) => (await app()).get(path);
  const post = async (path: string, form?: Record<string, string>) =>
    (await app()).post(path, form === undefined ? {} : { form });

  async function ok(pending: Promise<TestResponse>, body: string): Promise<void> {
    const r = await pending;
    expect(r.status).toBe(200);
    expect(r.text).toBe(body);
  }

  async function notFound(pending: Promise<TestResponse>): Promise<void> {
    expect((await pending).status).toBe(404);
  }

  it('test_required_argument', async () => {
    const r = await get('/');
    // DESIGN §5.3: Pecan gives 500 (TypeError "index() missing 1 required positional argument")
    expect(r.status).toBe(400);
    expect(r.text).toContain('Missing argument: "id"');
  });

  it('test_single_argument', () => ok(get('/1'), 'index: 1'));
  it('test_single_argument_with_encoded_url', () =>
    ok(get('/This%20is%20a%20test%21'), 'index: This is a test!'));
  it('test_two_arguments', () => notFound(get('/1/dummy')));
  it('test_keyword_argument', () => ok(get('/?id=2'), 'index: 2'));
  it('test_keyword_argument_with_encoded_url', () =>
    ok(get('/?id=This%20is%20a%20test%21'), 'index: This is a test!'));
  it('test_argument_and_keyword_argument', () => ok(get('/3?id=three'), 'index: 3'));
  it('test_encoded_argument_and_keyword_argument', () =>
    ok(get('/This%20is%20a%20test%21?id=three'), 'index: This is a test!'));
  it('test_explicit_kwargs', () => ok(post('/', { id: '4' }), 'index: 4'));
  it('test_path_with_explicit_kwargs', () => ok(post('/4', { id: 'four' }), 'index: 4'));
  it('test_multiple_kwargs', () => ok(get('/?id=5&dummy=dummy'), 'index: 5'));
  it('test_kwargs_from_root', () => ok(post('/', { id: '6', dummy: 'dummy' }), 'index: 6'));

  // multiple args
  it('test_multiple_positional_arguments', () =>
    ok(get('/multiple/one/two'), 'multiple: one, two'));
  it('test_multiple_positional_arguments_with_url_encode', () =>
    ok(get('/multiple/One%20/Two%21'), 'multiple: One , Two!'));
  it('test_multiple_positional_arguments_with_kwargs', () =>
    ok(get('/multiple?one=three&two=four'), 'multiple: three, four'));
  it('test_multiple_positional_arguments_with_url_encoded_kwargs', () =>
    ok(get('/multiple?one=Three%20&two=Four%20%21'), 'multiple: Three , Four !'));
  it('test_positional_args_with_dictionary_kwargs', () =>
    ok(post('/multiple', { one: 'five', two: 'six' }), 'multiple: five, six'));
  it('test_positional_args_with_url_encoded_dictionary_kwargs', () =>
    ok(post('/multiple', { one: 'Five%20', two: 'Six%20%21' }), 'multiple: Five%20, Six%20%21'));

  // optional arg
  it('test_optional_arg', () => ok(get('/optional'), 'optional: None'));
  it('test_multiple_optional', () => ok(get('/optional/1'), 'optional: 1'));
  it('test_multiple_optional_url_encoded', () =>
    ok(get('/optional/Some%20Number'), 'optional: Some Number'));
  it('test_multiple_optional_missing', () => notFound(get('/optional/2/dummy')));
  it('test_multiple_with_kwargs', () => ok(get('/optional?id=2'), 'optional: 2'));
  it('test_multiple_with_url_encoded_kwargs', () =>
    ok(get('/optional?id=Some%20Number'), 'optional: Some Number'));
  it('test_multiple_args_with_url_encoded_kwargs', () =>
    ok(get('/optional/3?id=three'), 'optional: 3'));
  it('test_url_encoded_positional_args', () =>
    ok(get('/optional/Some%20Number?id=three'), 'optional: Some Number'));
  it('test_optional_arg_with_kwargs', () => ok(post('/optional', { id: '4' }), 'optional: 4'));
  it('test_optional_arg_with_url_encoded_kwargs', () =>
    ok(post('/optional', { id: 'Some%20Number' }), 'optional: Some%20Number'));
  it('test_multiple_positional_arguments_with_dictionary_kwargs', () =>
    ok(post('/optional/5', { id: 'five' }), 'optional: 5'));
  it('test_multiple_positional_url_encoded_arguments_with_kwargs', () =>
    ok(post('/optional/Some%20Number', { id: 'five' }), 'optional: Some Number'));
  it('test_optional_arg_with_multiple_kwargs', () =>
    ok(get('/optional?id=6&dummy=dummy'), 'optional: 6'));
  it('test_optional_arg_with_multiple_url_encoded_kwargs', () =>
    ok(get('/optional?id=Some%20Number&dummy=dummy'), 'optional: Some Number'));
  it('test_optional_arg_with_multiple_dictionary_kwargs', () =>
    ok(post('/optional', { id: '7', dummy: 'dummy' }), 'optional: 7'));
  it('test_optional_arg_with_multiple_url_encoded_dictionary_kwargs', () =>
    ok(post('/optional', { id: 'Some%20Number', dummy: 'dummy' }), 'optional: Some%20Number'));

  // multiple optional args
  it('test_multiple_optional_positional_args', () =>
    ok(get('/multiple_optional'), 'multiple_optional: None, None, None'));
  it('test_multiple_optional_positional_args_one_arg', () =>
    ok(get('/multiple_optional/1'), 'multiple_optional: 1, None, None'));
  it('test_multiple_optional_positional_args_one_url_encoded_arg', () =>
    ok(get('/multiple_optional/One%21'), 'multiple_optional: One!, None, None'));
  it('test_multiple_optional_positional_args_all_args', () =>
    ok(get('/multiple_optional/1/2/3'), 'multiple_optional: 1, 2, 3'));
  it('test_multiple_optional_positional_args_all_url_encoded_args', () =>
    ok(get('/multiple_optional/One%21/Two%21/Three%21'), 'multiple_optional: One!, Two!, Three!'));
  it('test_multiple_optional_positional_args_too_many_args', () =>
    notFound(get('/multiple_optional/1/2/3/dummy')));
  it('test_multiple_optional_positional_args_with_kwargs', () =>
    ok(get('/multiple_optional?one=1'), 'multiple_optional: 1, None, None'));
  it('test_multiple_optional_positional_args_with_url_encoded_kwargs', () =>
    ok(get('/multiple_optional?one=One%21'), 'multiple_optional: One!, None, None'));
  it('test_multiple_optional_positional_args_with_string_kwargs', () =>
    ok(get('/multiple_optional/1?one=one'), 'multiple_optional: 1, None, None'));
  it('test_multiple_optional_positional_args_with_encoded_str_kwargs', () =>
    ok(get('/multiple_optional/One%21?one=one'), 'multiple_optional: One!, None, None'));
  it('test_multiple_optional_positional_args_with_dict_kwargs', () =>
    ok(post('/multiple_optional', { one: '1' }), 'multiple_optional: 1, None, None'));
  it('test_multiple_optional_positional_args_with_encoded_dict_kwargs', () =>
    ok(post('/multiple_optional', { one: 'One%21' }), 'multiple_optional: One%21, None, None'));
  it('test_multiple_optional_positional_args_and_dict_kwargs', () =>
    ok(post('/multiple_optional/1', { one: 'one' }), 'multiple_optional: 1, None, None'));
  it('test_multiple_optional_encoded_positional_args_and_dict_kwargs', () =>
    ok(post('/multiple_optional/One%21', { one: 'one' }), 'multiple_optional: One!, None, None'));
  it('test_multiple_optional_args_with_multiple_kwargs', () =>
    ok(get('/multiple_optional?one=1&two=2&three=3&four=4'), 'multiple_optional: 1, 2, 3'));
  it('test_multiple_optional_args_with_multiple_encoded_kwargs', () =>
    ok(
      get('/multiple_optional?one=One%21&two=Two%21&three=Three%21&four=4'),
      'multiple_optional: One!, Two!, Three!',
    ));
  it('test_multiple_optional_args_with_multiple_dict_kwargs', () =>
    ok(
      post('/multiple_optional', { one: '1', two: '2', three: '3', four: '4' }),
      'multiple_optional: 1, 2, 3',
    ));
  it('test_multiple_optional_args_with_multiple_encoded_dict_kwargs', () =>
    ok(
      post('/multiple_optional', { one: 'One%21', two: 'Two%21', three: 'Three%21', four: '4' }),
      'multiple_optional: One%21, Two%21, Three%21',
    ));
  it('test_multiple_optional_args_with_last_kwarg', () =>
    ok(get('/multiple_optional?three=3'), 'multiple_optional: None, None, 3'));
  it('test_multiple_optional_args_with_last_encoded_kwarg', () =>
    ok(get('/multiple_optional?three=Three%21'), 'multiple_optional: None, None, Three!'));
  it('test_multiple_optional_args_with_middle_arg', () =>
    ok(get('/multiple_optional?two=2'), 'multiple_optional: None, 2, None'));

  // variable args
  it('test_variable_args', () => ok(get('/variable_args'), 'variable_args: '));
  it('test_multiple_variable_args', () =>
    ok(get('/variable_args/1/dummy'), 'variable_args: 1, dummy'));
  it('test_multiple_encoded_variable_args', () =>
    ok(
      get('/variable_args/Testing%20One%20Two/Three%21'),
      'variable_args: Testing One Two, Three!',
    ));
  it('test_variable_args_with_kwargs', () =>
    ok(get('/variable_args?id=2&dummy=dummy'), 'variable_args: '));
  it('test_variable_args_with_dict_kwargs', () =>
    ok(post('/variable_args', { id: '3', dummy: 'dummy' }), 'variable_args: '));

  // variable kwargs
  it('test_variable_kwargs', () => ok(get('/variable_kwargs'), 'variable_kwargs: '));
  it('test_multiple_variable_kwargs', () => notFound(get('/variable_kwargs/1/dummy')));
  it('test_multiple_variable_kwargs_with_explicit_kwargs', () =>
    ok(get('/variable_kwargs?id=2&dummy=dummy'), 'variable_kwargs: dummy=dummy, id=2'));
  it('test_multiple_variable_kwargs_with_explicit_encoded_kwargs', () =>
    ok(
      get('/variable_kwargs?id=Two%21&dummy=This%20is%20a%20test'),
      'variable_kwargs: dummy=This is a test, id=Two!',
    ));
  it('test_multiple_variable_kwargs_with_dict_kwargs', () =>
    ok(
      post('/variable_kwargs', { id: '3', dummy: 'dummy' }),
      'variable_kwargs: dummy=dummy, id=3',
    ));
  it('test_multiple_variable_kwargs_with_encoded_dict_kwargs', () =>
    ok(
      post('/variable_kwargs', { id: 'Three%21', dummy: 'This%20is%20a%20test' }),
      'variable_kwargs: dummy=This%20is%20a%20test, id=Three%21',
    ));

  // variable args and kwargs
  it('test_variable_all', () => ok(get('/variable_all'), 'variable_all: '));
  it('test_variable_all_with_one_extra', () => ok(get('/variable_all/1'), 'variable_all: 1'));
  it('test_variable_all_with_two_extras', () =>
    ok(get('/variable_all/2/dummy'), 'variable_all: 2, dummy'));
  it('test_variable_mixed', () =>
    ok(get('/variable_all/3?month=1&day=12'), 'variable_all: 3, day=12, month=1'));
  it('test_variable_mixed_explicit', () =>
    ok(get('/variable_all/4?id=four&month=1&day=12'), 'variable_all: 4, day=12, id=four, month=1'));
  it('test_variable_post', () => ok(post('/variable_all/5/dummy'), 'variable_all: 5, dummy'));
  it('test_variable_post_with_kwargs', () =>
    ok(post('/variable_all/6', { month: '1', day: '12' }), 'variable_all: 6, day=12, month=1'));
  it('test_variable_post_mixed', () =>
    ok(
      post('/variable_all/7', { id: 'seven', month: '1', day: '12' }),
      'variable_all: 7, day=12, id=seven, month=1',
    ));

  // positional, optional, variable args and kwargs together
  it('test_no_remainder', async () => {
    const r = await get('/eater');
    // DESIGN §5.3: Pecan gives 500 (TypeError "eater() missing 1 required positional argument")
    expect(r.status).toBe(400);
    expect(r.text).toContain('Missing argument: "id"');
  });

  it('test_one_remainder', () => ok(get('/eater/1'), 'eater: 1, None, '));
  it('test_two_remainders', () => ok(get('/eater/2/dummy'), 'eater: 2, dummy, '));
  it('test_many_remainders', () => ok(get('/eater/3/dummy/foo/bar'), 'eater: 3, dummy, foo, bar'));
  it('test_remainder_with_kwargs', () =>
    ok(get('/eater/4?month=1&day=12'), 'eater: 4, None, day=12, month=1'));
  it('test_remainder_with_many_kwargs', () =>
    ok(get('/eater/5?id=five&month=1&day=12&dummy=dummy'), 'eater: 5, dummy, day=12, month=1'));
  it('test_post_remainder', () => ok(post('/eater/6'), 'eater: 6, None, '));
  it('test_post_three_remainders', () => ok(post('/eater/7/dummy'), 'eater: 7, dummy, '));
  it('test_post_many_remainders', () =>
    ok(post('/eater/8/dummy/foo/bar'), 'eater: 8, dummy, foo, bar'));
  it('test_post_remainder_with_kwargs', () =>
    ok(post('/eater/9', { month: '1', day: '12' }), 'eater: 9, None, day=12, month=1'));
  it('test_post_many_remainders_with_many_kwargs', () =>
    ok(
      post('/eater/10', { id: 'ten', month: '1', day: '12', dummy: 'dummy' }),
      'eater: 10, dummy, day=12, month=1',
    ));
});
