import { defineConfig } from 'pecan';

// The configuration the tests load: like ../config.ts, without logging.
export default defineConfig({
  server: {
    host: '127.0.0.1',
    port: 8080,
  },
  app: {
    modules: ['../app.js'],
    debug: true,
  },
});
