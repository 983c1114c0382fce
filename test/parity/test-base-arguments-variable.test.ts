/**
 * Port of `pecan/tests/test_base.py` TestControllerArguments (variable arguments and remainders).
 * Every request goes through the root's `_route`, as in Pecan (fixtures/arguments-root.ts).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { makeApp } from '../../src/index.js';
import { quiet } from '../support/logger.js';
import { ArgumentsRoot } from './fixtures/arguments-root.js';

describeAdapters('test_base.py TestControllerArguments', ({ client }) => {
  const app = () => client(makeApp(new ArgumentsRoot(), { logger: quiet }));

  it('test_variable_args', async () => {
    const c = await app();
    const r = await c.get('/variable_args');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_args: ');
  });

  it('test_multiple_variable_args', async () => {
    const c = await app();
    const r = await c.get('/variable_args/1/dummy');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_args: 1, dummy');
  });

  it('test_multiple_encoded_variable_args', async () => {
    const c = await app();
    const r = await c.get('/variable_args/Testing%20One%20Two/Three%21');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_args: Testing One Two, Three!');
  });

  it('test_variable_args_with_kwargs', async () => {
    const c = await app();
    const r = await c.get('/variable_args?id=2&dummy=dummy');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_args: ');
  });

  it('test_variable_args_with_dict_kwargs', async () => {
    const c = await app();
    const r = await c.post('/variable_args', { form: { id: '3', dummy: 'dummy' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_args: ');
  });

  it('test_variable_args_with_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/variable_args', { json: { id: '3', dummy: 'dummy' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_args: ');
  });

  it('test_variable_kwargs', async () => {
    const c = await app();
    const r = await c.get('/variable_kwargs');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_kwargs: ');
  });

  it('test_multiple_variable_kwargs', async () => {
    const c = await app();
    const r = await c.get('/variable_kwargs/1/dummy');
    expect(r.status).toBe(404);
  });

  it('test_multiple_variable_kwargs_with_explicit_kwargs', async () => {
    const c = await app();
    const r = await c.get('/variable_kwargs?id=2&dummy=dummy');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_kwargs: dummy=dummy, id=2');
  });

  it('test_multiple_variable_kwargs_with_explicit_encoded_kwargs', async () => {
    const c = await app();
    const r = await c.get('/variable_kwargs?id=Two%21&dummy=This%20is%20a%20test');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_kwargs: dummy=This is a test, id=Two!');
  });

  it('test_multiple_variable_kwargs_with_dict_kwargs', async () => {
    const c = await app();
    const r = await c.post('/variable_kwargs', { form: { id: '3', dummy: 'dummy' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_kwargs: dummy=dummy, id=3');
  });

  it('test_multiple_variable_kwargs_with_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/variable_kwargs', { json: { id: '3', dummy: 'dummy' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_kwargs: dummy=dummy, id=3');
  });

  it('test_multiple_variable_kwargs_with_encoded_dict_kwargs', async () => {
    const c = await app();
    const r = await c.post('/variable_kwargs', {
      form: { id: 'Three%21', dummy: 'This%20is%20a%20test' },
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_kwargs: dummy=This%20is%20a%20test, id=Three%21');
  });

  it('test_variable_all', async () => {
    const c = await app();
    const r = await c.get('/variable_all');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_all: ');
  });

  it('test_variable_all_with_one_extra', async () => {
    const c = await app();
    const r = await c.get('/variable_all/1');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_all: 1');
  });

  it('test_variable_all_with_two_extras', async () => {
    const c = await app();
    const r = await c.get('/variable_all/2/dummy');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_all: 2, dummy');
  });

  it('test_variable_mixed', async () => {
    const c = await app();
    const r = await c.get('/variable_all/3?month=1&day=12');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_all: 3, day=12, month=1');
  });

  it('test_variable_mixed_explicit', async () => {
    const c = await app();
    const r = await c.get('/variable_all/4?id=four&month=1&day=12');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_all: 4, day=12, id=four, month=1');
  });

  it('test_variable_post', async () => {
    const c = await app();
    const r = await c.post('/variable_all/5/dummy');
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_all: 5, dummy');
  });

  it('test_variable_post_with_kwargs', async () => {
    const c = await app();
    const r = await c.post('/variable_all/6', { form: { month: '1', day: '12' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_all: 6, day=12, month=1');
  });

  it('test_variable_post_with_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/variable_all/6', { json: { month: '1', day: '12' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_all: 6, day=12, month=1');
  });

  it('test_variable_post_mixed', async () => {
    const c = await app();
    const r = await c.post('/variable_all/7', { form: { id: 'seven', month: '1', day: '12' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_all: 7, day=12, id=seven, month=1');
  });

  it('test_variable_post_mixed_with_json', async () => {
    const c = await app();
    const r = await c.post('/variable_all/7', { json: { id: 'seven', month: '1', day: '12' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('variable_all: 7, day=12, id=seven, month=1');
  });

  it('test_duplicate_query_parameters_GET', async () => {
    const c = await app();
    const r = await c.get('/variable_kwargs?list=1&list=2');
    expect(r.status).toBe(200);
    expect(r.text).toBe("variable_kwargs: list=['1', '2']");
  });

  it('test_duplicate_query_parameters_POST', async () => {
    const c = await app();
    const r = await c.post('/variable_kwargs', { form: { list: ['1', '2'] } });
    expect(r.status).toBe(200);
    expect(r.text).toBe("variable_kwargs: list=['1', '2']");
  });

  it('test_duplicate_query_parameters_POST_mixed', async () => {
    const c = await app();
    const r = await c.post('/variable_kwargs?list=1&list=2', { form: { list: ['3', '4'] } });
    expect(r.status).toBe(200);
    expect(r.text).toBe("variable_kwargs: list=['1', '2', '3', '4']");
  });

  it('test_duplicate_query_parameters_POST_mixed_json', async () => {
    const c = await app();
    // Pecan posts the int 3; WebTest form-encodes it as '3'.
    const r = await c.post('/variable_kwargs?list=1&list=2', { form: { list: '3' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe("variable_kwargs: list=['1', '2', '3']");
  });

  it('test_staticmethod', async () => {
    const c = await app();
    const r = await c.get('/static/foobar');
    expect(r.status).toBe(200);
    expect(r.text).toBe('id is foobar');
  });

  it('test_no_remainder', async () => {
    const c = await app();
    const r = await c.get('/eater');
    // DESIGN §5.3: Pecan gives 500 (TypeError "eater() missing 1 required positional argument: 'id'")
    expect(r.status).toBe(400);
    expect(r.text).toContain('Missing argument: "id"');
  });

  it('test_one_remainder', async () => {
    const c = await app();
    const r = await c.get('/eater/1');
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 1, None, ');
  });

  it('test_two_remainders', async () => {
    const c = await app();
    const r = await c.get('/eater/2/dummy');
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 2, dummy, ');
  });

  it('test_many_remainders', async () => {
    const c = await app();
    const r = await c.get('/eater/3/dummy/foo/bar');
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 3, dummy, foo, bar');
  });

  it('test_remainder_with_kwargs', async () => {
    const c = await app();
    const r = await c.get('/eater/4?month=1&day=12');
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 4, None, day=12, month=1');
  });

  it('test_remainder_with_many_kwargs', async () => {
    const c = await app();
    const r = await c.get('/eater/5?id=five&month=1&day=12&dummy=dummy');
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 5, dummy, day=12, month=1');
  });

  it('test_post_remainder', async () => {
    const c = await app();
    const r = await c.post('/eater/6');
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 6, None, ');
  });

  it('test_post_three_remainders', async () => {
    const c = await app();
    const r = await c.post('/eater/7/dummy');
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 7, dummy, ');
  });

  it('test_post_many_remainders', async () => {
    const c = await app();
    const r = await c.post('/eater/8/dummy/foo/bar');
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 8, dummy, foo, bar');
  });

  it('test_post_remainder_with_kwargs', async () => {
    const c = await app();
    const r = await c.post('/eater/9', { form: { month: '1', day: '12' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 9, None, day=12, month=1');
  });

  it('test_post_empty_remainder_with_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/eater/9/', { json: { month: '1', day: '12' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 9, None, day=12, month=1');
  });

  it('test_post_remainder_with_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/eater/9', { json: { month: '1', day: '12' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 9, None, day=12, month=1');
  });

  it('test_post_many_remainders_with_many_kwargs', async () => {
    const c = await app();
    const r = await c.post('/eater/10', {
      form: { id: 'ten', month: '1', day: '12', dummy: 'dummy' },
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 10, dummy, day=12, month=1');
  });

  it('test_post_many_remainders_with_many_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/eater/10', {
      json: { id: 'ten', month: '1', day: '12', dummy: 'dummy' },
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('eater: 10, dummy, day=12, month=1');
  });
});
