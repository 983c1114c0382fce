import { expect, it } from 'vitest';
import { splitPath } from '../../src/dispatch/split-path.js';

// §1.1: every slash starts a segment, so empty segments (a trailing slash, `a//b`) are kept.
it('splits a routing path into its segments, keeping empty ones', () => {
  expect(splitPath('')).toEqual([]);
  expect(splitPath('/')).toEqual(['']);
  expect(splitPath('/a')).toEqual(['a']);
  expect(splitPath('/a/')).toEqual(['a', '']);
  expect(splitPath('/a//b')).toEqual(['a', '', 'b']);
  expect(splitPath('//')).toEqual(['', '']);
  expect(splitPath('/deep/a/b/c/d/e/f')).toEqual(['deep', 'a', 'b', 'c', 'd', 'e', 'f']);
});
