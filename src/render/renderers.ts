import path from 'node:path';
import { jsonify } from './jsonify.js';
import { ExtraNamespace } from './extra-namespace.js';
import { etaRenderer } from './eta-renderer.js';
import { nunjucksRenderer } from './nunjucks-renderer.js';
import { ejsRenderer } from './ejs-renderer.js';
import { handlebarsRenderer } from './handlebars-renderer.js';
import { engineUnknownError } from '../core/pecan-errors.js';

/** What a renderer produces: text, bytes, or a promise of either. */
export type Rendered = string | Uint8Array | Promise<string | Uint8Array>;

/** A template engine adapter: renders a template name with a namespace. */
export interface Renderer {
  render(template: string, namespace: unknown): Rendered;
}

/** What an app gives each of its renderers (Pecan passes `template_path, extra_vars`). */
export interface RendererOptions {
  /** Absolute folder templates are read from (the app's `templatePath`, resolved at start). */
  templatePath: string;
  /** Variables merged under every namespace: `extraVars.makeNamespace(namespace)`. */
  extraVars: ExtraNamespace;
  /** Debug mode: templates are recompiled when their files change. */
  debug: boolean;
}

/** Builds a renderer for an app (Pecan's `custom_renderers` classes, as factories). */
export type RendererFactory = (options: RendererOptions) => Renderer;

const jsonRenderer: Renderer = { render: (_template, namespace) => jsonify.encode(namespace) };

/** §10: `json` is always there; the engines other than Eta load when first used. */
export const BUILTIN_RENDERERS: Readonly<Record<string, RendererFactory>> = {
  json: () => jsonRenderer,
  eta: etaRenderer,
  nunjucks: nunjucksRenderer,
  ejs: ejsRenderer,
  handlebars: handlebarsRenderer,
};

export interface RenderersInit {
  customRenderers?: Record<string, RendererFactory>;
  extraTemplateVars?: Record<string, unknown>;
  /** Relative to the working directory (default `templates`). */
  templatePath?: string;
  defaultRenderer?: string;
  debug?: boolean;
}

/**
 * The renderers of one app (Pecan's `RendererFactory`, §10): built-in and custom factories by
 * name; each renderer is created on first use and kept.
 */
export class Renderers {
  readonly templatePath: string;
  readonly extraVars: ExtraNamespace;
  readonly defaultRenderer: string;
  private readonly options: RendererOptions;
  private readonly factories: Map<string, RendererFactory>;
  private readonly created = new Map<string, Renderer>();
  /** Whether `json` is the built-in renderer (a custom one may replace it, §10). */
  private readonly builtinJson: boolean;

  constructor(init: RenderersInit = {}) {
    // §10: the template path is resolved once, when the app starts.
    this.templatePath = path.resolve(init.templatePath ?? 'templates');
    this.extraVars = new ExtraNamespace(init.extraTemplateVars);
    this.defaultRenderer = init.defaultRenderer ?? 'eta';
    this.options = {
      templatePath: this.templatePath,
      extraVars: this.extraVars,
      debug: init.debug ?? false,
    };
    // Custom renderers may replace built-in ones (§10).
    this.factories = new Map(Object.entries({ ...BUILTIN_RENDERERS, ...init.customRenderers }));
    this.builtinJson = this.factories.get('json') === BUILTIN_RENDERERS.json;
  }

  /** Whether a renderer of this name is registered. */
  available(name: string): boolean {
    return this.factories.has(name);
  }

  /** The renderer of this name (created on first use), or undefined if there is none. */
  get(name: string): Renderer | undefined {
    let renderer = this.created.get(name);
    if (renderer === undefined) {
      const factory = this.factories.get(name);
      if (factory === undefined) return undefined;
      renderer = factory(this.options);
      this.created.set(name, renderer);
    }
    return renderer;
  }

  /** The registered renderer names. */
  keys(): string[] {
    return [...this.factories.keys()];
  }

  /** §3.2 step 4: `'json'`, `'engine:path'`, or a path for the default renderer. */
  render(template: string, namespace: unknown): Rendered {
    if (template === 'json') {
      return this.builtinJson
        ? jsonify.encode(namespace)
        : this.get('json')!.render(template, namespace);
    }
    let name = this.defaultRenderer;
    let templateName = template;
    const colon = template.indexOf(':');
    if (colon > 0) {
      name = template.slice(0, colon);
      templateName = template.slice(colon + 1);
    }
    const renderer = this.get(name);
    if (renderer === undefined) {
      // §10: Pecan's message (issue #81), listing what is available.
      throw engineUnknownError(name, this.keys().join(', '));
    }
    return renderer.render(templateName, namespace);
  }
}
