import { lookup } from '../model/lookup.js';
import { escalationsEnteredBy, refKey } from '../model/parties.js';
import type { Escalation, HitlModel, Party, Workflow } from '../model/schema.js';
import { ranked, weakening, type Change } from './change.js';
import { timeoutRank } from './steps.js';
import { actionText } from './wording.js';

/** The authority an item reaches at a party: a team counts with what it has as a target. */
function authorityOf(party: Party | undefined): number {
    if (!party || party.kind === 'ai-actor') return -Infinity;
    return (party.kind === 'team' ? party.authorityAsTarget : undefined) ?? party.authority ?? -Infinity;
}

function chainText(escalation: Escalation): string {
    const levels = escalation.chain.levels.map((level) => level.party ?? '?');
    return `${levels.join(' → ') || '(no levels)'}; on timeout ${actionText(escalation.chain.onTimeout)}`;
}

/** Changes to the escalation chains a workflow's steps enter: fewer levels, a lower final authority, a timeout nearer approving. */
export function escalationChanges(baseModel: HitlModel, headModel: HitlModel, base: Workflow, head: Workflow): Change[] {
    const after = new Map(escalationsEnteredBy(headModel, head).map((e) => [refKey(e), e]));
    const changes: Change[] = [];
    for (const was of escalationsEnteredBy(baseModel, base)) {
        const is = after.get(refKey(was));
        const element = `escalation ${was.id}`;
        if (!is) {
            // Its steps no longer hand items to it: a chain of no levels.
            changes.push(weakening('escalation-shortened', { element, message: `${element} is no longer entered by any step of ${head.id}: its ${was.chain.levels.length} levels are gone.`, before: chainText(was), source: head.source }));
            continue;
        }
        const facts = { element, before: chainText(was), after: chainText(is), source: is.source };
        const [levelsBefore, levelsAfter] = [was.chain.levels.length, is.chain.levels.length];
        changes.push(...ranked(-levelsBefore, -levelsAfter, 'escalation-shortened', 'escalation-lengthened', (weaker) => ({ ...facts, message: `${element} has ${levelsAfter} levels instead of ${levelsBefore}${weaker ? '' : ' (more)'}.` })));
        const [top, newTop] = [was.chain.levels.at(-1)?.party, is.chain.levels.at(-1)?.party];
        const [authority, newAuthority] = [authorityOf(lookup(baseModel).parties.get(top ?? '')), authorityOf(lookup(headModel).parties.get(newTop ?? ''))];
        changes.push(
            ...ranked(-authority, -newAuthority, 'escalation-authority-lowered', 'escalation-authority-raised', (weaker) => ({
                ...facts,
                message: `${element} now ends at ${newTop ?? 'nobody'} (authority ${Number.isFinite(newAuthority) ? newAuthority : 'none'}) instead of ${top ?? 'nobody'} (authority ${Number.isFinite(authority) ? authority : 'none'})${weaker ? '' : ', higher'}.`,
            })),
        );
        changes.push(
            ...ranked(timeoutRank(was.chain.onTimeout?.kind), timeoutRank(is.chain.onTimeout?.kind), 'timeout-toward-approve', 'timeout-toward-deny', (weaker) => ({
                ...facts,
                message: `${element}: when its last level times out, it now does ${actionText(is.chain.onTimeout)} instead of ${actionText(was.chain.onTimeout)}${weaker ? ', nearer approving' : ''}.`,
            })),
        );
    }
    return changes;
}
