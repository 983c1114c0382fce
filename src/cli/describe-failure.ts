import { isConfigError } from '../config/config-error.js';

/**
 * One line for an error a command could not recover from. A configuration mistake's message
 * already names the file and the fix; anything else (the app's own code throwing at start-up)
 * gets its type and the place it was thrown, so the line alone says where to look.
 */
export function describeFailure(error: unknown, withStack: boolean): string {
  if (!(error instanceof Error)) return String(error);
  const message = error.message.replace(/\s*\n\s*/g, ' ');
  if (isConfigError(error)) return message;
  const type = error.name === 'Error' ? '' : `${error.name}: `;
  const place = withStack ? undefined : thrownAt(error);
  return `${type}${message}${place === undefined ? '' : ` (at ${place})`}`;
}

/** The first stack frame outside Node's internals: `/srv/app/src/app.ts:12:9`. */
function thrownAt(error: Error): string | undefined {
  for (const line of (error.stack ?? '').split('\n').slice(1)) {
    const frame = /\(?((?:file:\/\/)?\/[^()]+:\d+:\d+)\)?$/.exec(line.trim());
    if (frame && !frame[1]!.includes('node:internal')) return frame[1]!.replace(/^file:\/\//, '');
  }
  return undefined;
}
