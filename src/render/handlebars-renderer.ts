import path from 'node:path';
import type { Renderer, RendererFactory, RendererOptions } from './renderers.js';
import { FileFreshness } from './file-freshness.js';
import { requireEngine } from './require-engine.js';
import { TemplateError, findTemplateError } from './template-error.js';
import { readTemplateSource, resolveTemplateFile } from './template-file.js';
import { partialNames } from './handlebars-partials.js';
import { templateNotFoundError } from '../core/pecan-errors.js';

type HandlebarsTemplate = (context: object, options?: { partials: Partials }) => string;
type Partials = Record<string, HandlebarsTemplate>;

// The part of Handlebars this adapter uses (loaded lazily, typed here).
interface HandlebarsEnvironment {
  parse(source: string): unknown;
  compile(ast: unknown, options: { noEscape: boolean; strict: boolean }): HandlebarsTemplate;
}
interface Handlebars {
  create(): HandlebarsEnvironment;
}

interface Compiled {
  file: string;
  template: HandlebarsTemplate;
  /** Every partial the template uses, directly or through other partials, by name. */
  partials: Partials;
}

/**
 * Handlebars: `{{x}}` escapes (`{{{x}}}` is raw). Partials are files named from the template
 * folder: `{{> partials/header}}` loads `partials/header.<same extension>`; a layout is a
 * partial block, `{{#> layout}}…{{/layout}}` around `{{> @partial-block}}`. Optional peer:
 * install `handlebars`. Each app gets its own Handlebars environment.
 */
export const handlebarsRenderer: RendererFactory = (options) => new HandlebarsRenderer(options);

class HandlebarsRenderer implements Renderer {
  private env: HandlebarsEnvironment | undefined;
  /** Compiled templates by name. */
  private readonly compiled = new Map<string, Compiled>();
  private readonly freshness: FileFreshness | null;

  constructor(private readonly options: RendererOptions) {
    this.freshness = options.debug ? new FileFreshness() : null;
  }

  render(template: string, namespace: unknown): string {
    const env = (this.env ??= requireEngine<Handlebars>('handlebars', 'handlebars').create());
    if (this.freshness?.takeChanged()) this.compiled.clear();
    const data = this.options.extraVars.makeNamespace(namespace);
    let compiled = this.compiled.get(template);
    if (compiled === undefined) {
      const file = resolveTemplateFile(this.options.templatePath, template);
      try {
        compiled = this.compile(env, file);
      } catch (error) {
        throw translate(error, template, file);
      }
      this.compiled.set(template, compiled);
    }
    try {
      return compiled.template(data, { partials: compiled.partials });
    } catch (error) {
      throw translate(error, template, compiled.file);
    }
  }

  private compile(env: HandlebarsEnvironment, file: string): Compiled {
    const partials: Partials = Object.create(null) as Partials;
    const template = this.load(env, file, partials);
    if (template === undefined) throw templateNotFoundError(`template: ${file}`);
    return { file, template, partials };
  }

  /** Parses a file, then the partials it names (recursively) into `partials`. */
  private load(
    env: HandlebarsEnvironment,
    file: string,
    partials: Partials,
  ): HandlebarsTemplate | undefined {
    this.freshness?.record(file);
    const source = readTemplateSource(file);
    if (source === undefined) return undefined;
    let ast: unknown;
    try {
      ast = env.parse(source);
    } catch (error) {
      throw translate(error, path.relative(this.options.templatePath, file), file);
    }
    const extension = path.extname(file);
    for (const name of partialNames(ast)) {
      if (Object.hasOwn(partials, name)) continue;
      const partialFile = resolveTemplateFile(
        this.options.templatePath,
        path.extname(name) === '' ? name + extension : name,
      );
      partials[name] = placeholder; // guards against partials that include each other
      const partial = this.load(env, partialFile, partials);
      // A name without a file may be an inline partial ({{#*inline}}): Handlebars resolves it.
      if (partial === undefined) delete partials[name];
      else partials[name] = attributeErrors(partial, name, partialFile);
    }
    return env.compile(ast, { noEscape: false, strict: false });
  }
}

const placeholder: HandlebarsTemplate = () => '';

/** Errors inside a partial name the partial's file, not the page's. */
function attributeErrors(
  partial: HandlebarsTemplate,
  name: string,
  file: string,
): HandlebarsTemplate {
  return (context, options) => {
    try {
      return partial(context, options);
    } catch (error) {
      throw translate(error, name, file);
    }
  };
}

function translate(error: unknown, template: string, file: string): unknown {
  const known = findTemplateError(error);
  if (known !== undefined) return known;
  if (!(error instanceof Error)) return error;
  // Parse errors: "Parse error on line 2:\n…"; compile errors carry `lineNumber`/`column`.
  const parse = /^Parse error on line (\d+):/.exec(error.message);
  const located = error as { lineNumber?: unknown; column?: unknown };
  const line =
    parse !== null
      ? Number(parse[1])
      : typeof located.lineNumber === 'number'
        ? located.lineNumber
        : undefined;
  const column = typeof located.column === 'number' ? located.column + 1 : undefined;
  return new TemplateError({
    engine: 'handlebars',
    template,
    file,
    line,
    column,
    source: readTemplateSource(file),
    reason: error.message,
    cause: error,
  });
}
