import path from 'node:path';
import type * as EtaModule from 'eta';
import type { Renderer, RendererFactory, RendererOptions } from './renderers.js';
import { FileFreshness } from './file-freshness.js';
import { requireEngine } from './require-engine.js';
import { TemplateError, findTemplateError } from './template-error.js';
import { readTemplateSource } from './template-file.js';

type Eta = EtaModule.Eta;

/**
 * The default renderer (DESIGN §3): Eta, autoescaping `<%= %>` (`<%~ %>` is raw), layouts with
 * `<% layout('./layout.html') %>` and partials with `<%~ include('./part.html', data) %>`.
 * Templates render synchronously; compiled templates are cached by file.
 */
export const etaRenderer: RendererFactory = (options) => new EtaRenderer(options);

class EtaRenderer implements Renderer {
  private eta: Eta | undefined;
  private module: typeof EtaModule | undefined;
  private readonly freshness: FileFreshness | null;

  constructor(private readonly options: RendererOptions) {
    this.freshness = options.debug ? new FileFreshness() : null;
  }

  render(template: string, namespace: unknown): string {
    const eta = (this.eta ??= this.createEngine());
    if (this.freshness?.takeChanged()) {
      eta.templatesSync.reset();
      eta.templatesAsync.reset();
    }
    const data = this.options.extraVars.makeNamespace(namespace);
    try {
      return eta.render(template, data);
    } catch (error) {
      throw this.translate(error, template);
    }
  }

  private createEngine(): Eta {
    const module = (this.module = requireEngine<typeof EtaModule>('eta', 'eta'));
    const eta = new module.Eta({
      views: this.options.templatePath,
      cache: true,
      autoEscape: true,
      // Eta's debug mode reports the template file and line of runtime errors.
      debug: this.options.debug,
    });
    const read = eta.readFile!;
    const compile = eta.compile;
    const freshness = this.freshness;
    const templatePath = this.options.templatePath;
    eta.readFile = function (file) {
      freshness?.record(file);
      return read.call(this, file);
    };
    // Eta's parse errors name the line but not the file: attach the file being compiled.
    eta.compile = function (source, compileOptions) {
      try {
        return compile.call(this, source, compileOptions);
      } catch (error) {
        const file = compileOptions?.filepath;
        throw new TemplateError({
          engine: 'eta',
          template: file === undefined ? '(string)' : path.relative(templatePath, file),
          file,
          line: lineOf(error),
          source,
          reason: reasonOf(error),
          cause: error,
        });
      }
    };
    return eta;
  }

  private translate(error: unknown, template: string): unknown {
    const known = findTemplateError(error);
    if (known !== undefined) return known;
    if (!(error instanceof Error)) return error;
    const module = this.module!;
    let file: string | undefined;
    let line: number | undefined;
    let reason = error.message;
    if (error instanceof module.EtaFileResolutionError) {
      file = /: (\/.*|[A-Za-z]:\\.*)$/.exec(error.message)?.[1];
    } else {
      // Debug mode: runtime errors read "<file>:<line>\n<excerpt>\n\n<message>", nested per include.
      for (let current: unknown = error; current instanceof module.EtaError;) {
        const match = /^(.+):(\d+)\n[\s\S]*?\n\n([\s\S]*)$/.exec(current.message);
        if (match === null) break;
        [file, line, reason] = [match[1], Number(match[2]), match[3]!];
        current = current.cause;
      }
    }
    file ??= path.join(this.options.templatePath, template);
    return new TemplateError({
      engine: 'eta',
      template,
      file,
      line,
      source: readTemplateSource(file),
      reason,
      cause: error,
    });
  }
}

function lineOf(error: unknown): number | undefined {
  const match = error instanceof Error ? / at line (\d+) col \d+/.exec(error.message) : null;
  return match === null ? undefined : Number(match[1]);
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message.split('\n');
  // "Bad template syntax\n\n<the JavaScript SyntaxError>\n=====\n<generated code>"
  if (lines[0] === 'Bad template syntax' && lines[2]) return `${lines[0]}: ${lines[2]}`;
  return lines[0]!.replace(/ at line \d+ col \d+:$/, '');
}
