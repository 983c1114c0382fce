/** The four built-in template engines, with the same small templates written in each syntax. */
export interface EngineCase {
  name: 'eta' | 'nunjucks' | 'ejs' | 'handlebars';
  /** `Hello, <name>!` escaped, then the same value raw. */
  greet: string;
  /** Includes `part.html` from the same folder. */
  includesPart: string;
  /** Prints `name`, with a version marker the reload tests change. */
  part: (version: string) => string;
  /** Prints the extra variable `site` and `name`. */
  site: string;
}

export const ENGINES: EngineCase[] = [
  {
    name: 'eta',
    greet: '<p>Hello, <%= it.name %>!</p><div><%~ it.name %></div>',
    includesPart: '<main><%~ include("./part.html") %></main>',
    part: (version) => `part ${version} <%= it.name %>`,
    site: '<%= it.site %>: <%= it.name %>',
  },
  {
    name: 'nunjucks',
    greet: '<p>Hello, {{ name }}!</p><div>{{ name | safe }}</div>',
    includesPart: '<main>{% include "part.html" %}</main>',
    part: (version) => `part ${version} {{ name }}`,
    site: '{{ site }}: {{ name }}',
  },
  {
    name: 'ejs',
    greet: '<p>Hello, <%= name %>!</p><div><%- name %></div>',
    includesPart: '<main><%- include("part.html") %></main>',
    part: (version) => `part ${version} <%= name %>`,
    site: '<%= site %>: <%= name %>',
  },
  {
    name: 'handlebars',
    greet: '<p>Hello, {{name}}!</p><div>{{{name}}}</div>',
    includesPart: '<main>{{> part}}</main>',
    part: (version) => `part ${version} {{name}}`,
    site: '{{site}}: {{name}}',
  },
];
