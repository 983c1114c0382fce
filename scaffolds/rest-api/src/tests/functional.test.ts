import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadTestApp, resetGlobalConfig, type TestApp } from 'pecan/testing';

// The app, built from the test configuration, called in-process (no server).
const config = fileURLToPath(new URL('./config.js', import.meta.url));

describe('RootController', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await loadTestApp(config);
  });
  afterEach(() => resetGlobalConfig());

  it('lists the people', async () => {
    const response = await app.get('/people/');
    assert.equal(response.status, 200);
    assert.deepEqual(response.json, { 1: 'Luke', 2: 'Leia', 3: 'Han', 4: 'Anakin' });
  });

  it('gets one person', async () => {
    const response = await app.get('/people/1/');
    assert.equal(response.status, 200);
    assert.equal(response.text, 'Luke');
  });

  it('creates a person', async () => {
    const response = await app.post('/people/');
    assert.equal(response.status, 201);
  });

  it('updates a person', async () => {
    const response = await app.put('/people/1/');
    assert.equal(response.status, 204);
  });

  it('deletes a person', async () => {
    const response = await app.delete('/people/1/');
    assert.equal(response.status, 204);
  });

  it('answers errors in JSON', async () => {
    const response = await app.get('/missing/', { expectErrors: true });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.deepEqual(response.json, { reason: 'Not Found' });
  });

  it('keeps redirects: /people answers 302 to /people/', async () => {
    const response = await app.get('/people', { expectErrors: true });
    assert.equal(response.status, 302);
    assert.match(response.headers.get('location') ?? '', /\/people\/$/);
  });
});
