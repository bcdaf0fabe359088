import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The suites run the bundles a deploy ships, built from the current sources.
export default function setup() {
  const script = fileURLToPath(new URL('../../api/scripts/build.mjs', import.meta.url));
  execFileSync(process.execPath, [script, 'node', 'vercel', 'worker'], { stdio: 'inherit' });
}
