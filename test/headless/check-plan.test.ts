import { URI } from 'langium';
import { describe, expect, it } from 'vitest';
import { CheckPlanner } from '../../language/headless/check-plan.js';
import { summariseSources } from '../../language/headless/file-summary.js';
import { createTestServices } from '../services.js';

/** The planner over in-memory files (name → text), answering with file names. */
async function planner(files: Record<string, string>) {
    const sources = Object.entries(files).map(([name, text]) => ({ uri: URI.parse(`file:///plan/${name}`), text }));
    const { summaries } = await summariseSources(createTestServices().shared, sources);
    const planned = new CheckPlanner(summaries);
    const name = (uri: string) => uri.slice('file:///plan/'.length);
    return (file: string) => {
        const plan = planned.planFor([`file:///plan/${file}`]);
        return { load: plan.load.map(name), elsewhere: plan.elsewhere.map((other) => name(other.uri)) };
    };
}

const unrelated = { 'unrelated.hitl': 'role Clerk {\n    authority 1\n}\n' };

describe('the plan of a check', () => {
    it('loads the files declaring what a file refers to, and what those refer to', async () => {
        const plan = await planner({
            'org.hitl': 'channel Pager {\n    kind pager\n}\n',
            'roles.hitl': 'role Lead {\n    channel Pager\n}\n',
            'flow.hitl': 'workflow Flow {\n    start Done\n    gate Review {\n        reviewer Lead\n    }\n    outcome Done\n}\n',
            ...unrelated,
        });
        expect(plan('flow.hitl').load).toEqual(['flow.hitl', 'org.hitl', 'roles.hitl']);
        // What nothing refers to is known by its names only.
        expect(plan('flow.hitl').elsewhere).toEqual(['unrelated.hitl']);
        // Referring to a role does not make its file read the workflow.
        expect(plan('roles.hitl').load).toEqual(['org.hitl', 'roles.hitl']);
    });

    it('loads every file declaring a name referred to: a reference goes to the first by file', async () => {
        const plan = await planner({
            'a.hitl': 'role Lead {\n    authority 1\n}\n',
            'b.hitl': 'role Lead {\n    authority 2\n}\n',
            'flow.hitl': 'workflow Flow {\n    start Done\n    gate Review {\n        reviewer Lead\n    }\n    outcome Done\n}\n',
        });
        expect(plan('flow.hitl').load).toEqual(['a.hitl', 'b.hitl', 'flow.hitl']);
    });

    it('loads the other files declaring a name the file declares', async () => {
        const plan = await planner({ 'left.hitl': 'role Auditor {\n    authority 1\n}\n', 'right.hitl': 'role Auditor {\n    authority 2\n}\n', ...unrelated });
        expect(plan('right.hitl').load).toEqual(['left.hitl', 'right.hitl']);
    });

    it('loads the files using its escalations, through other escalations, and what they refer to', async () => {
        const plan = await planner({
            'last.hitl': 'escalation LastLine {\n    to Head within 1d\n    on timeout approve\n}\n',
            'first.hitl': 'escalation FirstLine {\n    to Lead within 4h\n    on timeout escalate to LastLine\n}\n',
            'flow.hitl': 'workflow Flow {\n    start Review\n    gate Review {\n        reviewer Lead\n        on timeout escalate to FirstLine\n    }\n}\n',
            'roles.hitl': 'role Lead {\n    authority 2\n}\n\nrole Head {\n    authority 3\n}\n',
            ...unrelated,
        });
        expect(plan('last.hitl').load).toEqual(['first.hitl', 'flow.hitl', 'last.hitl', 'roles.hitl']);
    });

    it('loads the AI steps reading its datasets and using its models, also through an AI actor', async () => {
        const plan = await planner({
            'data.hitl': 'dataset Applications {\n    owner Clerk\n}\n',
            'models.hitl': 'model Ranker {\n    version "^1.2"\n}\n',
            'actors.hitl': 'ai actor RankingService {\n    model Ranker\n}\n',
            'reads.hitl': 'workflow Reads {\n    start Score\n    ai step Score {\n        input Applications\n    }\n}\n',
            'ranks.hitl': 'workflow Ranks {\n    start Rank\n    ai step Rank {\n        actor RankingService\n    }\n}\n',
            ...unrelated,
        });
        expect(plan('data.hitl').load).toEqual(['data.hitl', 'reads.hitl', 'unrelated.hitl']);
        expect(plan('models.hitl').load).toEqual(['actors.hitl', 'models.hitl', 'ranks.hitl']);
        // A role is not read back from its users.
        expect(plan('unrelated.hitl').load).toEqual(['unrelated.hitl']);
    });

    it('follows a dataset field named by a masking rule to the file declaring the dataset', async () => {
        const plan = await planner({
            'data.hitl': 'dataset Applications {\n    field email personal\n}\n',
            'flow.hitl': 'workflow Flow {\n    start Score\n    automated step Score {\n        masks Applications.email\n    }\n}\n',
            ...unrelated,
        });
        expect(plan('flow.hitl').load).toEqual(['data.hitl', 'flow.hitl']);
    });
});
