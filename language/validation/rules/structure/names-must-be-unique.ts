import { AstUtils, DocumentState, type AstNode, type AstNodeDescription } from 'langium';
import type { HitlServices } from '../../../hitl-module.js';
import { isHitlFile, type HitlFile } from '../../../generated/ast.js';
import { defineRule, type Report } from '../../rule.js';

/**
 * Declarations share one namespace across the workspace (a role and a model called the same
 * would confuse every reader); names inside a block are unique within that block.
 */
export const namesMustBeUnique = defineRule({
    code: 'structure/duplicate-name',
    title: 'Names must be unique',
    severity: 'error',
    requirements: ['G12'],
    sources: ['NIST GOVERN 2.1'],
    checks: (services) => {
        const workspaceNames = workspaceNameIndex(services);
        const locate = (node: AstNode) => services.workspace.AstNodeLocator.getAstNodePath(node);
        return {
            HitlFile: (file, report) => {
                checkTopLevel(file, workspaceNames(), locate, report);
                for (const node of AstUtils.streamAllContents(file)) {
                    checkChildren(node, report);
                }
            },
        };
    },
});

function checkTopLevel(file: HitlFile, index: Map<string, AstNodeDescription[]>, locate: (node: AstNode) => string, report: Report): void {
    const uri = AstUtils.getDocument(file).uri.toString();
    for (const element of file.elements) {
        const all = index.get(element.name) ?? [];
        if (all.length < 2) continue;
        // Every copy but the first declared one (by file, then position) is reported, so one rename clears it.
        const first = all[0];
        if (first.documentUri.toString() === uri && first.path === locate(element)) continue;
        report({
            node: element,
            property: 'name',
            message: `'${element.name}' is already declared${describeWhere(first, uri)}; every declaration needs its own name.`,
            related: first.node ? [{ node: first.node, message: `first declaration of '${element.name}'` }] : [],
        });
    }
}

function describeWhere(description: AstNodeDescription, uri: string): string {
    const other = description.documentUri.toString();
    if (other === uri) return ' in this file';
    return ` in ${other.slice(other.lastIndexOf('/') + 1)}`;
}

function checkChildren(container: AstNode, report: Report): void {
    const seen = new Map<string, AstNode>();
    for (const child of AstUtils.streamContents(container)) {
        const name = (child as { name?: unknown }).name;
        if (typeof name !== 'string' || name.length === 0 || isHitlFile(container)) continue;
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

/** A name → declarations map over the whole index, rebuilt once per build rather than once per file. */
function workspaceNameIndex(services: HitlServices): () => Map<string, AstNodeDescription[]> {
    let cache: Map<string, AstNodeDescription[]> | undefined;
    services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.IndexedContent, () => {
        cache = undefined;
    });
    return () => {
        if (!cache) {
            cache = new Map();
            for (const description of services.shared.workspace.IndexManager.allElements()) {
                if (description.name.includes('.')) continue; // dataset fields are qualified and checked per dataset
                const list = cache.get(description.name) ?? [];
                list.push(description);
                cache.set(description.name, list);
            }
            for (const list of cache.values()) list.sort(byDeclarationOrder);
        }
        return cache;
    };
}

function byDeclarationOrder(a: AstNodeDescription, b: AstNodeDescription): number {
    const byUri = a.documentUri.toString().localeCompare(b.documentUri.toString());
    return byUri !== 0 ? byUri : pathIndex(a.path) - pathIndex(b.path);
}

function pathIndex(path: string): number {
    const match = /@(\d+)$/.exec(path);
    return match ? Number(match[1]) : 0;
}
