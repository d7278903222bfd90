import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { findSecrets, redactSecrets, secretPieces } from '../../language/util/secrets.js';
import { buildDocument, buildWorkspace } from '../services.js';

/** Active (unsuppressed) diagnostics of one code, over every file of the workspace. */
async function findings(files: Record<string, string>, code: string) {
    const documents = await buildWorkspace(files);
    return documents
        .flatMap((document) => (document.diagnostics ?? []).filter((d) => d.code === code && d.severity !== 4))
        .map((d) => ({ ...d, message: typeof d.message === 'string' ? d.message : d.message.value }));
}

const DECLARATIONS = `
role Underwriter {
    authority 1
}

model Scorer {
    version "1.0.0"
}

ai actor ScoringService {
    model Scorer
}

dataset Applications {
    version "2026.11"
    checks "schema conformance"
    field application_id
    field full_name personal
    field date_of_birth personal sensitive
    field annual_income personal
    field postcode personal
}
`;

/** A workflow around one AI step, with the given steps before it and blocks after it. */
function workflow(body: string): Record<string, string> {
    return { 'declarations.hitl': DECLARATIONS, 'workflow.hitl': `workflow Scoring {\n${body}\n}\n` };
}

describe('security/masking names each unmasked personal field', () => {
    test('every personal field that reaches the AI step unmasked is named, and no masked one is', async () => {
        const found = await findings(
            workflow(`
    start Score

    ai step Score {
        model Scorer
        input Applications
        then Done
    }

    outcome Done

    access {
        mask Applications.full_name in ai-input
        unmask Applications.date_of_birth for Underwriter
        unmask Applications.postcode for ScoringService
    }`),
            'security/masking',
        );
        const messages = found.map((d) => d.message);
        // The unmask exceptions apply to people, never to AI input.
        for (const field of ['date_of_birth', 'annual_income', 'postcode']) {
            expect(messages.filter((m) => m.includes(`'Applications.${field}'`) && m.includes('unmasked') && m.includes("AI step 'Score'"))).toHaveLength(1);
        }
        expect(messages.some((m) => m.includes('Applications.full_name'))).toBe(false);
        expect(messages.some((m) => m.includes('Applications.application_id'))).toBe(false);
        expect(found).toHaveLength(3);
    });

    test('audit findings name each field not masked in audit; an unmask for a person is an explicit exception', async () => {
        const found = await findings(
            workflow(`
    start Score

    ai step Score {
        model Scorer
        input Applications
        then Done
    }

    outcome Done

    audit {
        record input-version, model-version, ai-output, final-result
        retention 1y
    }

    access {
        mask Applications.full_name, Applications.date_of_birth, Applications.annual_income, Applications.postcode in ai-input
        mask Applications.full_name in audit
        unmask Applications.date_of_birth for Underwriter
    }`),
            'security/masking',
        );
        const audit = found.map((d) => d.message).filter((m) => m.includes('audit record'));
        expect(audit).toHaveLength(2);
        expect(audit.some((m) => m.includes("'Applications.annual_income'"))).toBe(true);
        expect(audit.some((m) => m.includes("'Applications.postcode'"))).toBe(true);
        expect(found).toHaveLength(2);
    });

    test("'mask personal data' in the audit block masks every personal field there", async () => {
        const found = await findings(
            workflow(`
    start Score

    ai step Score {
        model Scorer
        input Applications
        then Done
    }

    outcome Done

    audit {
        record input-version, model-version, ai-output, final-result
        retention 1y
        mask personal data
    }

    access {
        mask Applications.full_name, Applications.date_of_birth, Applications.annual_income, Applications.postcode in ai-input
    }`),
            'security/masking',
        );
        expect(found).toEqual([]);
    });
});

describe('security/masking follows every path to the AI step', () => {
    const branching = (expressTarget: string) =>
        workflow(`
    start Intake

    automated step Intake {
        when channel == "express" -> ${expressTarget}
        otherwise -> Mask
    }

    automated step MaskExpress {
        masks Applications.full_name, Applications.date_of_birth, Applications.annual_income, Applications.postcode
        then Check
    }

    automated step Mask {
        masks Applications.full_name, Applications.date_of_birth, Applications.annual_income, Applications.postcode
        then Check
    }

    automated step Check {
        then Score
    }

    ai step Score {
        model Scorer
        input Applications
        then Done
    }

    outcome Done`);

    test('a masking step on only some paths still fires, naming the unmasked path step by step', async () => {
        const found = await findings(branching('Check'), 'security/masking');
        expect(found).toHaveLength(4);
        for (const diagnostic of found) {
            expect(diagnostic.message).toContain('Intake → (when channel == "express") Check → Score');
            expect(diagnostic.message).toContain("'Mask'");
        }
        for (const field of ['full_name', 'date_of_birth', 'annual_income', 'postcode']) {
            expect(found.filter((d) => d.message.includes(`'Applications.${field}'`))).toHaveLength(1);
        }
        // The reviewer sees the route: each step on the path is related information.
        const related = found[0].relatedInformation?.map((info) => info.message) ?? [];
        for (const step of ['Intake', 'Check', 'Score']) {
            expect(related).toContain(`on the unmasked path: '${step}'`);
        }
    });

    test('masking steps on every path mask the AI input', async () => {
        expect(await findings(branching('MaskExpress'), 'security/masking')).toEqual([]);
    });

    test('a masking step placed after the AI step does not count', async () => {
        const found = await findings(
            workflow(`
    start Score

    ai step Score {
        model Scorer
        input Applications
        then Mask
    }

    automated step Mask {
        masks Applications.full_name, Applications.date_of_birth, Applications.annual_income, Applications.postcode
        then Done
    }

    outcome Done`),
            'security/masking',
        );
        expect(found).toHaveLength(4);
        expect(found[0].message).toContain("'Score' is the workflow's first step");
    });
});

describe('audit rules say exactly what is missing', () => {
    test('audit/record-fields lists exactly the missing fields', async () => {
        const found = await findings(
            workflow(`
    start Score

    ai step Score {
        model Scorer
        then Done
    }

    outcome Done

    audit {
        record input-hash, model-version, features, ai-output, action, rationale, final-result, workflow-version
        retention 1y
    }`),
            'audit/record-fields',
        );
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain('does not record confidence, timestamps, decision-id;');
        expect(found[0].message).toContain("add 'record confidence, timestamps, decision-id'");
    });

    test.each([
        ['6mo', 0],
        ['26w', 0],
        ['180d', 0],
        ['1y', 0],
        ['5mo', 1],
        ['179d', 1],
        ['25w', 1],
    ])('audit/retention %s gives %i finding(s)', async (retention, count) => {
        const found = await findings(
            workflow(`
    start Score

    ai step Score {
        model Scorer
        then Done
    }

    outcome Done

    audit {
        record input-version, model-version, ai-output, final-result
        retention ${retention}
    }`),
            'audit/retention',
        );
        expect(found).toHaveLength(count);
    });
});

describe('security/inline-secret', () => {
    test.each([
        ['sk-proj-T3xq9LmZr4PqA8vW2nBc7YdK'],
        ['AKIAIOSFODNN7EXAMPLE'],
        ['-----BEGIN OPENSSH PRIVATE KEY-----'],
        ['db password=correct-horse'],
        ['postgres://app:s3cr3t@db.internal/claims'],
        ['from vault://kv/claims, then postgres://app:s3cr3t@db.internal/claims'],
        ['ghp_9fK2xQ7vLm3ZpR8tYc4WnB6hJd1GsA5eUq0a'],
        ['https://api.example.org/v1?token=8f3kQ92xLm'],
        ['9fK2xQ7vLm3ZpR8tYc4WnB6hJd1GsA5eUq0'],
        ['credentials sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
        ['xoxb-2048813377-Fq8ZrT2mWc9Ls4VbN7Hd'],
        ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk'],
        ['credentials 8427519kG7tR2xW9mQ4vZ1cY5nB3hL6pD0s'],
        ['credentials a8F3kq92XLm4b7Qz'],
    ])('%s is flagged', (text) => {
        expect(findSecrets(text)).toHaveLength(1);
    });

    test.each([
        ['vault://kv/ai/credit-scorer'],
        ['https://northbridge.example/appeals?tab=open'],
        ['s3://northbridge-audit/credit-limit'],
        ['The customer sets a password; we never store it.'],
        ['3b7a0d1c9e8f4a2b6c5d7e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b'],
        ['550e8400-e29b-41d4-a716-446655440000'],
        ['InternationalizationConfigurationManagerV2'],
        ['ClaimsPlatformIntegrationServiceAccount2026v2'],
        ['MotorClaimsTriageFraudScoringModel2026Q4Release'],
        ['Set token=rotation weekly'],
        ['credentials ScoringApiKey2026Prod'],
        ['credentials LlmGatewayKeyV2'],
        ['secret GatewayKey2026 from "vault://kv/gateway"'],
        ['model MotorClaimsTriageFraudScoringModel2026Q4Release'],
    ])('%s is not flagged', (text) => {
        expect(findSecrets(text)).toEqual([]);
    });

    test('the editor receives diagnostics of every code with secrets redacted, suppression reasons included', async () => {
        const document = await buildDocument(`
model Scorer {
    credentials sk_live_4eC39HqLyjWDarjtT1zdp7dc
    version AKIAQ3EGRWQBXN7UVZ5K
}
role HeadOfPayments {
    final authority
}
escalation Payments {
    suppress "escalation/target-reachable" {
        reason "Paged at once; the pager key is xoxb-2048813377-Fq8ZrT2mWc9Ls4VbN7Hd"
        approver HeadOfPayments
        expires 2999-01-01
    }
    to HeadOfPayments within 0h
}
`);
        const diagnostics = document.diagnostics ?? [];
        expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['syntax/parse-error', 'reference/unresolved', 'security/inline-secret', 'escalation/target-reachable']));
        const shown = JSON.stringify(diagnostics);
        for (const secret of ['Q3EGRWQBXN7UVZ5K', '4eC39HqLyjWDarjtT1zdp7dc', 'Fq8ZrT2mWc9Ls4VbN7Hd']) expect(shown).not.toContain(secret);
        expect(shown).toContain('Paged at once; the pager key is xoxb-…[redacted]');
    });

    test('the tokens a parser cuts a secret into are redacted wherever a message quotes them', () => {
        const pieces = secretPieces(findSecrets('credentials 8427519kG7tR2xW9mQ4vZ1cY5nB3hL6pD0s and sk_live_4eC39HqLyjWDarjtT1zdp7dc'));
        expect(redactSecrets("found '8427519' then 'kG7tR2xW9mQ4vZ1cY5nB3hL6pD0s'", pieces)).toBe("found '…[redacted]' then '…[redacted]'");
        expect(redactSecrets("named 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'", pieces)).toBe("named 'sk_live_…[redacted]'");
        expect(redactSecrets("the role 'Underwriter' and the number '8427'", pieces)).toBe("the role 'Underwriter' and the number '8427'");
    });

    // Each of these took minutes with patterns that rescan a token from every position in it.
    test.each([['password:'], ['token='], ['eyJ-'], ['a.'], ['sk-'], ['a://b:'], ['credentials ']])('a megabyte of %s is scanned in one pass', (unit) => {
        const text = unit.repeat(Math.ceil(1_000_000 / unit.length));
        expect(findSecrets(text).length).toBeLessThanOrEqual(1);
    });

    test('nothing in the samples looks like a secret, quoted or not, comments included', () => {
        const samples = path.resolve('samples');
        for (const file of readdirSync(samples).filter((f) => f.endsWith('.hitl'))) {
            expect(findSecrets(readFileSync(path.join(samples, file), 'utf8')), file).toEqual([]);
        }
    });
});
