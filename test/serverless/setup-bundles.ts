import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The suites run the bundles a deploy ships, built from the current sources.
export default function setup() {
  const script = (name: string) => fileURLToPath(new URL(`../../api/scripts/${name}`, import.meta.url));
  execFileSync(process.execPath, [script('build.mjs'), 'node', 'vercel', 'worker'], { stdio: 'inherit' });
  // The Vercel deployment's layout (.vercel/output), whose function the Vercel suite imports.
  execFileSync(process.execPath, [script('vercel-output.mjs')], { stdio: 'inherit' });
}
