import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO, run } from './cli.js';

/** A git identity and dates of its own, so commits do not depend on the machine's settings. */
const GIT_ENV = {
    GIT_AUTHOR_NAME: 'hitl test',
    GIT_AUTHOR_EMAIL: 'test@example.org',
    GIT_COMMITTER_NAME: 'hitl test',
    GIT_COMMITTER_EMAIL: 'test@example.org',
    GIT_AUTHOR_DATE: '2026-12-01T12:00:00Z',
    GIT_COMMITTER_DATE: '2026-12-01T12:00:00Z',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
};

export function git(cwd: string, ...args: string[]): string {
    const result = run('git', args, { cwd, env: GIT_ENV });
    if (result.code !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
}

/** A new repository holding the samples (and the repository's hitl.config.yaml), committed once. */
export function sampleRepository(prefix: string): string {
    const folder = mkdtempSync(path.join(tmpdir(), prefix));
    mkdirSync(path.join(folder, 'samples'));
    for (const file of readdirSync(path.join(REPO, 'samples')).filter((f) => f.endsWith('.hitl'))) copyFileSync(path.join(REPO, 'samples', file), path.join(folder, 'samples', file));
    copyFileSync(path.join(REPO, 'hitl.config.yaml'), path.join(folder, 'hitl.config.yaml'));
    git(folder, 'init', '--quiet', '--initial-branch=main');
    git(folder, 'add', '.');
    git(folder, 'commit', '--quiet', '-m', 'the samples');
    return folder;
}
