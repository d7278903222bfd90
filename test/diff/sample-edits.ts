import type { WeakeningKind } from '../../language/diff/kinds.js';

/**
 * One edit of the samples per weakening kind, each the smallest a pull request would make, and
 * a neutral refactoring. Each edit names its file and replaces text that must be there exactly
 * once (see `applyEdit`), so a sample that changes cannot silently turn an edit into a no-op.
 */
export interface SampleEdit {
    readonly kind: WeakeningKind;
    readonly requirement: string;
    readonly file: string;
    readonly edit: (text: string) => string;
}

/** Replaces `from` with `to`, insisting that `from` occurs exactly once. */
export function replaceOnce(text: string, from: string, to: string): string {
    const first = text.indexOf(from);
    if (first < 0 || text.indexOf(from, first + 1) >= 0) throw new Error(`expected exactly one occurrence of ${JSON.stringify(from)}`);
    return text.slice(0, first) + to + text.slice(first + from.length);
}

/** Removes a block from its header line to the closing brace at the header's indentation. */
export function removeBlock(text: string, header: string): string {
    const start = text.lastIndexOf('\n', text.indexOf(header)) + 1;
    const indent = /^ */.exec(text.slice(start))![0];
    const close = `\n${indent}}\n`;
    const end = text.indexOf(close, start) + close.length;
    return replaceOnce(text, text.slice(start, end), '');
}

const CREDIT = 'credit-limit-increase.hitl';

export const WEAKENING_EDITS: readonly SampleEdit[] = [
    {
        kind: 'gate-removed',
        requirement: 'G01',
        file: CREDIT,
        edit: (t) => removeBlock(replaceOnce(t, 'on low-confidence -> SeniorReview', 'on low-confidence -> UnderwriterReview'), 'gate SeniorReview'),
    },
    { kind: 'gate-bypassed', requirement: 'G01', file: CREDIT, edit: (t) => replaceOnce(t, '        then UnderwriterReview\n', '        then LimitDecision\n') },
    { kind: 'risk-lowered', requirement: 'G14', file: CREDIT, edit: (t) => replaceOnce(t, '        risk high\n', '        risk medium\n') },
    { kind: 'user-rights-dropped', requirement: 'G34', file: CREDIT, edit: (t) => replaceOnce(t, '        affects user rights\n', '') },
    { kind: 'confidence-loosened', requirement: 'G22', file: CREDIT, edit: (t) => replaceOnce(t, 'confidence threshold 0.8', 'confidence threshold 0.6') },
    { kind: 'sla-lengthened', requirement: 'G18', file: CREDIT, edit: (t) => replaceOnce(t, '        sla 8h\n', '        sla 2d\n') },
    {
        kind: 'timeout-toward-approve',
        requirement: 'G18',
        file: CREDIT,
        edit: (t) => replaceOnce(t, 'to ChiefRiskOfficer via RiskPager within 2d\n        on timeout deny\n    }\n\n    escalation SeniorCreditEscalation', 'to ChiefRiskOfficer via RiskPager within 2d\n        on timeout approve\n    }\n\n    escalation SeniorCreditEscalation'),
    },
    {
        kind: 'escalation-shortened',
        requirement: 'G19',
        file: CREDIT,
        edit: (t) => replaceOnce(t, '        to SeniorUnderwriter via OversightQueue within 8h\n        to HeadOfRetailCredit via RiskPager within 1d\n', '        to SeniorUnderwriter via OversightQueue within 8h\n'),
    },
    {
        kind: 'escalation-authority-lowered',
        requirement: 'G19',
        file: CREDIT,
        edit: (t) => replaceOnce(t, '        to HeadOfRetailCredit via RiskPager within 1d\n        to ChiefRiskOfficer via RiskPager within 2d\n        on timeout deny\n    }\n\n    audit', '        to HeadOfRetailCredit via RiskPager within 1d\n        to SeniorUnderwriter via RiskPager within 2d\n        on timeout deny\n    }\n\n    audit'),
    },
    { kind: 'four-eyes-removed', requirement: 'G06', file: CREDIT, edit: (t) => replaceOnce(t, '        four-eyes\n', '') },
    { kind: 'rationale-removed', requirement: 'G05', file: CREDIT, edit: (t) => replaceOnce(t, '        allows approve, override, reject\n        rationale required\n        no preselection\n        shows ai-output, confidence, explanation, model-version, input\n        sla 8h', '        allows approve, override, reject\n        no preselection\n        shows ai-output, confidence, explanation, model-version, input\n        sla 8h') },
    { kind: 'no-preselection-removed', requirement: 'G05', file: CREDIT, edit: (t) => replaceOnce(t, '        four-eyes\n        no preselection\n', '        four-eyes\n') },
    { kind: 'fallback-skips-manual', requirement: 'G21', file: CREDIT, edit: (t) => replaceOnce(t, 'on abnormal-output use DeclineToManual -> ManualUnderwriting', 'on abnormal-output use DeclineToManual -> SendDeclineLetter') },
    { kind: 'retention-shortened', requirement: 'G27', file: CREDIT, edit: (t) => replaceOnce(t, 'retention 7y', 'retention 1y') },
    { kind: 'audit-field-removed', requirement: 'G25', file: CREDIT, edit: (t) => replaceOnce(t, 'record reviewer, action, rationale, final-result', 'record reviewer, action, final-result') },
    { kind: 'masking-removed', requirement: 'G35', file: CREDIT, edit: (t) => replaceOnce(t, 'LimitApplications.date_of_birth, LimitApplications.customer_id in ai-input, audit', 'LimitApplications.date_of_birth in ai-input, audit') },
    { kind: 'monitor-removed', requirement: 'G38', file: CREDIT, edit: (t) => removeBlock(t, 'misuse RepeatedRequests {') },
    { kind: 'appeal-removed', requirement: 'G34', file: CREDIT, edit: (t) => removeBlock(t, '    appeal {') },
    { kind: 'incident-route-removed', requirement: 'G33', file: CREDIT, edit: (t) => replaceOnce(t, '        notify ChiefRiskOfficer via RiskPager within 24h\n', '') },
    { kind: 'stage-toward-automate', requirement: 'G17', file: CREDIT, edit: (t) => replaceOnce(t, '    stage assist\n', '    stage automate\n') },
    {
        kind: 'suppression-added',
        requirement: 'G39',
        file: CREDIT,
        edit: (t) =>
            replaceOnce(t, '        confidence threshold 0.8\n', '        suppress "fallback/confidence-threshold" {\n            reason "The score is calibrated; every score goes to a person"\n            approver AiGovernanceBoard\n            expires 2099-12-31\n        }\n'),
    },
    { kind: 'model-unreviewed', requirement: 'G28', file: CREDIT, edit: (t) => replaceOnce(t, '    version "4.2.1"\n', '    version "4.3.0"\n') },
];
