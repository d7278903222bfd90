// Debian's Chromium, headless, for the end-to-end suite and the render checks: the flags keep it
// off this machine's closed network and its profile out of the user's home.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export async function launchBrowser(stateDir) {
    const home = path.join(stateDir, 'chromium');
    mkdirSync(home, { recursive: true });
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_CACHE_HOME: path.join(home, '.cache') },
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
}
