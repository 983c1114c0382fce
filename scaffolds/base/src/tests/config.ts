import { defineConfig } from 'pecan';

// The configuration the tests load: like ../config.ts, without logging. `${confdir}` is the
// folder of this file (src/tests or dist/tests).
export default defineConfig({
  server: {
    host: '127.0.0.1',
    port: 8080,
  },
  app: {
    modules: ['../app.js'],
    staticRoot: '${confdir}/../../public',
    templatePath: '${confdir}/../../templates',
    debug: true,
    errors: {
      404: '/error/404',
    },
  },
});
