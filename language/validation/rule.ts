import type { AstNode, DiagnosticInfo, ValidationAcceptor } from 'langium';
import { DiagnosticTag, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver-types';
import type { HitlAstType, Suppression } from '../generated/ast.js';
import type { HitlCoreServices } from '../hitl-module.js';
import { locationOf } from '../util/locations.js';
import { MAX_RELATED } from '../analysis/caps.js';
import { markUsed, suppressionInfo } from './suppressions.js';

export type Severity = 'error' | 'warning' | 'info';

/** What the catalogue says about a rule: everything but its checks. */
export interface RuleMeta {
    /** Stable code shaped `area/rule-name`; never reused for another meaning. */
    readonly code: string;
    readonly title: string;
    readonly severity: Severity;
    /** Requirement ids from docs/requirements.md (G01…G40); their citations are in governance/citations.ts. */
    readonly requirements: readonly string[];
    /**
     * What the rule's findings rest on. `presence`: something written is wrong (a value, a
     * duplicate); such findings stand in a file with syntax errors. `absence`, the default:
     * something is missing, or a path exists or does not; a syntax error can drop what the
     * rule looks for, so its findings are held back where the text may be incomplete.
     */
    readonly evidence?: 'presence' | 'absence';
}

export interface RelatedNode {
    readonly node: AstNode;
    readonly message: string;
}

export interface Finding<N extends AstNode = AstNode> {
    readonly node: N;
    readonly message: string;
    readonly property?: DiagnosticInfo<N>['property'];
    readonly keyword?: string;
    readonly index?: number;
    /** An explicit range inside the node's document, for findings on a single token. */
    readonly range?: Range;
    readonly related?: readonly RelatedNode[];
    /**
     * `presence` for a finding about a value as written (a zero SLA, a date that does not
     * exist) in a rule that otherwise reasons about absences: it stands where the text may be
     * incomplete, as a presence rule's findings do.
     */
    readonly evidence?: 'presence';
}

export type Report = <N extends AstNode>(finding: Finding<N>) => void;

export type RuleChecks = {
    [K in keyof HitlAstType]?: (node: HitlAstType[K], report: Report) => void;
};

/**
 * What a rule's findings in one file read from other files beyond the declarations the file
 * references (directly or through other declarations), which every rule may read. The editor
 * re-checks a file after edits to whatever it reads (see workspace/document-builder.ts).
 */
export interface CrossFileReads {
    /** Other files' declarations of the names this file declares. */
    readonly sameNames?: boolean;
    /** The files that refer, directly or not, to this file's top-level declarations of these types. */
    readonly referrersOf?: ReadonlyArray<keyof HitlAstType>;
}

export interface HitlRule extends RuleMeta {
    /** The checks, or a factory for checks that need workspace services (the index, say). */
    readonly checks: RuleChecks | ((services: HitlCoreServices) => RuleChecks);
    readonly crossFile?: CrossFileReads;
}

/** Rules emitted by the parser, linker or document validator rather than by a check. */
export type BuiltInRule = RuleMeta;

export function defineRule(rule: HitlRule): HitlRule {
    return rule;
}

/** Where a finding stands once suppressions are taken into account. */
export interface ReportContext {
    readonly severity: Severity;
    /** The suppression in force for a finding, if any; it is then reported as a hint. */
    readonly suppressionFor: (node: AstNode, code: string) => Suppression | undefined;
}

/**
 * Adapts a rule's findings to Langium's acceptor, stamping code, severity and related
 * locations. A suppressed finding is still reported, as a hint that carries the suppression,
 * so that editors dim it and `hitl check` lists it in json and SARIF output.
 */
export function reporterFor(rule: RuleMeta, accept: ValidationAcceptor, context: ReportContext): Report {
    return (finding) => {
        const relatedInformation: DiagnosticRelatedInformation[] = [];
        const related = finding.related ?? [];
        for (const { node, message } of related.slice(0, MAX_RELATED)) {
            const location = locationOf(node);
            if (location) relatedInformation.push({ location, message });
        }
        // No finding grows with the workflow: past the cap, the message says how many are left out.
        const more = related.length > MAX_RELATED ? ` (and ${related.length - MAX_RELATED} more related locations)` : '';
        const message = `${finding.message}${more}`;
        const suppression = context.suppressionFor(finding.node, rule.code);
        if (suppression) markUsed(suppression);
        accept(suppression ? 'hint' : context.severity, suppression ? `${message} (suppressed: ${suppression.reason})` : message, {
            node: finding.node,
            property: finding.property,
            keyword: finding.keyword,
            index: finding.index,
            range: finding.range,
            code: rule.code,
            data: suppression ? { code: rule.code, severity: context.severity, suppression: suppressionInfo(suppression) } : { code: rule.code },
            tags: suppression ? [DiagnosticTag.Unnecessary] : undefined,
            relatedInformation: relatedInformation.length > 0 ? relatedInformation : undefined,
        } as DiagnosticInfo<typeof finding.node>);
    };
}
