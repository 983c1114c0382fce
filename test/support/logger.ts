import type { Logger } from '../../src/index.js';

export interface RecordingLogger extends Logger {
  lines: { level: 'error' | 'warn' | 'info' | 'debug'; message: string; details: unknown[] }[];
}

/** A logger that records instead of printing: pass it as `makeApp(root, { logger })`. */
export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const record =
    (level: RecordingLogger['lines'][number]['level']) =>
    (message: string, ...details: unknown[]) => {
      lines.push({ level, message, details });
    };
  return {
    lines,
    error: record('error'),
    warn: record('warn'),
    info: record('info'),
    debug: record('debug'),
  };
}

/** A logger that drops everything, for tests that provoke errors on purpose. */
export const quiet: Logger = { error() {}, warn() {}, info() {}, debug() {} };
