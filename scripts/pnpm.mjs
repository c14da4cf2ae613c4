// Runs the pinned pnpm through npx, so a machine with only Node and npm needs nothing installed globally.
// (corepack fails its signature check on these machines' Node 20.)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const result = spawnSync('npx', ['--yes', packageManager, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    npm_config_loglevel: process.env.npm_config_loglevel ?? 'error',
    // turbo reports usage by default; a self-hosted ERP's tooling must not phone home either.
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
  },
});
process.exit(result.status ?? 1);
