import { escapeHtml } from './escape-html.js';

/**
 * An HTML excerpt of a template around a failing line, escaped, the line highlighted (Pecan's
 * `format_line_context`, §10). Without a line, the first `context` lines are shown.
 */
export function formatLineContext(source: string, line?: number, context = 10): string {
  const lines = source.replace(/\r?\n$/, '').split(/\r?\n/);
  const at = line === undefined || line < 1 || line > lines.length ? -1 : line - 1;
  const start = at === -1 ? 0 : Math.max(at - context, 0);
  const end =
    at === -1 ? Math.min(context, lines.length) : Math.min(at + context + 1, lines.length);
  const width = String(end).length;
  const rows: string[] = [];
  for (let i = start; i < end; i++) {
    const text = `${String(i + 1).padStart(width)}  ${escapeHtml(lines[i]!)}`;
    rows.push(i === at ? `<strong class="error-line">${text}</strong>` : text);
  }
  return `<pre class="line-context">${rows.join('\n')}</pre>`;
}
