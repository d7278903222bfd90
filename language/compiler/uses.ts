import { AstUtils, type AstNode } from 'langium';
import { isHitlFile, isSuppression, isWorkflow, type TopLevel, type Workflow } from '../generated/ast.js';

/**
 * The shared declarations a workflow uses: those it names, and those they name in turn (an AI
 * actor's model, the model's credentials, a team's members, an escalation's levels and the
 * chain it hands over to, the channels that reach each party). Suppression approvers are not
 * uses: they sign off a finding, they take no part in the workflow.
 */
export class DeclarationUses {
    /** What each shared declaration names directly: walked once, however many workflows use it. */
    private readonly direct = new Map<TopLevel, Set<TopLevel>>();

    usedBy(workflow: Workflow): Set<TopLevel> {
        const used = new Set<TopLevel>();
        const pending = [...namedBy(workflow)];
        while (pending.length > 0) {
            const declaration = pending.pop()!;
            if (used.has(declaration)) continue;
            used.add(declaration);
            let names = this.direct.get(declaration);
            if (!names) {
                names = namedBy(declaration);
                this.direct.set(declaration, names);
            }
            for (const next of names) if (!used.has(next)) pending.push(next);
        }
        return used;
    }
}

/** The top-level declarations other than workflows that a node's subtree names, suppressions left out. */
function namedBy(root: AstNode): Set<TopLevel> {
    const named = new Set<TopLevel>();
    const nodes = AstUtils.streamAst(root).iterator();
    for (let next = nodes.next(); !next.done; next = nodes.next()) {
        const node = next.value;
        if (isSuppression(node)) {
            nodes.prune();
            continue;
        }
        for (const { reference } of AstUtils.streamReferences(node)) {
            const target = 'ref' in reference ? reference.ref : undefined;
            const declaration = target ? topLevelOf(target) : undefined;
            if (declaration && !isWorkflow(declaration)) named.add(declaration);
        }
    }
    return named;
}

/** The top-level declaration a node belongs to (a dataset for its field). */
export function topLevelOf(node: AstNode): TopLevel | undefined {
    let current: AstNode | undefined = node;
    while (current && !isHitlFile(current.$container)) current = current.$container;
    return current as TopLevel | undefined;
}
