import { URI, UriUtils } from 'langium';
import { CONFIG_FILE_NAME } from '../../settings/config-file.js';

export const SCENARIO_SUFFIX = '.scenario.yaml';

/** The hitl YAML files the server checks and completes: the workspace configuration and scenario files. */
export function yamlFileKind(uri: string | URI): 'config' | 'scenario' | undefined {
    const name = UriUtils.basename(typeof uri === 'string' ? URI.parse(uri) : uri);
    if (name === CONFIG_FILE_NAME) return 'config';
    if (name.endsWith(SCENARIO_SUFFIX)) return 'scenario';
    return undefined;
}
