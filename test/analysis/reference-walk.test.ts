import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AstUtils, DefaultReferenceDescriptionProvider, DefaultScopeComputation, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type ReferenceInfo } from 'langium';
import { describe, expect, it } from 'vitest';
import { createTestServices, buildWorkspace } from '../services.js';
import { DocumentNodes, forEachReference } from '../../language/analysis/document-nodes.js';
import { REPO } from '../compile/workspace.js';

const samples = Object.fromEntries(
    readdirSync(path.join(REPO, 'samples'))
        .filter((file) => file.endsWith('.hitl'))
        .map((file) => [file, readFileSync(path.join(REPO, 'samples', file), 'utf8')]),
);

/** What Langium's own walk (`streamAst`, then `streamReferences` per node) yields, for comparison. */
function langiumReferences(document: LangiumDocument) {
    return AstUtils.streamAst(document.parseResult.value)
        .flatMap((node) => AstUtils.streamReferences(node))
        .toArray();
}

describe('local symbols, linking and indexing walk the tree as Langium does', () => {
    it('forEachReference over the shared node list yields every reference of every sample, in the same order, with the same container, property and index', async () => {
        const documents = await buildWorkspace(samples);
        for (const document of documents) {
            const ours: ReferenceInfo[] = [];
            for (const node of new DocumentNodes(document.parseResult.value).all) forEachReference(node, (info) => ours.push(info));
            const theirs = langiumReferences(document);
            expect(theirs.length).toBeGreaterThan(0);
            expect(ours.length).toBe(theirs.length);
            ours.forEach((info, i) => {
                expect(info.reference).toBe(theirs[i].reference);
                expect(info.container).toBe(theirs[i].container);
                expect([info.property, info.index]).toEqual([theirs[i].property, theirs[i].index]);
            });
        }
    });

    it('every reference is linked, and the index holds the descriptions Langium would create, in its order', async () => {
        const documents = await buildWorkspace(samples);
        const { Hitl } = createTestServices();
        const langium = new DefaultReferenceDescriptionProvider(Hitl);
        const provider = Hitl.workspace.ReferenceDescriptionProvider;
        for (const document of documents) {
            for (const { reference } of langiumReferences(document)) expect(reference.error, reference.$refText).toBeUndefined();
            const expected = await langium.createDescriptions(document);
            const actual = await provider.createDescriptions(document);
            const plain = (d: (typeof expected)[number]) => [d.sourceUri.toString(), d.sourcePath, d.targetUri.toString(), d.targetPath, d.local, d.segment];
            expect(actual.map(plain)).toEqual(expected.map(plain));
        }
    });

    it("the local symbols are those Langium's walk collects, container by container, in its order", async () => {
        const documents = await buildWorkspace(samples);
        const computation = createTestServices().Hitl.references.ScopeComputation;
        const plain = (symbols: unknown) =>
            [...(symbols as MultiMap<AstNode, AstNodeDescription>).entriesGroupedByKey()].map(([container, descriptions]) => [container, descriptions.map((d) => [d.name, d.type, d.path])]);
        let containers = 0;
        for (const document of documents) {
            const ours = plain(await computation.collectLocalSymbols(document));
            const theirs = plain(await DefaultScopeComputation.prototype.collectLocalSymbols.call(computation, document));
            containers += ours.length;
            expect(ours.length).toBe(theirs.length);
            ours.forEach(([container, descriptions], i) => {
                expect(container).toBe(theirs[i][0]);
                expect(descriptions).toEqual(theirs[i][1]);
            });
        }
        expect(containers).toBeGreaterThan(documents.length);
    });
});
