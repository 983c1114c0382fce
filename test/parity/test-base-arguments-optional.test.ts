/**
 * Port of `pecan/tests/test_base.py` TestControllerArguments (optional arguments).
 * Every request goes through the root's `_route`, as in Pecan (fixtures/arguments-root.ts).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { makeApp } from '../../src/index.js';
import { quiet } from '../support/logger.js';
import { ArgumentsRoot } from './fixtures/arguments-root.js';

describeAdapters('test_base.py TestControllerArguments', ({ client }) => {
  const app = () => client(makeApp(new ArgumentsRoot(), { logger: quiet }));

  it('test_optional_arg', async () => {
    const c = await app();
    const r = await c.get('/optional');
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: None');
  });

  it('test_multiple_optional', async () => {
    const c = await app();
    const r = await c.get('/optional/1');
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: 1');
  });

  it('test_multiple_optional_url_encoded', async () => {
    const c = await app();
    const r = await c.get('/optional/Some%20Number');
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: Some Number');
  });

  it('test_multiple_optional_missing', async () => {
    const c = await app();
    const r = await c.get('/optional/2/dummy');
    expect(r.status).toBe(404);
  });

  it('test_multiple_with_kwargs', async () => {
    const c = await app();
    const r = await c.get('/optional?id=2');
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: 2');
  });

  it('test_multiple_with_url_encoded_kwargs', async () => {
    const c = await app();
    const r = await c.get('/optional?id=Some%20Number');
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: Some Number');
  });

  it('test_multiple_args_with_url_encoded_kwargs', async () => {
    const c = await app();
    const r = await c.get('/optional/3?id=three');
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: 3');
  });

  it('test_url_encoded_positional_args', async () => {
    const c = await app();
    const r = await c.get('/optional/Some%20Number?id=three');
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: Some Number');
  });

  it('test_optional_arg_with_kwargs', async () => {
    const c = await app();
    const r = await c.post('/optional', { form: { id: '4' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: 4');
  });

  it('test_optional_arg_with_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/optional', { json: { id: '4' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: 4');
  });

  it('test_optional_arg_with_url_encoded_kwargs', async () => {
    const c = await app();
    const r = await c.post('/optional', { form: { id: 'Some%20Number' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: Some%20Number');
  });

  it('test_multiple_positional_arguments_with_dictionary_kwargs', async () => {
    const c = await app();
    const r = await c.post('/optional/5', { form: { id: 'five' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: 5');
  });

  it('test_multiple_positional_arguments_with_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/optional/5', { json: { id: 'five' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: 5');
  });

  it('test_multiple_positional_url_encoded_arguments_with_kwargs', async () => {
    const c = await app();
    const r = await c.post('/optional/Some%20Number', { form: { id: 'five' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: Some Number');
  });

  it('test_optional_arg_with_multiple_kwargs', async () => {
    const c = await app();
    const r = await c.get('/optional?id=6&dummy=dummy');
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: 6');
  });

  it('test_optional_arg_with_multiple_url_encoded_kwargs', async () => {
    const c = await app();
    const r = await c.get('/optional?id=Some%20Number&dummy=dummy');
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: Some Number');
  });

  it('test_optional_arg_with_multiple_dictionary_kwargs', async () => {
    const c = await app();
    const r = await c.post('/optional', { form: { id: '7', dummy: 'dummy' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: 7');
  });

  it('test_optional_arg_with_multiple_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/optional', { json: { id: '7', dummy: 'dummy' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: 7');
  });

  it('test_optional_arg_with_multiple_url_encoded_dictionary_kwargs', async () => {
    const c = await app();
    const r = await c.post('/optional', { form: { id: 'Some%20Number', dummy: 'dummy' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('optional: Some%20Number');
  });

  it('test_multiple_optional_positional_args', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: None, None, None');
  });

  it('test_multiple_optional_positional_args_one_arg', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional/1');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: 1, None, None');
  });

  it('test_multiple_optional_positional_args_one_url_encoded_arg', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional/One%21');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: One!, None, None');
  });

  it('test_multiple_optional_positional_args_all_args', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional/1/2/3');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: 1, 2, 3');
  });

  it('test_multiple_optional_positional_args_all_url_encoded_args', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional/One%21/Two%21/Three%21');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: One!, Two!, Three!');
  });

  it('test_multiple_optional_positional_args_too_many_args', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional/1/2/3/dummy');
    expect(r.status).toBe(404);
  });

  it('test_multiple_optional_positional_args_with_kwargs', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional?one=1');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: 1, None, None');
  });

  it('test_multiple_optional_positional_args_with_url_encoded_kwargs', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional?one=One%21');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: One!, None, None');
  });

  it('test_multiple_optional_positional_args_with_string_kwargs', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional/1?one=one');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: 1, None, None');
  });

  it('test_multiple_optional_positional_args_with_encoded_str_kwargs', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional/One%21?one=one');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: One!, None, None');
  });

  it('test_multiple_optional_positional_args_with_dict_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple_optional', { form: { one: '1' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: 1, None, None');
  });

  it('test_multiple_optional_positional_args_with_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple_optional', { json: { one: '1' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: 1, None, None');
  });

  it('test_multiple_optional_positional_args_with_encoded_dict_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple_optional', { form: { one: 'One%21' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: One%21, None, None');
  });

  it('test_multiple_optional_positional_args_and_dict_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple_optional/1', { form: { one: 'one' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: 1, None, None');
  });

  it('test_multiple_optional_positional_args_and_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple_optional/1', { json: { one: 'one' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: 1, None, None');
  });

  it('test_multiple_optional_encoded_positional_args_and_dict_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple_optional/One%21', { form: { one: 'one' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: One!, None, None');
  });

  it('test_multiple_optional_args_with_multiple_kwargs', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional?one=1&two=2&three=3&four=4');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: 1, 2, 3');
  });

  it('test_multiple_optional_args_with_multiple_encoded_kwargs', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional?one=One%21&two=Two%21&three=Three%21&four=4');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: One!, Two!, Three!');
  });

  it('test_multiple_optional_args_with_multiple_dict_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple_optional', {
      form: { one: '1', two: '2', three: '3', four: '4' },
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: 1, 2, 3');
  });

  it('test_multiple_optional_args_with_multiple_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple_optional', {
      json: { one: '1', two: '2', three: '3', four: '4' },
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: 1, 2, 3');
  });

  it('test_multiple_optional_args_with_multiple_encoded_dict_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple_optional', {
      form: { one: 'One%21', two: 'Two%21', three: 'Three%21', four: '4' },
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: One%21, Two%21, Three%21');
  });

  it('test_multiple_optional_args_with_last_kwarg', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional?three=3');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: None, None, 3');
  });

  it('test_multiple_optional_args_with_last_encoded_kwarg', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional?three=Three%21');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: None, None, Three!');
  });

  it('test_multiple_optional_args_with_middle_arg', async () => {
    const c = await app();
    const r = await c.get('/multiple_optional?two=2');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple_optional: None, 2, None');
  });
});
