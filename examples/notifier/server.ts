/**
 * The notifier as an entry point of its own — mod_wsgi's `app.wsgi`: pecan's `deploy()` on the
 * service's config file, then a server. Passenger loads it through passenger.cjs; compiled by
 * `npm run build:examples`, it is also `node examples/.build/notifier/server.js`.
 */
import { fileURLToPath } from 'node:url';
import { deploy } from 'pecan';
import { serveHosted } from '../shared/hosting.js';
import { notifierOf } from './app.js';

const app = await deploy(fileURLToPath(new URL('./config.js', import.meta.url)));
serveHosted(app, { quiesce: () => notifierOf(app)!.stop() });
