import type { FileSystemProvider, URI } from 'langium';
import { CONFIG_FILE_NAME, parseConfig, type ConfigProblem } from '../settings/config-file.js';
import type { RuleSettingsInput } from '../settings/rule-settings.js';
import { ruleCatalogue } from '../validation/registry.js';

export interface LoadedConfig {
    readonly settings: RuleSettingsInput;
    readonly problems: readonly ConfigProblem[];
}

/**
 * Reads and parses a configuration file. Never throws: a file that cannot be read (a pipe, a
 * device, a link out of the workspace, too large) is one problem at 1:1, and the checker goes on
 * with the defaults.
 */
export async function readConfig(fileSystem: FileSystemProvider, file: URI): Promise<LoadedConfig> {
    let text: string;
    try {
        text = await fileSystem.readFile(file);
    } catch (error) {
        return { settings: {}, problems: [{ message: `${CONFIG_FILE_NAME} cannot be read: it ${describeReadError(error)}; the defaults apply`, line: 1, column: 1 }] };
    }
    return parseWorkspaceConfig(text);
}

/** A configuration file's text, read against the rule catalogue as the checker reads it. */
export function parseWorkspaceConfig(text: string): LoadedConfig {
    return parseConfig(text, new Set(ruleCatalogue.map((rule) => rule.code)));
}

export function describeReadError(error: unknown): string {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return `failed with ${code}`;
    return error instanceof Error ? error.message : String(error);
}

