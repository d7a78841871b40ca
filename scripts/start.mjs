// `npm start`: set everything up, then serve the Studio (API + web) on the embedded SQLite default.
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { root, setup } from './setup.mjs';

setup({ web: true });

const args = [
  'apps/cli/bin/studio.mjs',
  'serve',
  '--data-dir',
  process.env.STUDIO_DATA_DIR ?? join(root, '.data'),
];
if (process.env.DATABASE_URL) args.push('--database-url', process.env.DATABASE_URL);
if (process.env.PORT) args.push('--port', process.env.PORT);
if (process.env.HOST) args.push('--host', process.env.HOST);
if (process.env.STUDIO_WORKERS) args.push('--workers', process.env.STUDIO_WORKERS);
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
