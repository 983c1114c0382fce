import path from 'node:path';
import type { Renderer, RendererFactory, RendererOptions } from './renderers.js';
import { FileFreshness } from './file-freshness.js';
import { requireEngine } from './require-engine.js';
import { TemplateError } from './template-error.js';
import { readTemplateSource } from './template-file.js';

// The part of nunjucks this adapter uses (nunjucks is an optional peer without bundled types).
interface NunjucksLoader {
  on(event: 'load', listener: (name: string, source: { path: string }) => void): void;
}
interface NunjucksEnvironment {
  render(name: string, context: object, callback: (error: unknown, result?: string) => void): void;
  invalidateCache(): void;
}
interface Nunjucks {
  Environment: new (
    loader: NunjucksLoader,
    options: { autoescape: boolean; dev: boolean },
  ) => NunjucksEnvironment;
  FileSystemLoader: new (searchPaths: string, options: { noCache: boolean }) => NunjucksLoader;
}

/**
 * Nunjucks, the Jinja-like engine Pecan users know (Pecan's `jinja` renderer): autoescaping on,
 * `{% extends "layout.html" %}` with blocks, `{% include "part.html" %}`. Optional peer: install
 * `nunjucks`. Renders through nunjucks' callback API, so the result is a promise.
 */
export const nunjucksRenderer: RendererFactory = (options) => new NunjucksRenderer(options);

class NunjucksRenderer implements Renderer {
  private env: NunjucksEnvironment | undefined;
  private readonly freshness: FileFreshness | null;

  constructor(private readonly options: RendererOptions) {
    this.freshness = options.debug ? new FileFreshness() : null;
  }

  render(template: string, namespace: unknown): Promise<string> {
    const env = (this.env ??= this.createEnvironment());
    if (this.freshness?.takeChanged()) env.invalidateCache();
    const context = this.options.extraVars.makeNamespace(namespace);
    // The callback form: nunjucks' synchronous form throws errors of included templates later,
    // outside any try (an uncaught exception).
    return new Promise((resolve, reject) => {
      env.render(template, context, (error, result) => {
        if (error) reject(translate(error, template, this.options.templatePath));
        else resolve(result ?? '');
      });
    });
  }

  private createEnvironment(): NunjucksEnvironment {
    const nunjucks = requireEngine<Nunjucks>('nunjucks', 'nunjucks');
    const loader = new nunjucks.FileSystemLoader(this.options.templatePath, { noCache: false });
    const freshness = this.freshness;
    if (freshness !== null) loader.on('load', (_name, source) => freshness.record(source.path));
    return new nunjucks.Environment(loader, { autoescape: true, dev: this.options.debug });
  }
}

// "(<file>) [Line 3, Column 10]\n  <message>", one "(<file>)" line per enclosing template (the
// inner ones prefixed "Template render error: " outside nunjucks' dev mode).
const LOCATION =
  /^\s*(?:Template render error: )?\((.+?)\)(?: \[Line (\d+)(?:, Column (\d+))?\])?\s*$/gm;

function translate(error: unknown, template: string, templatePath: string): unknown {
  if (!(error instanceof Error)) return error;
  let file: string | undefined;
  let line: number | undefined;
  let column: number | undefined;
  for (const match of error.message.matchAll(LOCATION)) {
    if (match[1] !== 'unknown path' && line === undefined) file = match[1];
    if (match[2] !== undefined) {
      line = Number(match[2]);
      column = match[3] === undefined ? undefined : Number(match[3]);
    }
  }
  const reason = error.message
    .replace(LOCATION, '')
    .trim()
    .replace(/^Error: /, '');
  file ??= path.join(templatePath, template);
  return new TemplateError({
    engine: 'nunjucks',
    template,
    file,
    line,
    column,
    source: readTemplateSource(file),
    reason,
    cause: error,
  });
}
