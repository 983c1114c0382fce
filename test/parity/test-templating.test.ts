/**
 * Port of Python Pecan's pecan/tests/test_templating.py: TestTemplate (the renderer registry,
 * Pecan's `RendererFactory` → our `Renderers`) and TestTemplateLineFormat (`format_line_context`
 * → `formatLineContext`, which takes the template's text rather than a file name). Neither
 * class makes requests, so neither runs through the adapters; the HTTP side of extra template
 * variables is in test/render/templates.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Renderers } from '../../src/render/renderers.js';
import { formatLineContext } from '../../src/render/line-context.js';

describe('test_templating.py TestTemplate', () => {
  let rf: Renderers;
  beforeEach(() => {
    rf = new Renderers();
  });

  it('test_available', () => {
    expect(rf.available('json')).toBe(true);
    expect(rf.available('badrenderer')).toBe(false);
  });

  it('test_create_bad', () => {
    expect(rf.get('doesnotexist')).toBeUndefined();
  });

  it('test_extra_vars', () => {
    const extraVars = rf.extraVars;
    expect(extraVars.makeNamespace({})).toEqual({});

    extraVars.update({ foo: 1 });
    expect(extraVars.makeNamespace({})).toEqual({ foo: 1 });
  });

  it('test_update_extra_vars', () => {
    const extraVars = rf.extraVars;
    extraVars.update({ foo: 1 });

    expect(extraVars.makeNamespace({ bar: 2 })).toEqual({ foo: 1, bar: 2 });
    expect(extraVars.makeNamespace({ foo: 2 })).toEqual({ foo: 2 });
  });
});

describe('test_templating.py TestTemplateLineFormat', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-line-format-'));
    file = path.join(dir, 'template.html');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('test_format_line_context', () => {
    let text = '';
    for (let i = 0; i < 11; i++) text += `Testing Line ${i}\n`;
    fs.writeFileSync(file, text);

    const formatted = formatLineContext(fs.readFileSync(file, 'utf8'), 0);
    expect(formatted.split('Testing Line').length - 1).toBe(10);
  });
});
