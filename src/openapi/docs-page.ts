/**
 * The documentation page served beside `/openapi.json`: plain HTML rendered on the server from
 * the document, with its own small stylesheet. No script and nothing fetched from a CDN, so it
 * works offline, behind a strict Content-Security-Policy, and in any browser.
 */
import type {
  JsonSchema,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiResponse,
} from './openapi-types.js';

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:62rem;padding:1rem 1.5rem;color:#1b1f24}
h1{margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
.op{border:1px solid #d0d7de;border-radius:6px;margin:.8rem 0;padding:.2rem .9rem}
.op>summary{cursor:pointer;padding:.4rem 0;list-style:none}
.m{display:inline-block;min-width:4.2rem;text-align:center;border-radius:4px;color:#fff;font:600 12px/1.9 ui-monospace,monospace;margin-right:.6rem}
.get{background:#0969da}.post{background:#1a7f37}.put{background:#9a6700}.patch{background:#8250df}
.delete{background:#cf222e}.head,.options,.trace{background:#57606a}
code,pre{font-family:ui-monospace,monospace;font-size:13px}
pre{background:#f6f8fa;padding:.6rem;border-radius:4px;overflow:auto;max-height:24rem}
table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #d0d7de;padding:.2rem .6rem;text-align:left;vertical-align:top}
.muted{color:#57606a}.lock{color:#9a6700}
`;

const escape = (value: unknown): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const json = (schema: JsonSchema | undefined): string =>
  `<pre>${escape(JSON.stringify(schema ?? {}, null, 2))}</pre>`;

/** The page for `document`; `jsonHref` links to the document itself. */
export function renderDocsPage(document: OpenApiDocument, jsonHref: string): string {
  const { info } = document;
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [string, OpenApiOperation][]) {
      const tag = operation.tags[0] ?? 'default';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push(renderOperation(method, path, operation, document));
    }
  }
  const sections = [...byTag]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tag, ops]) => `<h2 id="${escape(tag)}">${escape(tag)}</h2>\n${ops.join('\n')}`)
    .join('\n');
  const unlisted = document['x-pecan-unlisted'] ?? [];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)} ${escape(info.version)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(info.title)}</h1>
<p class="muted">Version ${escape(info.version)} · OpenAPI ${escape(document.openapi)} · <a href="${escape(jsonHref)}">${escape(jsonHref)}</a></p>
${info.description !== undefined ? `<p>${escape(info.description)}</p>` : ''}
${sections || '<p>The app documents no operation.</p>'}
${
  unlisted.length > 0
    ? `<h2>Resolved at request time</h2>\n<table><tr><th>Path</th><th>Kind</th><th>Handler</th></tr>\n${unlisted
        .map(
          (r) =>
            `<tr><td><code>${escape(r.path)}</code></td><td>${escape(r.kind)}</td><td><code>${escape(r.handler)}</code></td></tr>`,
        )
        .join('\n')}</table>`
    : ''
}
</body>
</html>
`;
}

function renderOperation(
  method: string,
  path: string,
  operation: OpenApiOperation,
  document: OpenApiDocument,
): string {
  const lock =
    operation.responses['401'] !== undefined ? ' <span class="lock">(secured)</span>' : '';
  const parts = [
    `<details class="op" id="${escape(operation.operationId)}">`,
    `<summary><span class="m ${escape(method)}">${escape(method.toUpperCase())}</span><code>${escape(path)}</code> ${escape(operation.summary ?? '')}${lock}</summary>`,
    `<p class="muted"><code>${escape(operation.operationId)}</code> · ${escape(operation['x-pecan-handler'])}${operation.deprecated ? ' · deprecated' : ''}</p>`,
  ];
  if (operation.description !== undefined) parts.push(`<p>${escape(operation.description)}</p>`);
  if (operation.parameters !== undefined) {
    parts.push(
      '<table><tr><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th></tr>',
      ...operation.parameters.map(
        (p) =>
          `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${escape(JSON.stringify(p.schema))}</code></td></tr>`,
      ),
      '</table>',
    );
  }
  if (operation.requestBody !== undefined) {
    for (const [type, media] of Object.entries(operation.requestBody.content)) {
      parts.push(
        `<p>Body (<code>${escape(type)}</code>${operation.requestBody.required ? ', required' : ''}):</p>${json(media.schema)}`,
      );
    }
  }
  for (const [status, given] of Object.entries(operation.responses)) {
    const response = resolve(given, document);
    const types = Object.keys(response.content ?? {});
    parts.push(
      `<p><strong>${escape(status)}</strong> ${escape(response.description)}${types.length > 0 ? ` · <code>${types.map(escape).join('</code>, <code>')}</code>` : ''}</p>`,
    );
    const jsonType = types.find((type) => type.includes('json'));
    if (!status.startsWith('4') && jsonType !== undefined) {
      const schema = response.content![jsonType]!.schema;
      if (schema !== undefined && JSON.stringify(schema) !== '{}') parts.push(json(schema));
    }
  }
  parts.push('</details>');
  return parts.join('\n');
}

function resolve(
  response: OpenApiResponse | { $ref: string },
  document: OpenApiDocument,
): OpenApiResponse {
  if (!('$ref' in response)) return response;
  const name = response.$ref.slice(response.$ref.lastIndexOf('/') + 1);
  return document.components.responses[name] ?? { description: response.$ref };
}
