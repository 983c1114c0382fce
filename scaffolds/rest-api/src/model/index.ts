/**
 * Called once when the app starts (see setupApp in ../app.ts).
 *
 * If you need to connect to a database configured in the config file (read it from `conf`,
 * exported by 'pecan'), create tables or warm caches, this is the place to do it.
 */
export function initModel(): void {}
