import { describe, it, expect } from 'vitest';
import { HTTPError } from '../../src/core/errors.js';
import { parseMultipart, type UploadedFile } from '../../src/core/body.js';

const BOUNDARY = 'XyZ123boundary';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

interface Part {
  name?: string;
  filename?: string;
  type?: string;
  headers?: string[];
  data: string | Buffer;
}

/** A well-formed multipart body with CRLF line ends and the closing delimiter. */
function multipart(parts: Part[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const lines = [`--${boundary}`];
    let disposition = 'form-data';
    if (part.name !== undefined) disposition += `; name="${part.name}"`;
    if (part.filename !== undefined) disposition += `; filename="${part.filename}"`;
    lines.push(`Content-Disposition: ${disposition}`);
    if (part.type !== undefined) lines.push(`Content-Type: ${part.type}`);
    lines.push(...(part.headers ?? []));
    chunks.push(Buffer.from(lines.join('\r\n') + '\r\n\r\n'));
    chunks.push(Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** Fails instead of hanging: a parser that never settles is the bug under test. */
function settle<T>(promise: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms).unref();
    }),
  ]);
}

async function rejectionOf(promise: Promise<unknown>): Promise<HTTPError> {
  const error = await settle(promise).then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(HTTPError);
  return error as HTTPError;
}

const form = [
  { name: 'title', data: 'Chestnuts' },
  { name: 'upload', filename: 'notes.txt', type: 'text/plain', data: 'hello file' },
  { name: 'tag', data: 'a' },
  { name: 'tag', data: 'b' },
];

describe('parseMultipart', () => {
  it('reads text fields', async () => {
    const { fields } = await settle(parseMultipart(multipart(form), TYPE));
    expect(fields.title).toBe('Chestnuts');
  });

  it('collects repeated field names into arrays in order', async () => {
    const { fields } = await settle(parseMultipart(multipart(form), TYPE));
    expect(fields.tag).toEqual(['a', 'b']);
  });

  it('reads a file with its name, type, encoding, data and size', async () => {
    const { files } = await settle(parseMultipart(multipart(form), TYPE));
    const file = files.upload as UploadedFile;
    expect(file).toEqual({
      fieldName: 'upload',
      filename: 'notes.txt',
      contentType: 'text/plain',
      encoding: '7bit',
      data: Buffer.from('hello file'),
      size: 10,
    });
  });

  it('puts the same UploadedFile in fields so it binds by name', async () => {
    const { fields, files } = await settle(parseMultipart(multipart(form), TYPE));
    expect(fields.upload).toBe(files.upload);
  });

  it('keeps binary file content byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const body = multipart([{ name: 'bin', filename: 'b.dat', data: bytes }]);
    const { files } = await settle(parseMultipart(body, TYPE));
    expect((files.bin as UploadedFile).data.equals(bytes)).toBe(true);
  });

  it('collects repeated file names into an array', async () => {
    const body = multipart([
      { name: 'f', filename: 'one.txt', data: '1' },
      { name: 'f', filename: 'two.txt', data: '22' },
    ]);
    const { files } = await settle(parseMultipart(body, TYPE));
    const list = files.f as UploadedFile[];
    expect(list.map((file) => [file.filename, file.size])).toEqual([
      ['one.txt', 1],
      ['two.txt', 2],
    ]);
  });

  it('keeps arrival order when a file and a field share a name', async () => {
    const body = multipart([
      { name: 'x', filename: 'x.txt', data: 'file' },
      { name: 'x', data: 'text' },
    ]);
    const { fields } = await settle(parseMultipart(body, TYPE));
    const [first, second] = fields.x as [UploadedFile, string];
    expect(first.filename).toBe('x.txt');
    expect(second).toBe('text');
  });

  it('reads an empty file', async () => {
    const body = multipart([{ name: 'f', filename: 'empty.txt', data: '' }]);
    const { files } = await settle(parseMultipart(body, TYPE));
    expect((files.f as UploadedFile).size).toBe(0);
  });

  it('defaults the content type of a file part to text/plain', async () => {
    const body = multipart([{ name: 'f', filename: 'a', data: 'x' }]);
    const { files } = await settle(parseMultipart(body, TYPE));
    expect((files.f as UploadedFile).contentType).toBe('text/plain');
  });

  it('drops the directory part of a file name', async () => {
    const body = multipart([{ name: 'f', filename: 'C:\\docs\\evil/../a.txt', data: 'x' }]);
    const { files } = await settle(parseMultipart(body, TYPE));
    expect((files.f as UploadedFile).filename).toBe('a.txt');
  });

  it('treats an octet-stream part without a file name as a file named ""', async () => {
    const body = multipart([{ name: 'blob', type: 'application/octet-stream', data: 'xyz' }]);
    const { files } = await settle(parseMultipart(body, TYPE));
    expect((files.blob as UploadedFile).filename).toBe('');
  });

  it('decodes UTF-8 field values', async () => {
    const body = multipart([{ name: 'word', data: 'châtaigne \u{1F330}' }]);
    const { fields } = await settle(parseMultipart(body, TYPE));
    expect(fields.word).toBe('châtaigne \u{1F330}');
  });

  it('reads a quoted boundary', async () => {
    const body = multipart([{ name: 'a', data: '1' }], 'q b;x');
    const { fields } = await settle(parseMultipart(body, 'multipart/form-data; boundary="q b;x"'));
    expect(fields.a).toBe('1');
  });

  it('ignores an epilogue after the closing delimiter', async () => {
    const body = Buffer.concat([multipart([{ name: 'a', data: '1' }]), Buffer.from('trailing')]);
    const { fields } = await settle(parseMultipart(body, TYPE));
    expect(fields.a).toBe('1');
  });

  it('skips a part without a name', async () => {
    const body = multipart([{ data: 'anonymous' }, { name: 'a', data: '1' }]);
    const { fields } = await settle(parseMultipart(body, TYPE));
    expect(Object.keys(fields)).toEqual(['a']);
  });

  it('keeps __proto__ and constructor field names as plain data', async () => {
    const body = multipart([
      { name: '__proto__', data: 'x' },
      { name: 'constructor', filename: 'c.txt', data: 'y' },
    ]);
    const { fields, files } = await settle(parseMultipart(body, TYPE));
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.getPrototypeOf(files)).toBeNull();
    expect(fields.__proto__).toBe('x');
    expect((files['constructor'] as UploadedFile).filename).toBe('c.txt');
  });

  it('returns empty fields and files for an empty body', async () => {
    const { fields, files } = await settle(parseMultipart(Buffer.alloc(0), TYPE));
    expect(Object.keys(fields)).toEqual([]);
    expect(Object.keys(files)).toEqual([]);
  });

  it('rejects a content type without a boundary with a 400', async () => {
    const error = await rejectionOf(parseMultipart(multipart(form), 'multipart/form-data'));
    expect(error.status).toBe(400);
    expect(error.detail).toBe('multipart body without boundary');
  });

  it('rejects an empty boundary with a 400', async () => {
    const error = await rejectionOf(
      parseMultipart(multipart(form), 'multipart/form-data; boundary='),
    );
    expect(error.status).toBe(400);
  });

  it('rejects a multipart subtype other than form-data with a 415', async () => {
    const error = await rejectionOf(
      parseMultipart(multipart(form), `multipart/mixed; boundary=${BOUNDARY}`),
    );
    expect(error.status).toBe(415);
  });

  it('rejects a body without the closing delimiter with a 400', async () => {
    const body = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1`);
    const error = await rejectionOf(parseMultipart(body, TYPE));
    expect(error.status).toBe(400);
    expect(error.detail).toMatch(/^Malformed multipart body/);
  });

  it('rejects a body cut off inside a file with a 400', async () => {
    const whole = multipart([{ name: 'f', filename: 'a.bin', data: Buffer.alloc(5000, 7) }]);
    const error = await rejectionOf(parseMultipart(whole.subarray(0, 3000), TYPE));
    expect(error.status).toBe(400);
  });

  it('rejects a body cut off inside the part headers with a 400', async () => {
    const body = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-da`);
    expect((await rejectionOf(parseMultipart(body, TYPE))).status).toBe(400);
  });

  it('rejects a body that never contains the boundary with a 400', async () => {
    const body = Buffer.from('this is not multipart at all');
    expect((await rejectionOf(parseMultipart(body, TYPE))).status).toBe(400);
  });

  it('rejects a body whose boundary differs from the header with a 400', async () => {
    const body = multipart([{ name: 'a', data: '1' }], 'other');
    expect((await rejectionOf(parseMultipart(body, TYPE))).status).toBe(400);
  });

  it('rejects more parts than the parts limit with a 413', async () => {
    const error = await rejectionOf(parseMultipart(multipart(form), TYPE, { parts: 2 }));
    expect(error.status).toBe(413);
    expect(error.detail).toMatch(/too many parts/i);
  });

  it('rejects more files than the files limit with a 413', async () => {
    const body = multipart([
      { name: 'f', filename: '1', data: '1' },
      { name: 'f', filename: '2', data: '2' },
    ]);
    expect((await rejectionOf(parseMultipart(body, TYPE, { files: 1 }))).status).toBe(413);
  });

  it('rejects more fields than the fields limit with a 413', async () => {
    expect((await rejectionOf(parseMultipart(multipart(form), TYPE, { fields: 2 }))).status).toBe(
      413,
    );
  });

  it('accepts a body exactly at its limits', async () => {
    const { fields } = await settle(
      parseMultipart(multipart(form), TYPE, { parts: 4, files: 1, fields: 3 }),
    );
    expect(Object.keys(fields)).toEqual(['title', 'upload', 'tag']);
  });

  it('caps parts at 1000 by default', async () => {
    const parts = Array.from({ length: 1001 }, (_, i) => ({ name: `p${i}`, data: 'v' }));
    expect((await rejectionOf(parseMultipart(multipart(parts), TYPE))).status).toBe(413);
  });
});
