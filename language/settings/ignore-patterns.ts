import { Minimatch } from 'minimatch';

/**
 * Whether a workspace-relative path (forward slashes) is ignored by the config's `ignore`
 * patterns. As in `.gitignore`, a pattern that names a folder ignores everything under it, and a
 * pattern without a slash matches a name at any depth (`*.draft.hitl`).
 */
export type IgnoreMatcher = (relativePath: string) => boolean;

export function ignoreMatcher(patterns: readonly string[]): IgnoreMatcher {
    if (patterns.length === 0) return () => false;
    // `dir/**` and `dir/` mean the folder itself: the ancestor walk below covers what is inside it,
    // and the folder then counts as ignored too (naming an ignored folder overrides its patterns).
    const matchers = patterns.map((pattern) => new Minimatch(pattern.replace(/(\/\*\*)*\/*$/, '') || pattern, { dot: true, matchBase: true }));
    const matchesItself = (relative: string) => matchers.some((matcher) => matcher.match(relative));
    return (relativePath) => {
        const parts = relativePath.split('/');
        for (let end = 1; end <= parts.length; end++) {
            if (matchesItself(parts.slice(0, end).join('/'))) return true;
        }
        return false;
    };
}
