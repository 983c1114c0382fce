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

  it('serves the home page', async () => {
    const response = await app.get('/');
    assert.equal(response.status, 200);
    assert.match(response.text, /<form method="POST" action="\/">/);
  });

  it('sends a search to the documentation', async () => {
    const response = await app.post('/', { params: { q: 'RestController' } });
    assert.equal(response.status, 302);
    assert.equal(
      response.headers.get('location'),
      'https://pecan.readthedocs.io/en/latest/search.html?q=RestController',
    );
  });

  it('answers 404 with the error page', async () => {
    const response = await app.get('/a/bogus/url', { expectErrors: true });
    assert.equal(response.status, 404);
    assert.match(response.text, /Error 404/);
  });

  it('serves the static files', async () => {
    const response = await app.get('/css/style.css');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/css/);
  });
});
