/**
 * A small model of what Heat makes of a template, for the clouds that have no Heat: the
 * simulated driver and the tests' fake Heat. It resolves the intrinsic functions the
 * catalogue uses (get_param, get_resource, get_attr, str_replace, list_join), gives each
 * resource the attributes Heat would (`OS::Heat::TestResource`, `RandomString`, `None`,
 * `ResourceGroup` as heat/engine/resources/openstack/heat/ defines them; made-up addresses for
 * servers and load balancers), and says how long an action takes along its longest chain of
 * `wait_secs` and how it fails, in Heat's words. It is no validator: Heat is.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { HotTemplate } from '../domain/catalogue.js';
import type { StackOutput } from './driver.js';
import { dig, heatPath, randomString, strReplace, substitute } from './hot-functions.js';

/** What an action left in each resource, kept so that an update keeps generated values. */
export type ResourceStates = Record<string, ResourceState>;

interface ResourceState {
  /** The resolved properties, to tell an update which resources changed. */
  properties: string;
  attributes: Record<string, unknown>;
  members?: ResourceStates;
}

export interface StackModel {
  outputs: StackOutput[];
  /** Seconds along the longest chain of dependent waits. */
  waitSecs: number;
  /** Heat's `stack_status_reason` when a resource fails the action, else null. */
  failure: string | null;
  resources: ResourceStates;
}

export interface ModelContext {
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  stackName: string;
  stackId: string;
  projectId?: string;
  /** The resources as the previous action left them. */
  previous?: ResourceStates;
}

interface Built {
  state: ResourceState;
  /** When it is done, in seconds from the action's start. */
  endsAt: number;
  /** [path, name] of the first test resource that fails, with when it fails. */
  fails: { path: string; name: string; at: number } | null;
}

class Evaluation {
  readonly built = new Map<string, Built>();
  readonly #building = new Set<string>();
  #deps: Set<string> | null = null;

  constructor(
    readonly resources: Record<string, any>,
    readonly params: Record<string, unknown>,
    readonly context: ModelContext,
    readonly previous: ResourceStates,
    /** Where these resources are, as Heat names it: `[]`, or `['web_servers']` in a group. */
    readonly path: readonly string[],
    /** When they may start: a group's members start when the group does. */
    readonly startsAt = 0,
    /** Resolving outputs while no resource exists yet, or while they are being deleted. */
    readonly phase: 'built' | 'unbuilt' | 'deleting' = 'built',
  ) {}

  build(name: string): Built {
    const done = this.built.get(name);
    if (done) return done;
    const definition = this.resources[name];
    if (!definition) throw new Error(`The specified reference "${name}" is invalid`);
    if (this.#building.has(name)) throw new Error(`Circular dependency at ${name}`);
    this.#building.add(name);
    const outer = this.#deps;
    const deps = (this.#deps = new Set<string>((definition.depends_on ?? []) as string[]));
    const properties = this.resolve(definition.properties ?? {}) as Record<string, any>;
    this.#deps = outer;
    const startsAt = Math.max(this.startsAt, ...[...deps].map((dep) => this.build(dep).endsAt));
    const built = buildResource(this, name, definition.type, properties, startsAt);
    this.#building.delete(name);
    this.built.set(name, built);
    return built;
  }

  /** Resolves the intrinsic functions in a value. */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value);
    const [fn, args] = entries.length === 1 ? entries[0]! : [];
    switch (fn) {
      case 'get_param': {
        const [name, ...path] = [this.resolve(args)].flat() as string[];
        return dig(this.param(name!), path);
      }
      case 'get_resource':
        return this.reference(this.resolve(args) as string).attributes.ref;
      case 'get_attr': {
        const [name, attribute, ...path] = this.resolve(args) as string[];
        const resource = this.reference(name!);
        // A group applies the path to each member's attribute: [group, output, 0] is the
        // first character of every member's output, not the first member's (as Heat 19 does).
        if (resource.members && !/^(refs|refs_map|resource\.)/.test(attribute!))
          return Object.values(resource.members).map((m) => dig(attributeOf(m, attribute!), path));
        return dig(attributeOf(resource, attribute!), path);
      }
      case 'str_replace': {
        const { template, params } = this.resolve(args) as {
          template: string;
          params: Record<string, unknown>;
        };
        return strReplace(template, params);
      }
      case 'list_join': {
        const [separator, ...lists] = this.resolve(args) as [string, ...unknown[][]];
        return lists.flat().join(separator);
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]));
  }

  reference(name: string): ResourceState {
    if (this.phase === 'deleting')
      throw new Error(`The specified reference "${name}" (in unknown) is incorrect.`);
    if (this.phase === 'unbuilt') return { properties: '', attributes: { ref: name } };
    this.#deps?.add(name);
    return this.build(name).state;
  }

  param(name: string): unknown {
    const pseudo: Record<string, unknown> = {
      'OS::stack_name': this.context.stackName,
      'OS::stack_id': this.context.stackId,
      'OS::project_id': this.context.projectId ?? '',
    };
    if (name in pseudo) return pseudo[name];
    if (!(name in this.params)) throw new Error(`The Parameter (${name}) was not provided.`);
    return this.params[name];
  }
}

function buildResource(
  ev: Evaluation,
  name: string,
  type: string,
  properties: Record<string, any>,
  startsAt: number,
): Built {
  const before = ev.previous[name];
  const serialised = JSON.stringify(properties);
  // An update leaves a resource whose properties did not change alone: it takes no time.
  const changed = ev.context.action !== 'UPDATE' || before?.properties !== serialised;
  const state = (attributes: Record<string, unknown>, members?: ResourceStates) => ({
    properties: serialised,
    attributes,
    ...(members && { members }),
  });
  const physical = () =>
    (before?.attributes.ref as string | undefined) ??
    `${ev.context.stackName}-${name}-${randomBytes(6).toString('hex')}`;
  switch (type) {
    case 'OS::Heat::TestResource': {
      const wait = changed ? Number(properties.wait_secs ?? 0) : 0;
      const fails = properties.fail === true && ev.context.action !== 'DELETE';
      const value = properties.value ?? 'test_string';
      return {
        // A failed create stores neither the value nor the resource id.
        state: state({ ref: fails ? name : physical(), output: fails ? null : value }),
        endsAt: startsAt + wait,
        fails: fails ? { path: heatPath([...ev.path, name]), name, at: startsAt + wait } : null,
      };
    }
    case 'OS::Heat::RandomString': {
      const length = Number(properties.length ?? 32);
      const kept = before?.properties === serialised ? before.attributes.value : undefined;
      const value = (kept as string | undefined) ?? randomString(length);
      return { state: state({ ref: value, value }), endsAt: startsAt, fails: null };
    }
    case 'OS::Heat::ResourceGroup': {
      const count = Number(properties.count ?? 1);
      const definition = properties.resource_def ?? {};
      const members: Record<string, unknown> = {};
      for (let i = 0; i < count; i++)
        members[String(i)] = substitute(definition, '%index%', String(i));
      const nested = new Evaluation(
        members,
        ev.params,
        ev.context,
        before?.members ?? {},
        [...ev.path, name],
        startsAt,
      );
      const built = Object.keys(members).map((key) => nested.build(key));
      const failures = built.flatMap((b) => (b.fails ? [b.fails] : []));
      return {
        state: state(
          { ref: before?.attributes.ref ?? randomUUID() },
          Object.fromEntries(built.map((b, i) => [String(i), b.state])),
        ),
        endsAt: Math.max(startsAt, ...built.map((b) => b.endsAt)),
        fails: failures.sort((a, b) => a.at - b.at)[0] ?? null,
      };
    }
    default: {
      // OS::Heat::None answers every attribute with None; the simulated servers and load
      // balancers get addresses from the documentation ranges.
      const n = ev.built.size + 10;
      return {
        state: state({
          ref: before?.attributes.ref ?? randomUUID(),
          ...(type !== 'OS::Heat::None' && {
            name: properties.name ?? physical(),
            first_address: `10.0.0.${n}`,
            vip_address: `203.0.113.${n}`,
          }),
        }),
        endsAt: startsAt,
        fails: null,
      };
    }
  }
}

/** An attribute as Heat resolves it, ResourceGroup's synthetic ones included. */
function attributeOf(resource: ResourceState, attribute: string): unknown {
  if (resource.members) {
    const members = Object.values(resource.members);
    if (attribute === 'refs') return members.map((m) => m.attributes.ref);
    const indexed = /^resource\.(\d+)(?:\.(.+))?$/.exec(attribute);
    if (indexed) {
      const member = resource.members[indexed[1]!];
      if (!member) throw new Error(`Member '${indexed[1]}' not found in group resource.`);
      return indexed[2] === undefined ? member.attributes.ref : attributeOf(member, indexed[2]);
    }
    return members.map((m) => attributeOf(m, attribute));
  }
  return resource.attributes[attribute] ?? null;
}

/** Heat's description of an output whose template gives none. */
export const NO_DESCRIPTION = 'No description given';

/** The template's parameters with their defaults, the given values over them. */
export function parameterValues(
  template: HotTemplate,
  given: Record<string, unknown>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(template.parameters ?? {}))
    if (spec.default !== undefined) values[name] = spec.default;
  return { ...values, ...given };
}

function resolveOutputs(template: HotTemplate, ev: Evaluation): StackOutput[] {
  return Object.entries(template.outputs ?? {}).map(([key, definition]) => {
    const { value, description } = definition as { value: unknown; description?: string };
    const output: StackOutput = { key, value: null, description: description ?? NO_DESCRIPTION };
    try {
      output.value = ev.resolve(value) ?? null;
    } catch (error) {
      output.error = error instanceof Error ? error.message : String(error);
    }
    return output;
  });
}

/**
 * The outputs Heat shows while a create has made nothing yet (every attribute null, so a URL
 * reads `http:///`) or while a delete runs (each output that refers to a resource fails).
 */
export function transientOutputs(
  template: HotTemplate,
  parameters: Record<string, unknown>,
  context: ModelContext,
  phase: 'unbuilt' | 'deleting',
): StackOutput[] {
  const ev = new Evaluation(
    template.resources ?? {},
    parameterValues(template, parameters),
    context,
    {},
    [],
    0,
    phase,
  );
  return resolveOutputs(template, ev);
}

/** What an action on a stack made of `template` with `parameters` comes to. */
export function modelStack(
  template: HotTemplate,
  parameters: Record<string, unknown>,
  context: ModelContext,
): StackModel {
  const ev = new Evaluation(
    template.resources ?? {},
    parameterValues(template, parameters),
    context,
    context.previous ?? {},
    [],
  );
  const built = Object.keys(template.resources ?? {}).map((name) => ev.build(name));
  const failed = built.flatMap((b) => (b.fails ? [b.fails] : [])).sort((a, b) => a.at - b.at)[0];
  return {
    outputs: resolveOutputs(template, ev),
    waitSecs: failed ? failed.at : Math.max(0, ...built.map((b) => b.endsAt)),
    failure: failed
      ? `Resource ${context.action} failed: ValueError: ${failed.path}: Test Resource failed ${failed.name}`
      : null,
    resources: Object.fromEntries([...ev.built].map(([name, b]) => [name, b.state])),
  };
}
