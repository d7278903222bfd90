import { CstUtils, GrammarUtils, isLeafCstNode, type LeafCstNode } from 'langium';
import { isAiModel } from '../../../generated/ast.js';
import { AstUtils } from 'langium';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
    [/-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----/, 'a private key'],
    [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
    [/(?:^|[^A-Za-z0-9])sk-(?:proj-|live-|test-|ant-)?[A-Za-z0-9_-]{16,}/, 'an API key'],
    [/\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/, 'a payment API key'],
    [/\bgh[pousr]_[A-Za-z0-9]{30,}/, 'a GitHub token'],
    [/\bgithub_pat_[A-Za-z0-9_]{30,}/, 'a GitHub token'],
    [/\bglpat-[A-Za-z0-9_-]{20,}/, 'a GitLab token'],
    [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
    [/\bAIza[0-9A-Za-z_-]{35}/, 'a Google API key'],
    [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, 'a JSON web token'],
    [/\b(?:password|passwd|pwd)\s*=\s*[^\s"'&,;]{4,}/i, 'a password assignment'],
    [/\b(?:secret|api[_-]?key|access[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|token)\s*=\s*(?=[^\s"'&,;]*\d)[^\s"'&,;]{8,}/i, 'a key or token assignment'],
    [/\b(?:password|passwd|api[_-]?key|client[_-]?secret|access[_-]?token):\s*(?=[^\s"]*\d)(?=[^\s"]*[A-Za-z])[^\s"]{6,}/i, 'a password or key'],
    [/\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"]+:[^\s/@"]+@/i, 'credentials in a URL'],
];

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
    const counts = new Map<string, number>();
    for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
    let bits = 0;
    for (const count of counts.values()) {
        const p = count / text.length;
        bits -= p * Math.log2(p);
    }
    return bits;
}

/**
 * A long random-looking token: letters of both cases and digits, no URL, high entropy, and
 * few word-like runs of lower-case letters (which tell `ClaimsScoringModel2026Release` apart
 * from a key).
 */
function highEntropyToken(text: string): string | undefined {
    for (const token of text.split(/[\s"'`,;()[\]{}<>]+/)) {
        if (token.length < 32 || token.includes('://') || !/^[A-Za-z0-9+/=_.-]+$/.test(token)) continue;
        if (!/\d/.test(token) || !/[A-Z]/.test(token) || !/[a-z]/.test(token)) continue;
        const wordLike = (token.match(/[a-z]{4,}/g) ?? []).join('').length / token.length;
        if (wordLike <= 0.45 && entropy(token) >= 4.0) return token;
    }
    return undefined;
}

/** What kind of secret a string seems to hold, and the matching text; undefined when it looks harmless. */
export function secretIn(text: string): { kind: string; match: string } | undefined {
    for (const [pattern, kind] of PATTERNS) {
        const match = pattern.exec(text);
        if (match) return { kind, match: match[0].replace(/^[^A-Za-z0-9-]/, '') };
    }
    const token = highEntropyToken(text);
    return token ? { kind: 'a long random token (an API key or password?)', match: token } : undefined;
}

/** Enough of the secret to find it, not enough to use it. */
function redact(text: string): string {
    const url = /^([a-z][a-z0-9+.-]*:\/\/[^\s/:@"]+:)[^\s/@"]+@/i.exec(text);
    if (url) return `${url[1]}…@`;
    return `${text.slice(0, Math.min(4, Math.floor(text.length / 4)))}…`;
}

export const secretsMustNotBeInline = defineRule({
    code: 'security/inline-secret',
    title: 'Secrets are referenced by name, never written inline',
    severity: 'error',
    requirements: ['G37'],
    sources: ['Seed 3 "key management"'],
    evidence: 'presence',
    checks: {
        HitlFile: (file, report) => {
            const inline = new Set<number>();
            for (const model of AstUtils.streamAllContents(file).filter(isAiModel)) {
                if (model.inlineCredentials === undefined) continue;
                const cst = GrammarUtils.findNodeForProperty(model.$cstNode, 'inlineCredentials');
                if (cst) inline.add(cst.offset);
                report({
                    node: model,
                    property: 'inlineCredentials',
                    message: `Model ${quoted(model.name)} has its credentials written inline; declare 'secret ${model.name}Key from "vault://…"' and write 'credentials ${model.name}Key' (and rotate the exposed value).`,
                });
            }
            if (!file.$cstNode) return;
            for (const leaf of CstUtils.streamCst(file.$cstNode)) {
                if (!isLeafCstNode(leaf) || leaf.hidden || (leaf as LeafCstNode).tokenType.name !== 'STRING' || inline.has(leaf.offset)) continue;
                const found = secretIn(leaf.text.slice(1, -1));
                if (!found) continue;
                report({
                    node: leaf.astNode,
                    range: leaf.range,
                    message: `This string looks like ${found.kind} (${redact(found.match)}); never write secrets in a .hitl file: declare 'secret <Name> from "vault://…"', refer to it by name, and rotate the exposed value.`,
                });
            }
        },
    },
});
