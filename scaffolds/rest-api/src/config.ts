import { defineConfig } from 'pecan';

// `pecan serve src/config.ts` (development, through tsx) and `pecan serve dist/config.js` (the
// compiled build) read this file.
export default defineConfig({
  // Where `pecan serve` listens; --host and --port override it.
  server: {
    host: '0.0.0.0',
    port: 8080,
  },
  app: {
    // The module whose setupApp(config) builds the app.
    modules: ['./app.js'],
    // The debug error page; turn it off in production.
    debug: true,
  },
  logging: {
    level: 'info',
    loggers: {
      pecan: 'debug',
    },
  },
});
