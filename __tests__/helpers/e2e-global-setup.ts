/**
 * The e2e project's setup: the suite's private Redis (shared with the integration project: global-setup.ts starts
 * it once, whichever project comes first) and a fresh build of the web UI into dist/web (vite, web/vite.config.mts).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import globalSetup from './global-setup';

export default async function e2eGlobalSetup(): Promise<void> {
  await globalSetup();
  const root = path.resolve(__dirname, '../..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.mts'],
    {
      cwd: root,
      stdio: 'pipe',
    },
  );
}
