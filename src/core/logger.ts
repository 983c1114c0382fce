/** The logger pecan writes to: `console`, pino, or anything with these methods. */
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  debug(message: string, ...details: unknown[]): void;
}

/** Errors and warnings to the console; info and debug are silent unless asked for. */
export const defaultLogger: Logger = {
  error: (message, ...details) => console.error(message, ...details),
  warn: (message, ...details) => console.warn(message, ...details),
  info: () => {},
  debug: () => {},
};
