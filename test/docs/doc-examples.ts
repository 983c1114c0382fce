/**
 * Reads the runnable examples out of docs/*.md. A ```ts block is an example module (it
 * exports `app` when requests follow); each ```http block after it is a transcript:
 *
 *   GET /hello/ann            ← request line, then request headers, blank line, request body
 *
 *   HTTP/1.1 200              ← expected status, then expected headers, blank line, body
 *   Content-Type: text/html; charset=UTF-8
 *
 *   Hello, ann!
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Exchange {
  method: string;
  path: string;
  requestHeaders: Record<string, string>;
  requestBody: string | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  /** Expected body, exactly (undefined: not checked). */
  responseBody: string | undefined;
  line: number;
}

export interface Example {
  doc: string;
  line: number;
  code: string;
  exchanges: Exchange[];
}

const FENCE = /^```(\w+)\s*$/;

export function readExamples(file: string): Example[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    const block = lines.slice(start, end).join('\n');
    if (open[1] === 'ts') {
      examples.push({ doc: path.basename(file), line: start, code: block, exchanges: [] });
    } else if (open[1] === 'http') {
      const current = examples.at(-1);
      if (!current) throw new Error(`${file}:${start}: an http transcript before any ts example`);
      current.exchanges.push(parseExchange(block, start));
    }
    i = end;
  }
  return examples;
}

function parseExchange(block: string, line: number): Exchange {
  const at = block.search(/^HTTP\/1\.1 /m);
  if (at === -1) throw new Error(`line ${line}: transcript without an HTTP/1.1 status line`);
  const [requestLine = '', ...requestRest] = block.slice(0, at).trimEnd().split('\n');
  const [method = 'GET', target = '/'] = requestLine.split(' ');
  const request = splitHead(requestRest);
  const [statusLine = '', ...responseRest] = block.slice(at).split('\n');
  const response = splitHead(responseRest);
  return {
    method,
    path: target,
    requestHeaders: request.headers,
    requestBody: request.body,
    status: Number(statusLine.split(' ')[1]),
    responseHeaders: response.headers,
    responseBody: response.body,
    line,
  };
}

function splitHead(lines: string[]): { headers: Record<string, string>; body: string | undefined } {
  const headers: Record<string, string> = {};
  let i = 0;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const colon = lines[i]!.indexOf(':');
    headers[lines[i]!.slice(0, colon).trim().toLowerCase()] = lines[i]!.slice(colon + 1).trim();
  }
  const body = lines.slice(i + 1).join('\n');
  return { headers, body: i < lines.length ? body : undefined };
}
