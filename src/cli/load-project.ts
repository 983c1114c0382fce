import { loadApp, type LoadedApp, type PecanConf } from '../config/index.js';

export interface Project {
  /** The global `conf`, as the config file set it (§12.5 step 1). */
  conf: PecanConf;
  app: LoadedApp;
}

/** Sets `conf` from the config file and builds the app it describes (§12.5 `load_app`). */
export async function loadProject(configPath: string): Promise<Project> {
  const app = await loadApp(configPath);
  return { conf: app.config, app };
}
