/** The repository's docs folder, where rule pages are readable without any set-up. */
export const DEFAULT_DOCS_BASE_URL = 'https://github.com/hitl-dev/hitl/blob/main/docs/';

/** A rule's page under a docs folder's base URL (which ends in '/'): `rules/<code>.md`. */
export function rulePageUrl(code: string, base: string = DEFAULT_DOCS_BASE_URL): string {
    return new URL(`rules/${code}.md`, base).href;
}

/** A VS Code `command:` link that runs the command with the rule's code as its one argument. */
export function ruleCommandLink(command: string, code: string): string {
    return `command:${command}?${encodeURIComponent(JSON.stringify([code]))}`;
}
