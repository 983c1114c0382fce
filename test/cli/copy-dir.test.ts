import { describe, expect, it } from 'vitest';
import { renderTemplate, substituteFilename } from '../../src/cli/create/copy-dir.js';

// The rules of Python's string.Template.substitute, which Pecan's `_tmpl` files follow (§12.2).
describe('renderTemplate', () => {
  const vars = { package: 'blog' };

  it('fills ${name} and $name', () => {
    expect(renderTemplate('name: ${package}, again: $package.', vars)).toBe(
      'name: blog, again: blog.',
    );
  });

  it('reads $$ as a dollar sign', () => {
    expect(renderTemplate('costs $$5 in ${package}', vars)).toBe('costs $5 in blog');
  });

  it('names the file and line of an unknown variable', () => {
    expect(() => renderTemplate('one\ntwo ${missing}', vars, 'x_tmpl')).toThrow(
      'x_tmpl:2: no value for ${missing}',
    );
  });

  it('refuses a lone dollar sign', () => {
    expect(() => renderTemplate('price: $ 5', vars, 'y_tmpl')).toThrow(
      'y_tmpl:1: invalid placeholder "$"',
    );
  });
});

describe('substituteFilename', () => {
  it('replaces every +name+ of a known variable and leaves other pluses', () => {
    expect(substituteFilename('+package+_+package+.c++', { package: 'blog' })).toBe(
      'blog_blog.c++',
    );
  });
});
