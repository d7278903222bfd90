import { AstUtils, type AstNode } from 'langium';
import { isHitlFile, type HitlFile } from '../../../generated/ast.js';
import { documentNodes } from '../../../analysis/document-nodes.js';
import type { NameIndex } from '../../../workspace/name-index.js';
import { defineRule, type Report } from '../../rule.js';
import { quoted } from '../../../util/names.js';

/**
 * Declarations share one namespace across the workspace (a role and a model called the same
 * would confuse every reader); names inside a block are unique within that block.
 */
export const namesMustBeUnique = defineRule({
    code: 'structure/duplicate-name',
    title: 'Names must be unique',
    severity: 'error',
    requirements: ['G12'],
    evidence: 'presence',
    // A file's findings change when another file declares, renames or drops one of its names.
    crossFile: { sameNames: true },
    checks: (services) => ({
        HitlFile: (file, report) => {
            checkTopLevel(file, services.workspace.NameIndex, report);
            checkChildren(documentNodes(file).all, report);
        },
    }),
});

function checkTopLevel(file: HitlFile, index: NameIndex, report: Report): void {
    const uri = AstUtils.getDocument(file).uri.toString();
    for (const element of file.elements) {
        const all = index.declarationsOf(element.name);
        if (all.length < 2) continue;
        // Every copy but the first declared one (by file, then position) is reported, so one rename clears it.
        const first = all[0];
        if (first.node === element) continue;
        report({
            node: element,
            property: 'name',
            message: `${quoted(element.name)} is already declared${describeWhere(first.uri, uri)}; every declaration needs its own name.`,
            related: [{ node: first.node, message: `first declaration of ${quoted(element.name)}` }],
        });
    }
}

function describeWhere(other: string, uri: string): string {
    if (other === uri) return ' in this file';
    return ` in ${other.slice(other.lastIndexOf('/') + 1)}`;
}

/** Names within each block (a top-level name is checked across the workspace instead). */
function checkChildren(nodes: readonly AstNode[], report: Report): void {
    const seenIn = new Map<AstNode, Map<string, AstNode>>();
    for (const child of nodes) {
        const container = child.$container;
        const name = (child as { name?: unknown }).name;
        if (!container || typeof name !== 'string' || name.length === 0 || isHitlFile(container)) continue;
        let seen = seenIn.get(container);
        if (!seen) seenIn.set(container, (seen = new Map()));
        const first = seen.get(name);
        if (first) {
            report({
                node: child,
                property: 'name' as never,
                message: `'${name}' is declared twice in this ${container.$type.toLowerCase()}; rename one of them.`,
                related: [{ node: first, message: `first '${name}'` }],
            });
        } else {
            seen.set(name, child);
        }
    }
}
