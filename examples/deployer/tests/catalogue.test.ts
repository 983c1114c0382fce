import { describe, expect, it } from 'vitest';
import {
  APPS,
  describeApp,
  findApp,
  isSecretOutput,
  MANAGED_PARAMETERS,
  templatesOf,
} from '../domain/catalogue.js';
import { strReplace } from '../drivers/hot-functions.js';
import { modelStack } from '../drivers/hot-model.js';
import { checkResource } from './fake-heat.js';
import { FakeOpenStack } from './fake-openstack.js';

/** The resource types Heat runs by itself, without any other OpenStack service. */
const HEAT_ONLY = [
  'OS::Heat::TestResource',
  'OS::Heat::RandomString',
  'OS::Heat::None',
  'OS::Heat::ResourceGroup',
];

function typesIn(resources: Record<string, any>): string[] {
  return Object.values(resources).flatMap((r) =>
    r.type === 'OS::Heat::ResourceGroup'
      ? [r.type, ...typesIn({ member: r.properties.resource_def })]
      : [r.type],
  );
}

const context = { action: 'CREATE', stackName: 'deployer-1', stackId: 'id-1' } as const;

describe('the two template sets', () => {
  it('declare the same parameters, with the test knobs added, and the same outputs', () => {
    for (const app of APPS) {
      const { nova, test } = app.templates;
      expect(test.heat_template_version).toBe(nova.heat_template_version);
      const { wait_secs, simulate_failure, ...rest } = test.parameters;
      expect(rest, app.id).toEqual(nova.parameters);
      expect(wait_secs?.type).toBe('number');
      expect(simulate_failure).toMatchObject({ type: 'boolean', default: false });
      expect(Object.keys(test.outputs ?? {}), app.id).toEqual(Object.keys(nova.outputs ?? {}));
    }
  });

  it('builds the test set from Heat’s own resources only, with properties Heat 19 knows', () => {
    const cloud = new FakeOpenStack();
    cloud.compute = false;
    for (const app of APPS) {
      expect(new Set(typesIn(app.templates.test.resources)), app.id).toSatisfy(
        (types: Set<string>) => [...types].every((type) => HEAT_ONLY.includes(type)),
      );
      for (const [name, resource] of Object.entries(app.templates.test.resources))
        expect(checkResource(`resources.${name}`, resource, cloud), `${app.id} ${name}`).toBeNull();
    }
    // The nova set needs compute: a cloud without it refuses it, as Heat does.
    const server = findApp('wordpress')!.templates.nova.resources.db_server;
    expect(checkResource('resources.db_server', server, cloud)).toMatch(
      /HEAT-E99001 Service nova is not available for resource type OS::Nova::Server/,
    );
    expect(
      checkResource(
        'resources.x',
        { type: 'OS::Heat::TestResource', properties: { delay: 1 } },
        cloud,
      ),
    ).toBe('Property error: : resources.x.properties: : Unknown Property delay');
  });

  it('resolves each test template’s outputs: a URL, passwords, the servers', () => {
    const params = { flavor: 'm1.small', count: 2, wait_secs: 3 };
    const site = modelStack(findApp('static-site')!.templates.test, params, context);
    expect(site.outputs).toEqual([
      {
        key: 'url',
        value: 'http://deployer-1.example.test/',
        description: 'The site, through the load balancer',
      },
      {
        key: 'servers',
        value: [
          'web-0 (m1.small, ubuntu-22.04 on private): My site',
          'web-1 (m1.small, ubuntu-22.04 on private): My site',
        ],
        description: 'The web servers',
      },
    ]);
    expect(site.waitSecs).toBe(3); // servers and load balancer in parallel
    expect(site.failure).toBeNull();

    const blog = modelStack(findApp('wordpress')!.templates.test, params, context);
    const password = blog.outputs.find((o) => o.key === 'admin_password')!.value;
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(blog.waitSecs).toBe(6); // the web servers wait for the database server

    const app = modelStack(findApp('three-tier')!.templates.test, params, context);
    expect(app.outputs.find((o) => o.key === 'db_password')!.value).toMatch(/^[A-Za-z0-9]{24}$/);
  });

  it('fails a create on simulate_failure as Heat words it, and keeps passwords across updates', () => {
    const template = findApp('wordpress')!.templates.test;
    const failed = modelStack(
      template,
      { count: 2, simulate_failure: true, wait_secs: 1 },
      context,
    );
    expect(failed.failure).toBe(
      'Resource CREATE failed: ValueError: resources.web_servers.resources[0]: Test Resource failed 0',
    );
    expect(failed.outputs.find((o) => o.key === 'servers')!.value).toEqual([null, null]);

    const created = modelStack(template, { count: 1, wait_secs: 5 }, context);
    const password = (m: typeof created) =>
      m.outputs.find((o) => o.key === 'admin_password')!.value;
    const update = { ...context, action: 'UPDATE' as const, previous: created.resources };
    const same = modelStack(template, { count: 1, wait_secs: 5 }, update);
    expect(same.waitSecs).toBe(0); // nothing changed: Heat leaves every resource alone
    expect(password(same)).toBe(password(created));
    const scaled = modelStack(template, { count: 3, wait_secs: 5 }, update);
    expect(scaled.waitSecs).toBe(5); // only the two new servers are created
    expect(password(scaled)).toBe(password(created));
    const resized = modelStack(template, { count: 1, flavor: 'm1.large', wait_secs: 5 }, update);
    expect(resized.waitSecs).toBe(10); // the database server, then the web server
  });
});

describe('templatesOf', () => {
  it('reads a set’s name or the test set with its delay', () => {
    expect(templatesOf(undefined)).toEqual({ kind: 'nova', waitSecs: 0 });
    expect(templatesOf('test')).toEqual({ kind: 'test', waitSecs: 0 });
    expect(templatesOf({ kind: 'test', waitSecs: 2 })).toEqual({ kind: 'test', waitSecs: 2 });
    expect(() => templatesOf('heat' as never)).toThrow(/unknown set "heat" \(nova or test\)/);
    expect(() => templatesOf({ kind: 'test', waitSecs: -1 })).toThrow(/waitSecs/);
  });

  it('shows the set in use, its delay as wait_secs’ default, and which outputs are secret', () => {
    const described = describeApp(findApp('wordpress')!, { kind: 'test', waitSecs: 4 });
    expect(described.templateSet).toBe('test');
    expect(described.template).toBe(findApp('wordpress')!.templates.test);
    expect(described.parameters.find((p) => p.name === 'wait_secs')).toMatchObject({
      default: 4,
      managed: true,
    });
    expect(described.outputs).toContainEqual({
      name: 'admin_password',
      description: 'The password of the WordPress user admin',
      secret: true,
    });
    expect(MANAGED_PARAMETERS).toContain('wait_secs');
    expect(isSecretOutput('url')).toBe(false);
    expect(isSecretOutput('ssh_private_key')).toBe(true);
  });
});

describe('str_replace, as Heat 19 does it', () => {
  it('replaces the longest key first and never searches a value for keys', () => {
    expect(strReplace('net network', { net: 'N', network: 'private net' })).toBe('N private net');
    expect(strReplace('a=$a b=$b c=$c d=$d', { $a: 2, $b: true, $c: null, $d: ['x', 'y'] })).toBe(
      'a=2 b=True c= d=["x", "y"]',
    );
  });
});
