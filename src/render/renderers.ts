import { jsonify } from './jsonify.js';

/** A template engine adapter: renders a template name with a namespace. */
export interface Renderer {
  render(template: string, namespace: unknown): string | Uint8Array | Promise<string | Uint8Array>;
}

export interface RendererOptions {
  /** Folder templates are read from. */
  templatePath: string;
  /** Variables merged under every namespace (Pecan's `extra_template_vars`). */
  extraVars: Record<string, unknown>;
  debug: boolean;
}

/** Builds a renderer for an app (Pecan's `custom_renderers` classes, as factories). */
export type RendererFactory = (options: RendererOptions) => Renderer;

const jsonRenderer: Renderer = { render: (_template, namespace) => jsonify.encode(namespace) };

const etaFactory: RendererFactory = (options) => {
  let engine: Promise<{ renderAsync(name: string, data: object): Promise<string> }> | undefined;
  return {
    async render(template, namespace) {
      engine ??= import('eta').then(
        ({ Eta }) =>
          new Eta({ views: options.templatePath, autoEscape: true, cache: !options.debug }),
      );
      const data = { ...options.extraVars, ...(namespace as object) };
      return (await engine).renderAsync(template, data);
    },
  };
};

export const BUILTIN_RENDERERS: Readonly<Record<string, RendererFactory>> = {
  json: () => jsonRenderer,
  eta: etaFactory,
};

/** The renderers of one app, created on first use and cached by name (§10). */
export class Renderers {
  private readonly cache = new Map<string, Renderer>();
  private readonly factories: Map<string, RendererFactory>;

  constructor(
    custom: Record<string, RendererFactory>,
    private readonly options: RendererOptions,
    readonly defaultRenderer: string,
  ) {
    this.factories = new Map(Object.entries({ ...BUILTIN_RENDERERS, ...custom }));
  }

  get(name: string): Renderer | undefined {
    let renderer = this.cache.get(name);
    if (renderer === undefined) {
      const factory = this.factories.get(name);
      if (factory === undefined) return undefined;
      renderer = factory(this.options);
      this.cache.set(name, renderer);
    }
    return renderer;
  }

  /** §3.2 step 4: `'json'`, `'engine:path'`, or a path for the default renderer. */
  render(template: string, namespace: unknown): string | Uint8Array | Promise<string | Uint8Array> {
    if (template === 'json') return jsonRenderer.render(template, namespace);
    let name = this.defaultRenderer;
    let path = template;
    const colon = template.indexOf(':');
    if (colon > 0) {
      name = template.slice(0, colon);
      path = template.slice(colon + 1);
    }
    const renderer = this.get(name);
    if (renderer === undefined) {
      throw new Error(
        `support for "${name}" was not found; supported template engines are ${[...this.factories.keys()].join(', ')}`,
      );
    }
    return renderer.render(path, namespace);
  }
}
