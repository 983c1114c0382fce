/**
 * Port of `pecan/tests/test_base.py` TestControllerArguments (required, single and multiple
 * positional arguments).
 * Every request goes through the root's `_route`, as in Pecan (fixtures/arguments-root.ts).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { makeApp } from '../../src/index.js';
import { quiet } from '../support/logger.js';
import { ArgumentsRoot } from './fixtures/arguments-root.js';

describeAdapters('test_base.py TestControllerArguments', ({ client }) => {
  const app = () => client(makeApp(new ArgumentsRoot(), { logger: quiet }));

  it('test_required_argument', async () => {
    const c = await app();
    const r = await c.get('/');
    // DESIGN §5.3: Pecan gives 500 (TypeError "index() missing 1 required positional argument: 'id'")
    expect(r.status).toBe(400);
    expect(r.text).toContain('Missing argument: "id"');
  });

  it('test_single_argument', async () => {
    const c = await app();
    const r = await c.get('/1');
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: 1');
  });

  it('test_single_argument_with_encoded_url', async () => {
    const c = await app();
    const r = await c.get('/This%20is%20a%20test%21');
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: This is a test!');
  });

  it('test_single_argument_with_plus', async () => {
    const c = await app();
    const r = await c.get('/foo+bar');
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: foo+bar');
  });

  it('test_single_argument_with_encoded_plus', async () => {
    const c = await app();
    const r = await c.get('/foo%2Bbar');
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: foo+bar');
  });

  it('test_two_arguments', async () => {
    const c = await app();
    const r = await c.get('/1/dummy');
    expect(r.status).toBe(404);
  });

  it('test_keyword_argument', async () => {
    const c = await app();
    const r = await c.get('/?id=2');
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: 2');
  });

  it('test_keyword_argument_with_encoded_url', async () => {
    const c = await app();
    const r = await c.get('/?id=This%20is%20a%20test%21');
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: This is a test!');
  });

  it('test_keyword_argument_with_plus', async () => {
    const c = await app();
    const r = await c.get('/?id=foo+bar');
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: foo bar');
  });

  it('test_keyword_argument_with_encoded_plus', async () => {
    const c = await app();
    const r = await c.get('/?id=foo%2Bbar');
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: foo+bar');
  });

  it('test_argument_and_keyword_argument', async () => {
    const c = await app();
    const r = await c.get('/3?id=three');
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: 3');
  });

  it('test_encoded_argument_and_keyword_argument', async () => {
    const c = await app();
    const r = await c.get('/This%20is%20a%20test%21?id=three');
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: This is a test!');
  });

  it('test_explicit_kwargs', async () => {
    const c = await app();
    const r = await c.post('/', { form: { id: '4' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: 4');
  });

  it('test_path_with_explicit_kwargs', async () => {
    const c = await app();
    const r = await c.post('/4', { form: { id: 'four' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: 4');
  });

  it('test_explicit_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/', { json: { id: '4' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: 4');
  });

  it('test_path_with_explicit_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/4', { json: { id: 'four' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: 4');
  });

  it('test_multiple_kwargs', async () => {
    const c = await app();
    const r = await c.get('/?id=5&dummy=dummy');
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: 5');
  });

  it('test_kwargs_from_root', async () => {
    const c = await app();
    const r = await c.post('/', { form: { id: '6', dummy: 'dummy' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: 6');
  });

  it('test_json_kwargs_from_root', async () => {
    const c = await app();
    const r = await c.post('/', { json: { id: '6', dummy: 'dummy' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('index: 6');
  });

  it('test_multiple_positional_arguments', async () => {
    const c = await app();
    const r = await c.get('/multiple/one/two');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple: one, two');
  });

  it('test_multiple_positional_arguments_with_url_encode', async () => {
    const c = await app();
    const r = await c.get('/multiple/One%20/Two%21');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple: One , Two!');
  });

  it('test_multiple_positional_arguments_with_kwargs', async () => {
    const c = await app();
    const r = await c.get('/multiple?one=three&two=four');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple: three, four');
  });

  it('test_multiple_positional_arguments_with_url_encoded_kwargs', async () => {
    const c = await app();
    const r = await c.get('/multiple?one=Three%20&two=Four%20%21');
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple: Three , Four !');
  });

  it('test_positional_args_with_dictionary_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple', { form: { one: 'five', two: 'six' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple: five, six');
  });

  it('test_positional_args_with_json_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple', { json: { one: 'five', two: 'six' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple: five, six');
  });

  it('test_positional_args_with_url_encoded_dictionary_kwargs', async () => {
    const c = await app();
    const r = await c.post('/multiple', { form: { one: 'Five%20', two: 'Six%20%21' } });
    expect(r.status).toBe(200);
    expect(r.text).toBe('multiple: Five%20, Six%20%21');
  });
});
