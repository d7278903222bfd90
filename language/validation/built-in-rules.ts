import type { BuiltInRule } from './rule.js';

/** Diagnostics that come from reading the text rather than from a rule's check. */
export const SyntaxInvalidToken: BuiltInRule = {
    code: 'syntax/invalid-token',
    title: 'Text that is not part of the language',
    severity: 'error',
    requirements: [],
};

export const SyntaxParseError: BuiltInRule = {
    code: 'syntax/parse-error',
    title: 'Text that does not follow the grammar',
    severity: 'error',
    requirements: [],
};

export const SyntaxFileTooLarge: BuiltInRule = {
    code: 'syntax/file-too-large',
    title: 'File too large to parse',
    severity: 'error',
    requirements: [],
};

export const SyntaxBinaryContent: BuiltInRule = {
    code: 'syntax/binary-content',
    title: 'File holds binary data, not text',
    severity: 'error',
    requirements: [],
};

export const SyntaxInvalidEncoding: BuiltInRule = {
    code: 'syntax/invalid-encoding',
    title: 'File is not valid UTF-8',
    severity: 'error',
    requirements: [],
};

export const ReferenceUnresolved: BuiltInRule = {
    code: 'reference/unresolved',
    title: 'Reference to something that is not declared',
    severity: 'error',
    requirements: ['G12'],
};

export const ConfigInvalid: BuiltInRule = {
    code: 'config/invalid',
    title: 'hitl.config.yaml that cannot be read or applied',
    severity: 'error',
    requirements: [],
};

export const builtInRules: readonly BuiltInRule[] = [
    ConfigInvalid,
    SyntaxInvalidToken,
    SyntaxParseError,
    SyntaxFileTooLarge,
    SyntaxBinaryContent,
    SyntaxInvalidEncoding,
    ReferenceUnresolved,
];
