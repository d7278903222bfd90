import { AstUtils, DocumentState, type AstNode } from 'langium';
import type { HitlServices } from '../../../hitl-module.js';
import { isHitlFile, type HitlFile } from '../../../generated/ast.js';
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
    checks: (services) => {
        const workspaceNames = workspaceNameIndex(services);
        return {
            HitlFile: (file, report) => {
                checkTopLevel(file, workspaceNames(), report);
                for (const node of AstUtils.streamAllContents(file)) {
                    checkChildren(node, report);
                }
            },
        };
    },
});

function checkTopLevel(file: HitlFile, index: Map<string, Declaration[]>, report: Report): void {
    const uri = AstUtils.getDocument(file).uri.toString();
    for (const element of file.elements) {
        const all = index.get(element.name) ?? [];
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

interface Declaration {
    readonly uri: string;
    readonly index: number;
    readonly node: NamedTopLevel;
}

type NamedTopLevel = HitlFile['elements'][number];

/**
 * Top-level declarations of every document by name, kept up to date per document as documents
 * are indexed or deleted, so an edit costs work for the edited file only.
 */
function workspaceNameIndex(services: HitlServices): () => Map<string, Declaration[]> {
    const byDocument = new Map<string, Declaration[]>();
    const byName = new Map<string, Declaration[]>();
    const remove = (uri: string) => {
        for (const declaration of byDocument.get(uri) ?? []) {
            const list = byName.get(declaration.node.name)?.filter((d) => d !== declaration) ?? [];
            if (list.length > 0) byName.set(declaration.node.name, list);
            else byName.delete(declaration.node.name);
        }
        byDocument.delete(uri);
    };
    const builder = services.shared.workspace.DocumentBuilder;
    builder.onUpdate((_changed, deleted) => deleted.forEach((uri) => remove(uri.toString())));
    builder.onBuildPhase(DocumentState.IndexedContent, (documents) => {
        for (const document of documents) {
            const uri = document.uri.toString();
            remove(uri);
            const root = document.parseResult.value;
            if (!isHitlFile(root)) continue;
            const declarations = root.elements.filter((node) => node.name).map((node, index) => ({ uri, index, node }));
            byDocument.set(uri, declarations);
            for (const declaration of declarations) {
                const list = byName.get(declaration.node.name) ?? [];
                list.push(declaration);
                list.sort(byDeclarationOrder);
                byName.set(declaration.node.name, list);
            }
        }
    });
    return () => byName;
}

function byDeclarationOrder(a: Declaration, b: Declaration): number {
    return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.index - b.index;
}
