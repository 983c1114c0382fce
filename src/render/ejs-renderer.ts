import type { Renderer, RendererFactory, RendererOptions } from './renderers.js';
import { FileFreshness } from './file-freshness.js';
import { requireEngine } from './require-engine.js';
import { TemplateError, findTemplateError } from './template-error.js';
import { readTemplateSource, resolveTemplateFile } from './template-file.js';
import { templateNotFoundError } from '../core/pecan-errors.js';

type EjsTemplate = (data: object) => string;

interface EjsOptions {
  filename: string;
  root: string;
  views: string[];
  cache: boolean;
  includer?: (original: string, resolved: string | undefined) => undefined;
}

// The part of EJS this adapter uses (EJS is an optional peer without bundled types).
interface Ejs {
  compile(source: string, options: EjsOptions): EjsTemplate;
  clearCache(): void;
}

/**
 * EJS: `<%= %>` escapes (`<%- %>` is raw), partials and layouts by
 * `<%- include('header.html', { title }) %>` (relative to the template, then the template
 * folder; `/x.html` from the folder's root). Optional peer: install `ejs`.
 */
export const ejsRenderer: RendererFactory = (options) => new EjsRenderer(options);

class EjsRenderer implements Renderer {
  private ejs: Ejs | undefined;
  /** Compiled templates by name. */
  private readonly compiled = new Map<string, { file: string; render: EjsTemplate }>();
  private readonly freshness: FileFreshness | null;

  constructor(private readonly options: RendererOptions) {
    this.freshness = options.debug ? new FileFreshness() : null;
  }

  render(template: string, namespace: unknown): string {
    const ejs = (this.ejs ??= requireEngine<Ejs>('ejs', 'ejs'));
    if (this.freshness?.takeChanged()) {
      this.compiled.clear();
      ejs.clearCache(); // included files live in EJS's own cache
    }
    const data = this.options.extraVars.makeNamespace(namespace);
    let compiled = this.compiled.get(template);
    if (compiled === undefined) {
      const file = resolveTemplateFile(this.options.templatePath, template);
      try {
        compiled = { file, render: this.compile(ejs, file) };
      } catch (error) {
        throw translate(error, template, file);
      }
      this.compiled.set(template, compiled);
    }
    try {
      return compiled.render(data);
    } catch (error) {
      throw translate(error, template, compiled.file);
    }
  }

  private compile(ejs: Ejs, file: string): EjsTemplate {
    this.freshness?.record(file);
    const source = readTemplateSource(file);
    if (source === undefined) throw templateNotFoundError(`template: ${file}`);
    const options: EjsOptions = {
      filename: file,
      root: this.options.templatePath,
      views: [this.options.templatePath],
      // Included files are compiled once, into EJS's cache.
      cache: true,
    };
    const freshness = this.freshness;
    if (freshness !== null) {
      options.includer = (original, resolved) => {
        if (resolved === undefined) throw templateNotFoundError(`the include file "${original}"`);
        freshness.record(resolved);
        return undefined;
      };
    }
    return ejs.compile(source, options);
  }
}

const RUNTIME = /^(.+):(\d+)\n[\s\S]*?\n\n([\s\S]*)$/;

function translate(error: unknown, template: string, topFile: string): unknown {
  const known = findTemplateError(error);
  if (known !== undefined) return known;
  if (!(error instanceof Error)) return error;
  let file: string | undefined = topFile;
  let line: number | undefined;
  let reason = error.message;
  // Runtime errors: "<file>:<line>\n<excerpt>\n\n<message>" (EJS's rethrow), once per
  // enclosing template: the innermost location is the last one.
  for (let match = RUNTIME.exec(reason); match !== null; match = RUNTIME.exec(reason)) {
    [file, line, reason] = [match[1], Number(match[2]), match[3]!];
  }
  // Syntax errors: "<message> in <file> while compiling ejs\n\n<advice>".
  const syntax = / in (.+) while compiling ejs/.exec(reason);
  if (syntax !== null) {
    [file, line] = [syntax[1], undefined];
    reason = `${error.name}: ${reason.slice(0, syntax.index)}`;
  }
  return new TemplateError({
    engine: 'ejs',
    template,
    file,
    line,
    source: readTemplateSource(file),
    reason,
    cause: error,
  });
}
