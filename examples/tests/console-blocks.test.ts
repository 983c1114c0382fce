import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonMismatch, parseOutput, readConsoleSteps } from './console-blocks.js';

describe('the tutorial’s console blocks', () => {
  it('reads commands, their continuations and their output', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'console-')), 'doc.md');
    fs.writeFileSync(
      file,
      [
        'text',
        '```console',
        '$ curl -s \\',
        '    http://x/',
        '{"a": 1}',
        '$ echo hi',
        'hi',
        '```',
        '```sh',
        '$ not this',
        '```',
      ].join('\n'),
    );
    expect(readConsoleSteps(file)).toEqual([
      { line: 3, command: 'curl -s \\\n    http://x/', output: '{"a": 1}' },
      { line: 6, command: 'echo hi', output: 'hi' },
    ]);
  });

  it('splits curl -i output into status, headers and body', () => {
    expect(parseOutput('HTTP/1.1 202 Accepted\r\nLocation: /v1/x\r\n\r\n{"id":1}')).toEqual({
      status: 'HTTP/1.1 202 Accepted',
      headers: [['location', '/v1/x']],
      body: '{"id":1}',
    });
  });

  it('matches JSON with … for any value and extra keys, and reports what differs', () => {
    expect(jsonMismatch({ id: '…', n: 1 }, { id: 'abc', n: 1, extra: true })).toBeNull();
    expect(jsonMismatch({ n: 1 }, { n: 2 })).toBe('$.n: 2, expected 1');
    expect(jsonMismatch({ n: 1 }, {})).toBe('$.n: missing');
    expect(jsonMismatch([1, '…'], [1, 2, 3])).toBeNull();
    expect(jsonMismatch([1], [1, 2])).toMatch(/2 items/);
    expect(jsonMismatch('/v1/deployments/…', '/v1/deployments/42')).toBeNull();
    expect(jsonMismatch('/v1/deployments/…', '/v1/apps/42')).toMatch(/does not match/);
  });
});
