import { describe, it, expect } from 'vitest';
import { splitExtension, typeForExtension } from '../../src/core/mime.js';

describe('typeForExtension', () => {
  it.each([
    ['html', 'text/html'],
    ['htm', 'text/html'],
    ['txt', 'text/plain'],
    ['json', 'application/json'],
    ['xml', 'application/xml'],
    ['js', 'text/javascript'],
    ['mjs', 'text/javascript'],
    ['css', 'text/css'],
    ['csv', 'text/csv'],
    ['png', 'image/png'],
    ['jpg', 'image/jpeg'],
    ['jpeg', 'image/jpeg'],
    ['gif', 'image/gif'],
    ['svg', 'image/svg+xml'],
    ['pdf', 'application/pdf'],
    ['md', 'text/markdown'],
    ['map', 'application/json'],
    ['woff2', 'font/woff2'],
    ['wasm', 'application/wasm'],
    ['yml', 'application/yaml'],
  ])('maps %s to %s', (ext, type) => {
    expect(typeForExtension(ext)).toBe(type);
  });

  it('accepts the extension with its dot', () => {
    expect(typeForExtension('.json')).toBe('application/json');
  });

  it('looks extensions up case-insensitively', () => {
    expect(typeForExtension('.HTML')).toBe('text/html');
  });

  it.each(['gz', 'bz2', 'br', 'xz', 'Z'])('treats the encoding-only .%s as unknown', (ext) => {
    expect(typeForExtension(ext)).toBeUndefined();
  });

  it('does not know inherited object keys', () => {
    expect(typeForExtension('constructor')).toBeUndefined();
    expect(typeForExtension('__proto__')).toBeUndefined();
  });

  it('does not know an empty extension', () => {
    expect(typeForExtension('')).toBeUndefined();
    expect(typeForExtension('.')).toBeUndefined();
  });
});

describe('splitExtension', () => {
  it('cuts a known extension from the last component', () => {
    expect(splitExtension('/index.html')).toEqual({
      path: '/index',
      extension: '.html',
      contentType: 'text/html',
    });
  });

  it('returns null for a path without a dot', () => {
    expect(splitExtension('/books/42/edit')).toBeNull();
  });

  it('ignores dots outside the last component', () => {
    expect(splitExtension('/v1.2/x')).toBeNull();
  });

  it('tolerates a trailing slash and keeps it', () => {
    expect(splitExtension('/index.html/')).toEqual({
      path: '/index/',
      extension: '.html',
      contentType: 'text/html',
    });
  });

  it('cuts the last occurrence when the extension text repeats', () => {
    expect(splitExtension('/v1.json/v1.json')?.path).toBe('/v1.json/v1');
  });

  it('keeps only the last extension of a multi-dot name', () => {
    expect(splitExtension('/gradient.min.js')).toEqual({
      path: '/gradient.min',
      extension: '.js',
      contentType: 'text/javascript',
    });
  });

  it('gives a dot file no extension', () => {
    expect(splitExtension('/.vimrc')).toBeNull();
    expect(splitExtension('/.json')).toBeNull();
    expect(splitExtension('/..json')).toBeNull();
  });

  it('leaves unknown extensions alone', () => {
    expect(splitExtension('/example:x.tiny')).toBeNull();
    expect(splitExtension('/v2.0')).toBeNull();
  });

  it('leaves an encoding extension alone', () => {
    expect(splitExtension('/file.tar.gz')).toBeNull();
  });

  it('leaves a name ending in a dot alone', () => {
    expect(splitExtension('/file.')).toBeNull();
  });

  it('matches the extension case-insensitively and reports it as written', () => {
    expect(splitExtension('/Report.JSON')).toEqual({
      path: '/Report',
      extension: '.JSON',
      contentType: 'application/json',
    });
  });

  it('works on a path without a leading slash', () => {
    expect(splitExtension('both.json')?.path).toBe('both');
  });

  it('returns null for the root and the empty path', () => {
    expect(splitExtension('/')).toBeNull();
    expect(splitExtension('')).toBeNull();
  });

  it('finds the extension of a deep nested path', () => {
    expect(splitExtension('/a/b.c/d/things.json')?.path).toBe('/a/b.c/d/things');
  });
});
