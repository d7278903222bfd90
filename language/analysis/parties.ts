import { isReference, type AstNode } from 'langium';
import { documentNodes, forEachReference } from './document-nodes.js';
import { isAiActor, isRole, isTeam, type Party, type Workflow } from '../generated/ast.js';
import { partiesIn } from './governance.js';

/** An AI actor, or a team with an AI actor among its members. */
export function includesAi(party: Party | undefined): boolean {
    return [...partiesIn(party)].some(isAiActor);
}

/** Every party a workflow refers to anywhere (RACI, reviewers, owners, alerts, notices …). */
export function partiesReferencedIn(workflow: Workflow, skip: (node: AstNode) => boolean = () => false): Set<Party> {
    const parties = new Set<Party>();
    for (const node of documentNodes(workflow).within(workflow)) {
        if (skip(node)) continue;
        forEachReference(node, ({ reference }) => {
            const target = isReference(reference) ? reference.ref : undefined;
            if (isRole(target) || isTeam(target) || isAiActor(target)) parties.add(target);
        });
    }
    return parties;
}
