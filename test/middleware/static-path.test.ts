import { expect, it } from 'vitest';
import { staticSegments } from '../../src/middleware/static-path.js';

it('decodes plain segments and drops empty ones (as Pecan)', () => {
  expect(staticSegments('/css/site.css')).toEqual(['css', 'site.css']);
  expect(staticSegments('//a///b/')).toEqual(['a', 'b']);
  expect(staticSegments('/')).toEqual([]);
  expect(staticSegments('/caf%C3%A9%20menu.txt')).toEqual(['café menu.txt']);
  expect(staticSegments('/a..b/.hidden/...')).toEqual(['a..b', '.hidden', '...']);
});

it.each([
  '/../a',
  '/a/..',
  '/./a',
  '/%2e%2e/a',
  '/%2E%2e/a',
  '/%2e/a',
  '/a%2fb',
  '/a%2Fb',
  '/a%5cb',
  '/a\\b',
  '/a%00',
  '/%ff',
  '/%e0%a4%a',
])('refuses %s', (path) => {
  expect(staticSegments(path)).toBeNull();
});
