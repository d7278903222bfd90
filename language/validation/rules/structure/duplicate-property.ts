import { AstUtils, GrammarAST, isCompositeCstNode, isLeafCstNode, type AstNode, type CompositeCstNode, type CstNode } from 'langium';
import { documentNodes } from '../../../analysis/document-nodes.js';
import { defineRule } from '../../rule.js';

/**
 * A block states each single-valued property once. The parser keeps only the last of two
 * `sla` lines, so a repeated line would silently change what the workflow means.
 */
export const propertiesMustNotRepeat = defineRule({
    code: 'structure/duplicate-property',
    title: 'A property is stated once per block',
    severity: 'error',
    requirements: [],
    evidence: 'presence',
    checks: {
        HitlFile: (file, report) => {
            for (const node of documentNodes(file).all) {
                const cst = ownCstNode(node.$cstNode);
                if (!cst) continue;
                // What a token of the block is assigned through when its own grammar element is in no assignment: the same for all of them.
                const owner = cst.astNode;
                const enclosing = assignmentFrom(cst, owner);
                const firstByFeature = new Map<string, CstNode>();
                cst.content.forEach((child, position) => {
                    // `assignmentOf(child)`, with the climb above the block done once for all its tokens.
                    const own = isCompositeCstNode(child) ? child.astNode === owner : true;
                    const assignment = own ? (assignmentAroundElement(child.grammarSource) ?? enclosing) : undefined;
                    if (!assignment || assignment.operator === '+=') return;
                    const first = firstByFeature.get(assignment.feature);
                    if (!first) {
                        firstByFeature.set(assignment.feature, child);
                        return;
                    }
                    const lead = leadingKeywords(cst.content, position);
                    const start = lead[0]?.range.start ?? child.range.start;
                    const words = lead.map((leaf) => leaf.text).join(' ') || assignment.feature;
                    report({
                        node,
                        range: { start, end: child.range.end },
                        message: `'${words}' is already stated in this block (line ${first.range.start.line + 1}); keep one of them.`,
                    });
                });
            }
        },
    },
});

/** The grammar assignment around each grammar element; the grammar is fixed, so each is looked up once. */
const assignmentAround = new WeakMap<GrammarAST.AbstractElement, GrammarAST.Assignment | null>();

/**
 * `GrammarUtils.findAssignment`, with the climb through the grammar remembered per grammar
 * element: called for every token of every file, the climb was most of this rule's time.
 */
function assignmentOf(cst: CstNode): GrammarAST.Assignment | undefined {
    return assignmentFrom(cst, cst.astNode);
}

/** The first assignment around the grammar elements of `cst` and of its containers, while they build `astNode`. */
function assignmentFrom(cst: CstNode, astNode: AstNode): GrammarAST.Assignment | undefined {
    for (let current = cst; astNode === current.container?.astNode; current = current.container!) {
        const assignment = assignmentAroundElement(current.grammarSource);
        if (assignment) return assignment;
    }
    return undefined;
}

function assignmentAroundElement(source: GrammarAST.AbstractElement | undefined): GrammarAST.Assignment | undefined {
    if (!source) return undefined;
    let assignment = assignmentAround.get(source);
    if (assignment === undefined) {
        assignment = AstUtils.getContainerOfType(source, GrammarAST.isAssignment) ?? null;
        assignmentAround.set(source, assignment);
    }
    return assignment ?? undefined;
}

/** A node reached through a union rule (`Step` → `Gate`) sits inside a wrapper; unwrap to its own tokens. */
function ownCstNode(cst: CstNode | undefined): CompositeCstNode | undefined {
    let current = cst;
    while (isCompositeCstNode(current) && current.content.length === 1 && isCompositeCstNode(current.content[0]) && current.content[0].astNode === current.astNode) {
        current = current.content[0];
    }
    return isCompositeCstNode(current) ? current : undefined;
}

/** The keywords that introduce the property at `position`: `confidence threshold`, `sla`. */
function leadingKeywords(siblings: readonly CstNode[], position: number): CstNode[] {
    const lead: CstNode[] = [];
    for (let i = position - 1; i >= 0; i--) {
        const sibling = siblings[i];
        if (!isLeafCstNode(sibling) || sibling.hidden || assignmentOf(sibling)) break;
        if (!/^[a-z][a-z-]*$/.test(sibling.text)) break;
        lead.unshift(sibling);
    }
    return lead;
}
