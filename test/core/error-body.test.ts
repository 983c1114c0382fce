import { describe, it, expect } from 'vitest';
import { errorFormat, renderErrorBody, type ErrorLike } from '../../src/core/error-body.js';

const notFound: ErrorLike = { status: 404, title: 'Not Found', detail: undefined };

function page(status: string, body: string): string {
  return (
    `<html>\n <head>\n  <title>${status}</title>\n </head>\n <body>\n` +
    `  <h1>${status}</h1>\n  ${body}\n </body>\n</html>`
  );
}

describe('errorFormat', () => {
  it.each([undefined, null, ''])('is text without an Accept header (%s)', (accept) => {
    expect(errorFormat(accept)).toBe('text');
  });

  it('is text for */* (DESIGN §4)', () => {
    expect(errorFormat('*/*')).toBe('text');
  });

  it('is text for text/plain', () => {
    expect(errorFormat('text/plain')).toBe('text');
  });

  it('is html for text/html', () => {
    expect(errorFormat('text/html')).toBe('html');
  });

  it('is json for application/json', () => {
    expect(errorFormat('application/json')).toBe('json');
  });

  it('is html when html has the higher q', () => {
    expect(errorFormat('application/json;q=0.9, text/html')).toBe('html');
  });

  it('is html for a browser Accept header', () => {
    expect(errorFormat('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(
      'html',
    );
  });

  it('gives a tie to the earlier offer (text/plain before application/json)', () => {
    expect(errorFormat('application/json, text/plain')).toBe('text');
  });

  it('is text for text/* (text/plain is offered first)', () => {
    expect(errorFormat('text/*')).toBe('text');
  });

  it('is text when nothing is acceptable', () => {
    expect(errorFormat('image/png')).toBe('text');
  });

  it('is text for an unparseable header', () => {
    expect(errorFormat('garbage')).toBe('text');
  });

  it('is json for JSON with a parameter, via the prefix fallback', () => {
    expect(errorFormat('application/json;discard=me')).toBe('json');
  });
});

describe('renderErrorBody: text', () => {
  it('renders a bare 404 exactly as WebOb does', () => {
    expect(renderErrorBody(notFound, 'text')).toEqual({
      contentType: 'text/plain; charset=UTF-8',
      body: '404 Not Found\n\nThe resource could not be found.\n\n   ',
    });
  });

  it('renders an empty detail like a missing one', () => {
    expect(renderErrorBody({ ...notFound, detail: '' }, 'text').body).toBe(
      '404 Not Found\n\nThe resource could not be found.\n\n   ',
    );
  });

  it('puts the detail after the explanation', () => {
    expect(renderErrorBody({ ...notFound, detail: 'no such book' }, 'text').body).toBe(
      '404 Not Found\n\nThe resource could not be found.\n\n no such book  ',
    );
  });

  it('shows the comment after the detail, without comment markers', () => {
    const error = { ...notFound, detail: 'nope', comment: 'why' };
    expect(renderErrorBody(error, 'text').body).toBe(
      '404 Not Found\n\nThe resource could not be found.\n\n nope  why  ',
    );
  });

  it('strips tags from the detail as WebOb does', () => {
    const error = { ...notFound, detail: 'a <b>bold</b> move' };
    expect(renderErrorBody(error, 'text').body).toBe(
      '404 Not Found\n\nThe resource could not be found.\n\n a bold move  ',
    );
  });

  it('turns newlines in the detail into spaces as WebOb does', () => {
    expect(renderErrorBody({ ...notFound, detail: 'a\nb' }, 'text').body).toContain(' a b  ');
  });

  it('uses the title it is given in the status line', () => {
    const error = { status: 403, title: 'Forbidden', detail: 'x' };
    expect(renderErrorBody(error, 'text').body.startsWith('403 Forbidden\n\n')).toBe(true);
  });

  it('says where a 302 was found', () => {
    const error = { status: 302, title: 'Found', detail: undefined, location: 'http://x/t' };
    expect(renderErrorBody(error, 'text').body).toBe(
      '302 Found\n\nThe resource was found at http://x/t; you should be redirected automatically.  ',
    );
  });

  it.each([301, 303, 307, 308])('says where a %i has moved', (status) => {
    const error = { status, title: 'T', detail: undefined, location: 'http://x/t' };
    expect(renderErrorBody(error, 'text').body).toContain(
      'The resource has been moved to http://x/t; you should be redirected automatically.',
    );
  });

  it('names the method in a 405 when the request is given', () => {
    const error = { status: 405, title: 'Method Not Allowed', detail: undefined };
    expect(renderErrorBody(error, 'text', { method: 'PUT' }).body).toBe(
      '405 Method Not Allowed\n\nThe method PUT is not allowed for this resource. \n\n ',
    );
  });

  it('explains a 405 generically without the request', () => {
    const error = { status: 405, title: 'Method Not Allowed', detail: undefined };
    expect(renderErrorBody(error, 'text').body).toBe(
      '405 Method Not Allowed\n\nThe method is not allowed for this resource.\n\n   ',
    );
  });

  it('names the Accept value in a 406', () => {
    const error = { status: 406, title: 'Not Acceptable', detail: undefined };
    expect(renderErrorBody(error, 'text', { accept: 'image/png' }).body).toBe(
      '406 Not Acceptable\n\nThe resource could not be generated that was acceptable to your ' +
        'browser (content of type image/png. \n\n ',
    );
  });

  it('names the request media type in a 415', () => {
    const error = { status: 415, title: 'Unsupported Media Type', detail: 'd' };
    expect(renderErrorBody(error, 'text', { contentType: 'text/csv' }).body).toBe(
      '415 Unsupported Media Type\n\nThe request media type text/csv is not supported by this ' +
        'server. \n\n d',
    );
  });

  it('names the method in a 501', () => {
    const error = { status: 501, title: 'Not Implemented', detail: undefined };
    expect(renderErrorBody(error, 'text', { method: 'BREW' }).body).toBe(
      '501 Not Implemented\n\n The request method BREW is not implemented for this server. \n\n ',
    );
  });
});

describe('renderErrorBody: html', () => {
  it('renders a bare 404 exactly as WebOb does (§8.1)', () => {
    expect(renderErrorBody(notFound, 'html')).toEqual({
      contentType: 'text/html; charset=UTF-8',
      body:
        '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n' +
        '  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n' +
        ' </body>\n</html>',
    });
  });

  it('escapes the detail and shows the comment as an escaped HTML comment', () => {
    const error = { ...notFound, detail: '<script>"x"</script>', comment: 'a&b' };
    expect(renderErrorBody(error, 'html').body).toBe(
      page(
        '404 Not Found',
        'The resource could not be found.<br /><br />\n' +
          '&lt;script&gt;&quot;x&quot;&lt;/script&gt;\n<!-- a&amp;b -->\n',
      ),
    );
  });

  it("escapes single quotes as Python's html.escape does", () => {
    expect(renderErrorBody({ ...notFound, detail: "it's" }, 'html').body).toContain('it&#x27;s');
  });

  it('writes non-ASCII characters as numeric references', () => {
    expect(renderErrorBody({ ...notFound, detail: 'café 😀' }, 'html').body).toContain(
      'caf&#233; &#128512;',
    );
  });

  it('escapes the title', () => {
    const error = { status: 418, title: "I'm a teapot", detail: undefined };
    expect(renderErrorBody(error, 'html').body).toContain('<h1>418 I&#x27;m a teapot</h1>');
  });

  it('links the location of a redirect, escaped', () => {
    const error = {
      status: 301,
      title: 'Moved Permanently',
      detail: undefined,
      location: '/a?b=1&c=2',
    };
    expect(renderErrorBody(error, 'html').body).toBe(
      page(
        '301 Moved Permanently',
        'The resource has been moved to <a href="/a?b=1&amp;c=2">/a?b=1&amp;c=2</a>;\n' +
          'you should be redirected automatically.\n\n',
      ),
    );
  });

  it('escapes the method it names in a 405', () => {
    const error = { status: 405, title: 'Method Not Allowed', detail: undefined };
    expect(renderErrorBody(error, 'html', { method: '<X>' }).body).toContain(
      'The method &lt;X&gt; is not allowed for this resource. <br /><br />\n',
    );
  });

  it("keeps WebOb's line break inside the 406 sentence", () => {
    const error = { status: 406, title: 'Not Acceptable', detail: undefined };
    expect(renderErrorBody(error, 'html', { accept: 'image/png' }).body).toContain(
      'acceptable to your browser\n(content of type image/png. <br /><br />\n',
    );
  });
});

describe('renderErrorBody: json', () => {
  it('renders a routing 404 with a null description', () => {
    expect(renderErrorBody(notFound, 'json')).toEqual({
      contentType: 'application/json',
      body: '{"code":404,"title":"Not Found","description":null}',
    });
  });

  it('renders an empty detail as an empty description (§7.5)', () => {
    expect(renderErrorBody({ ...notFound, detail: '' }, 'json').body).toBe(
      '{"code":404,"title":"Not Found","description":""}',
    );
  });

  it('renders the detail as the description, unescaped', () => {
    const error = { status: 403, title: 'Forbidden', detail: '<nope> "x"', comment: 'hidden' };
    expect(JSON.parse(renderErrorBody(error, 'json').body)).toEqual({
      code: 403,
      title: 'Forbidden',
      description: '<nope> "x"',
    });
  });
});
