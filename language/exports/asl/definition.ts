/**
 * The Amazon States Language definition the export builds: the subset of ASL (JSONPath query
 * language) it writes. Plain JSON data, so it can be written as is.
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A Choice rule: a data test on `Variable`, or `And`/`Or`/`Not` over rules; a top-level rule also has `Next`. */
export type ChoiceRule = JsonObject;

export interface AslState {
    readonly Type: 'Task' | 'Pass' | 'Choice' | 'Succeed' | 'Fail';
    readonly [field: string]: Json | undefined;
}

export interface AslDefinition {
    readonly Comment: string;
    readonly StartAt: string;
    readonly States: Readonly<Record<string, AslState>>;
}
