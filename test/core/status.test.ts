import { describe, it, expect } from 'vitest';
import { locationExplanation, statusExplanation, statusReason } from '../../src/core/status.js';

describe('statusReason', () => {
  it.each([
    [100, 'Continue'],
    [200, 'OK'],
    [204, 'No Content'],
    [300, 'Multiple Choices'],
    [301, 'Moved Permanently'],
    [302, 'Found'],
    [303, 'See Other'],
    [304, 'Not Modified'],
    [305, 'Use Proxy'],
    [307, 'Temporary Redirect'],
    [308, 'Permanent Redirect'],
    [400, 'Bad Request'],
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
    [404, 'Not Found'],
    [405, 'Method Not Allowed'],
    [406, 'Not Acceptable'],
    [409, 'Conflict'],
    [410, 'Gone'],
    [412, 'Precondition Failed'],
    [415, 'Unsupported Media Type'],
    [418, "I'm a teapot"],
    [422, 'Unprocessable Entity'],
    [423, 'Locked'],
    [424, 'Failed Dependency'],
    [428, 'Precondition Required'],
    [429, 'Too Many Requests'],
    [431, 'Request Header Fields Too Large'],
    [500, 'Internal Server Error'],
    [501, 'Not Implemented'],
    [502, 'Bad Gateway'],
    [503, 'Service Unavailable'],
    [504, 'Gateway Timeout'],
    [505, 'HTTP Version Not Supported'],
    [511, 'Network Authentication Required'],
  ])('names %i %s', (status, reason) => {
    expect(statusReason(status)).toBe(reason);
  });

  it('names 413 as WebOb does ("Request Entity Too Large")', () => {
    expect(statusReason(413)).toBe('Request Entity Too Large');
  });

  it("uses WebOb's exception titles where they differ from its generic table", () => {
    expect(statusReason(414)).toBe('Request-URI Too Long');
    expect(statusReason(416)).toBe('Request Range Not Satisfiable');
    expect(statusReason(451)).toBe('Unavailable For Legal Reasons');
  });

  it('has a reason for every 400–418 code', () => {
    for (let status = 400; status <= 418; status++) {
      expect(statusReason(status), String(status)).toBeTypeOf('string');
    }
  });

  it('has no reason for a code WebOb does not know', () => {
    expect(statusReason(499)).toBeUndefined();
    expect(statusReason(306)).toBeUndefined();
  });

  it('has no reason for inherited object keys', () => {
    expect(statusReason('constructor' as unknown as number)).toBeUndefined();
  });
});

describe('statusExplanation', () => {
  it.each([
    [404, 'The resource could not be found.'],
    [
      400,
      'The server could not comply with the request since it is either malformed or otherwise incorrect.',
    ],
    [403, 'Access was denied to this resource.'],
    [500, 'The server has either erred or is incapable of performing the requested operation.'],
    [413, 'The body of your request was too large for this server.'],
    [409, 'There was a conflict when trying to complete your request.'],
    [410, 'This resource is no longer available. No forwarding address is given.'],
    [412, 'Request precondition failed.'],
    [429, 'The client has sent too many requests in a given amount of time'],
    [502, 'Bad gateway.'],
    [503, 'The server is currently unavailable. Please try again at a later time.'],
  ])('explains %i in WebOb words', (status, sentence) => {
    expect(statusExplanation(status)).toBe(sentence);
  });

  it('explains 401 with its whitespace collapsed as WebOb does', () => {
    expect(statusExplanation(401)).toBe(
      'This server could not verify that you are authorized to access the document you ' +
        'requested. Either you supplied the wrong credentials (e.g., bad password), or your ' +
        'browser does not understand how to supply the credentials required.',
    );
  });

  it('names the method in a 405', () => {
    expect(statusExplanation(405, 'PATCH')).toBe(
      'The method PATCH is not allowed for this resource.',
    );
  });

  it('explains a 405 without a method generically', () => {
    expect(statusExplanation(405)).toBe('The method is not allowed for this resource.');
  });

  it("names the Accept value in a 406, keeping WebOb's unbalanced parenthesis", () => {
    expect(statusExplanation(406, 'text/x-foo')).toBe(
      'The resource could not be generated that was acceptable to your browser ' +
        '(content of type text/x-foo.',
    );
  });

  it('names the request media type in a 415', () => {
    expect(statusExplanation(415, 'text/csv')).toBe(
      'The request media type text/csv is not supported by this server.',
    );
  });

  it('names the method in a 501', () => {
    expect(statusExplanation(501, 'BREW')).toBe(
      'The request method BREW is not implemented for this server.',
    );
  });

  it('says a 302 was found at its location', () => {
    expect(statusExplanation(302, 'http://x/y')).toBe(
      'The resource was found at http://x/y; you should be redirected automatically.',
    );
  });

  it.each([301, 303, 307, 308])('says a %i has been moved to its location', (status) => {
    expect(statusExplanation(status, 'http://x/y')).toBe(
      'The resource has been moved to http://x/y; you should be redirected automatically.',
    );
  });

  it('explains a redirect without a location in a complete sentence', () => {
    expect(statusExplanation(301)).toBe('The resource has been moved.');
    expect(statusExplanation(302)).toBe('The resource was found elsewhere.');
  });

  it('falls back to the generic client-error sentence for a 4xx without its own', () => {
    expect(statusExplanation(418)).toBe(statusExplanation(400));
  });

  it('falls back to the generic server-error sentence for a 5xx without its own', () => {
    expect(statusExplanation(510)).toBe(statusExplanation(500));
  });

  it('has no explanation for 304 or plain successes', () => {
    expect(statusExplanation(304)).toBe('');
    expect(statusExplanation(200)).toBe('');
  });

  it('ignores a subject for a status whose sentence names nothing', () => {
    expect(statusExplanation(404, 'GET')).toBe('The resource could not be found.');
  });
});

describe('locationExplanation', () => {
  it('gives the words before the URL for a redirect', () => {
    expect(locationExplanation(302)).toBe('The resource was found at');
    expect(locationExplanation(301)).toBe('The resource has been moved to');
  });

  it('is undefined for statuses that carry no location', () => {
    expect(locationExplanation(304)).toBeUndefined();
    expect(locationExplanation(404)).toBeUndefined();
  });
});
