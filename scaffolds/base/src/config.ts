import { defineConfig } from 'pecan';

// `pecan serve src/config.ts` (development, through tsx) and `pecan serve dist/config.js` (the
// compiled build) read this file. `${confdir}` is the folder of the config file: src/ or dist/,
// so `${confdir}/..` is the project folder either way.
export default defineConfig({
  // Where `pecan serve` listens; --host and --port override it.
  server: {
    host: '0.0.0.0',
    port: 8080,
  },
  app: {
    // The module whose setupApp(config) builds the app.
    modules: ['./app.js'],
    staticRoot: '${confdir}/../public',
    templatePath: '${confdir}/../templates',
    // Static files and the debug error page; turn it off in production.
    debug: true,
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
