import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

// Unit tests of your own code (models, helpers) go here.
describe('units', () => {
  it('multiplies', () => {
    assert.equal(5 * 5, 25);
  });
});
