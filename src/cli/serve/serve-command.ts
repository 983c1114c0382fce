import cluster from 'node:cluster';
import path from 'node:path';
import { CliError, type CliIO, type Command, type OptionValues } from '../command.js';
import { CONFIG_ARGUMENT, resolveConfigPath } from '../config-path.js';
import { runPrimary } from './cluster-primary.js';
import { runReloader } from './reloader.js';
import type { Logger } from '../../core/logger.js';
import { isLoopback, parsePort, resolveAddress, servingLine } from './server-address.js';
import { exitOnSignals } from './shutdown.js';
import { boundPort, startServer } from './start-server.js';
import { resolveLimits } from '../../config/server-limits.js';

const DEFAULT_SHUTDOWN_TIMEOUT_S = 10;

interface ServeSettings {
  host: string | undefined;
  port: number | undefined;
  reload: boolean;
  workers: number;
  shutdownTimeoutMs: number;
}

function positiveNumber(
  value: string | boolean | undefined,
  flag: string,
  fallback: number,
  integer: boolean,
): number {
  if (value === undefined || typeof value === 'boolean') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || (integer && !Number.isInteger(number))) {
    throw new CliError(
      `${flag}: "${value}" is not a positive ${integer ? 'integer' : 'number'}`,
      2,
    );
  }
  return number;
}

function readSettings(values: OptionValues): ServeSettings {
  const text = (value: string | boolean | undefined) =>
    typeof value === 'string' ? value : undefined;
  return {
    host: text(values.host),
    port: values.port === undefined ? undefined : parsePort(values.port, '--port'),
    reload: values.reload === true,
    workers: positiveNumber(values.workers, '--workers', 1, true),
    shutdownTimeoutMs:
      positiveNumber(
        values['shutdown-timeout'],
        '--shutdown-timeout',
        DEFAULT_SHUTDOWN_TIMEOUT_S,
        false,
      ) * 1000,
  };
}

/** The same command line without `--reload`, for the child the reloader runs (§12.3). */
function childArgs(configPath: string, values: OptionValues): string[] {
  const args = ['serve', configPath];
  for (const [name, value] of Object.entries(values)) {
    if (name === 'reload' || name === 'help' || value === undefined || value === false) continue;
    args.push(`--${name}`);
    if (typeof value === 'string') args.push(value);
  }
  return args;
}

/** The debug page shows source and stack traces: only to this machine, or loudly. */
function warnIfDebugIsExposed(debug: boolean, host: string, logger: Logger): void {
  if (debug && !isLoopback(host))
    logger.warn(
      `debug mode is on and the server listens on ${host}: anyone who can reach it sees the debug ` +
        'page (source code, stack traces). Turn app.debug off, or listen on 127.0.0.1.',
    );
}

/** One process serving the app: load, listen, announce, drain on SIGTERM/SIGINT. */
async function serveOne(configPath: string, settings: ServeSettings, io: CliIO): Promise<number> {
  // The framework loads only now: `pecan --help` and `pecan create` stay light.
  const [{ loadProject }, { createAccessLogger, createLogger }] = await Promise.all([
    import('../load-project.js'),
    import('../../config/index.js'),
  ]);
  const { conf, app } = await loadProject(configPath);
  // What a served app needs to be observed: request ids and the access log, unless the config
  // turns them off (an app built by setupApp gets them too).
  const appSection = conf.app as { requestId?: unknown; accessLog?: unknown } | undefined;
  if (appSection?.requestId !== false) app.app.requestIdHeader ??= 'X-Request-Id';
  if (appSection?.accessLog !== false) app.app.accessLog ??= createAccessLogger(conf.logging);
  const address = resolveAddress(
    conf.server as { host?: unknown; port?: unknown } | undefined,
    settings,
  );
  warnIfDebugIsExposed(
    app.app.debug,
    address.host,
    createLogger(conf.logging, 'pecan.commands.serve'),
  );
  const limits = limitsOf(conf.server as Record<string, unknown> | undefined);
  const server = await startServer(app, address, limits);
  exitOnSignals(server, settings.shutdownTimeoutMs, io);
  if (cluster.isPrimary && process.connected) {
    // A `--reload` child: when the reloader is gone, even killed with SIGKILL, stop too.
    process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
  // In a cluster the primary announces the address once, for all workers.
  if (cluster.isPrimary) {
    io.stdout(
      `Starting server in PID ${process.pid}\n${servingLine(address.host, boundPort(server))}\n`,
    );
  }
  return 0;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serves a pecan web application',
  positionals: [CONFIG_ARGUMENT],
  options: {
    host: {
      type: 'string',
      value: 'HOST',
      help: 'listen on HOST (default: server.host of the config, else 0.0.0.0)',
    },
    port: {
      type: 'string',
      short: 'p',
      value: 'PORT',
      help: 'listen on PORT (default: server.port of the config, else 8080)',
    },
    reload: { type: 'boolean', help: "restart when a file under the config's folder changes" },
    workers: {
      type: 'string',
      short: 'w',
      value: 'N',
      help: 'run N processes sharing the port (node:cluster); a crashed one is restarted',
    },
    'shutdown-timeout': {
      type: 'string',
      value: 'SECONDS',
      help: `on SIGTERM/SIGINT, wait this long for in-flight requests (default: ${DEFAULT_SHUTDOWN_TIMEOUT_S})`,
    },
  },
  async run({ values, positionals }, io) {
    const settings = readSettings(values);
    const configPath = resolveConfigPath(positionals[0], io);
    if (settings.reload)
      return runReloader(childArgs(configPath, values), path.dirname(configPath), io);
    if (settings.workers > 1 && cluster.isPrimary)
      return runPrimary(settings.workers, settings.shutdownTimeoutMs, io);
    return serveOne(configPath, settings, io);
  },
};

/** The config's server limits; a bad one stops the command with its message. */
function limitsOf(server: Record<string, unknown> | undefined) {
  try {
    return resolveLimits(server);
  } catch (error) {
    if (error instanceof RangeError) throw new CliError(error.message, 1);
    throw error;
  }
}
