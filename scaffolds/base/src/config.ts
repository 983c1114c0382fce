import { defineConfig } from 'pecan';

// `pecan serve src/config.ts` (development, through tsx) and `pecan serve dist/config.js` (the
// compiled build) read this file. `${confdir}` is the folder of the config file: src/ or dist/,
// so `${confdir}/..` is the project folder either way.
export default defineConfig({
  // Where `pecan serve` listens; --host and --port override it. Only this machine can
  // connect: the debug page below shows source code and stack traces. Behind a proxy in
  // production, keep 127.0.0.1 (see pecan's docs/deployment.md).
  server: {
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 8080),
  },
  app: {
    // The module whose setupApp(config) builds the app.
    modules: ['./app.js'],
    staticRoot: '${confdir}/../public',
    templatePath: '${confdir}/../templates',
    // Static files and the debug error page, for development only: off when NODE_ENV is
    // production (as under the systemd unit of pecan's docs/deployment.md).
    debug: process.env.NODE_ENV !== 'production',
    errors: {
      404: '/error/404',
    },
  },
  logging: {
    level: 'info',
    loggers: {
      pecan: 'debug',
    },
  },
});
