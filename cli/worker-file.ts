import * as path from 'node:path';

/** A worker thread's bundle, which esbuild.mjs writes beside the CLI's: dist/<name>.cjs. */
export function bundledWorker(name: 'simulate-worker' | 'check-worker'): string {
    return path.join(__dirname, `${name}.cjs`);
}
