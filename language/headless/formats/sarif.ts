import { createHash } from 'node:crypto';
import { citationLines } from '../../governance/citations.js';
import { DEFAULT_DOCS_BASE_URL, rulePageUrl } from '../../documentation/rule-links.js';
import type { CheckResult, Finding, Region } from '../check-result.js';
import { WorkspaceError } from '../workspace-check.js';
import type { RuleMeta } from '../../validation/rule.js';

const LEVELS = { error: 'error', warning: 'warning', info: 'note' } as const;

export interface SarifOptions {
    readonly toolVersion: string;
    readonly rules: readonly RuleMeta[];
    /** Rule help text (Markdown) by code; the title is used where a rule has none. */
    readonly help?: (code: string) => string | undefined;
    /** Where the docs folder is published (HITL_DOCS_BASE_URL); rule pages are `rules/<code>.md` under it. */
    readonly docsBaseUrl?: string;
}

/**
 * SARIF wants `helpUri` absolute; a base that is not an absolute URL is a usage error rather
 * than a report that viewers cannot follow. A missing trailing slash is added, so that
 * `…/docs` and `…/docs/` both keep their last segment.
 */
function docsBase(given: string | undefined): string {
    const base = given === undefined || given === '' ? DEFAULT_DOCS_BASE_URL : given;
    if (!URL.canParse(base) || !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(base)) {
        throw new WorkspaceError(`HITL_DOCS_BASE_URL must be an absolute URL such as https://example.org/hitl/docs/, not '${base}'`);
    }
    return new URL(base.endsWith('/') ? base : `${base}/`).href;
}

/**
 * SARIF 2.1.0 as GitHub code scanning ingests it: every rule in tool.driver.rules with help
 * and requirement tags, repo-relative artifact URIs, full regions, related locations and
 * partialFingerprints that survive lines moving.
 */
export function formatSarif(result: CheckResult, options: SarifOptions): string {
    // A finding whose code is not in the catalogue (an internal error, say) still gets a rule,
    // so that every result's ruleId resolves in tool.driver.rules as code scanning expects.
    const base = docsBase(options.docsBaseUrl);
    const known = new Set(options.rules.map((rule) => rule.code));
    const extra = [...new Set(result.files.flatMap((file) => file.findings.map((f) => f.code)))].filter((code) => !known.has(code)).sort();
    const rules = [...options.rules, ...extra.map(uncataloguedRule)];
    const indexOf = new Map(rules.map((rule, index) => [rule.code, index]));
    const fingerprints = partialFingerprints(result);
    const results = result.files.flatMap((file) =>
        file.findings.map((finding) => ({
            ruleId: finding.code,
            ...(indexOf.has(finding.code) ? { ruleIndex: indexOf.get(finding.code) } : {}),
            level: LEVELS[finding.severity],
            message: { text: finding.message },
            locations: [location(finding.path, finding.region)],
            ...(finding.related.length > 0
                ? { relatedLocations: finding.related.map((r, id) => ({ id, ...location(r.path, r.region), message: { text: r.message } })) }
                : {}),
            partialFingerprints: { 'hitlFinding/v1': fingerprints.get(finding)! },
            ...(finding.suppression
                ? {
                      suppressions: [
                          {
                              kind: 'inSource',
                              status: 'accepted',
                              justification: `${finding.suppression.reason} (approved by ${finding.suppression.approver}, expires ${finding.suppression.expires})`,
                          },
                      ],
                  }
                : {}),
        })),
    );
    const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'hitl',
                        version: options.toolVersion,
                        semanticVersion: options.toolVersion,
                        informationUri: 'https://github.com/hitl-dev/hitl',
                        rules: rules.map((rule) => {
                            const page = options.help?.(rule.code);
                            const helpUri = rulePageUrl(rule.code, base);
                            const help = page ? absoluteLinks(page, helpUri) : rule.title;
                            return {
                                id: rule.code,
                                name: ruleName(rule.code),
                                shortDescription: { text: rule.title },
                                fullDescription: { text: rule.title },
                                help: { text: help, markdown: help },
                                ...(page ? { helpUri } : {}),
                                defaultConfiguration: { level: LEVELS[rule.severity] },
                                properties: {
                                    tags: ['governance', ...rule.requirements],
                                    requirements: rule.requirements,
                                    citations: citationLines(rule.requirements),
                                },
                            };
                        }),
                    },
                },
                columnKind: 'utf16CodeUnits',
                results,
            },
        ],
    };
    return JSON.stringify(sarif, null, 2) + '\n';
}

/** Relative Markdown links of a rule page (`../../requirements.md#g01`), resolved against the page, so they work wherever the help is shown. */
function absoluteLinks(markdown: string, pageUri: string): string {
    return markdown.replace(/\]\((?![A-Za-z][A-Za-z0-9+.-]*:|#)([^)\s]+)\)/g, (_, target: string) => `](${new URL(target, pageUri).href})`);
}

function location(path: string, region: Region) {
    return {
        physicalLocation: {
            artifactLocation: { uri: artifactUri(path) },
            region: {
                startLine: region.start.line,
                startColumn: region.start.column,
                endLine: region.end.line,
                endColumn: region.end.column,
            },
        },
    };
}

/**
 * Repository-relative paths become relative URI references, each segment percent-encoded
 * (`encodeURI` would leave `#` and `?`, cutting the path short); absolute paths, for files
 * outside the repository, become `file:` URIs.
 */
function artifactUri(path: string): string {
    const segments = path.split('/');
    if (path.startsWith('/')) return `file://${segments.map(encodeURIComponent).join('/')}`;
    if (/^[A-Za-z]:$/.test(segments[0])) return `file:///${segments[0]}/${segments.slice(1).map(encodeURIComponent).join('/')}`;
    return segments.map(encodeURIComponent).join('/');
}

function uncataloguedRule(code: string): RuleMeta {
    return { code, title: `Finding ${code}`, severity: 'error', requirements: [] };
}

/**
 * Each finding's `hitlFinding/v1` fingerprint: its identity and, for findings alike in code,
 * file and message, which of them it is in order. `hitl check --baseline` matches by it.
 */
export function partialFingerprints(result: CheckResult): Map<Finding, string> {
    const seen = new Map<string, number>();
    const fingerprints = new Map<Finding, string>();
    for (const finding of result.files.flatMap((file) => file.findings)) {
        const key = fingerprintOf(finding);
        const occurrence = (seen.get(key) ?? 0) + 1;
        seen.set(key, occurrence);
        fingerprints.set(finding, `${key}:${occurrence}`);
    }
    return fingerprints;
}

/**
 * Independent of line numbers, so a finding keeps its identity when code above it moves, and
 * of its suppression, so that suppressing an alert closes it rather than opening a new one.
 */
function fingerprintOf(finding: Finding): string {
    const suffix = finding.suppression ? ` (suppressed: ${finding.suppression.reason})` : '';
    const message = suffix && finding.message.endsWith(suffix) ? finding.message.slice(0, -suffix.length) : finding.message;
    return createHash('sha256').update(`${finding.code}\u0000${finding.path}\u0000${message}`).digest('hex').slice(0, 32);
}

/** `flow/dead-end` → `FlowDeadEnd`, the identifier-like name SARIF viewers show. */
function ruleName(code: string): string {
    return code
        .split(/[/-]/)
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('');
}
