import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { compileModel } from '../../language/compiler/compile-model.js';
import { generateDeployment, RuntimeConfiguration, RUNTIME_SCHEMA_FILE, type DeploymentFile } from '../../language/generators/index.js';
import { findSecrets } from '../../language/util/secrets.js';
import { modelJsonSchema } from '../../language/model/index.js';
import { strictAjv } from './ajv.js';
import { compileFolder, compileTexts, type Compiled } from './workspace.js';

/** What compile deploys: every schema is strict JSON Schema 2020-12, every configuration valid and stable. */

let samples: Compiled;
let yamlFiles: DeploymentFile[];
let jsonFiles: DeploymentFile[];

const ajv = strictAjv;

beforeAll(async () => {
    samples = await compileFolder('samples');
    yamlFiles = generateDeployment(samples.model, { format: 'yaml' });
    jsonFiles = generateDeployment(samples.model, { format: 'json' });
});

describe('the deployment of the samples', () => {
    test('holds per workflow its runtime configuration and audit schema, and the runtime schema once, sorted by path', () => {
        const paths = yamlFiles.map((file) => file.path);
        expect(paths).toEqual([...paths].sort());
        expect(paths).toContain(RUNTIME_SCHEMA_FILE);
        for (const workflow of samples.model.workflows) {
            expect(paths).toContain(`${workflow.id}.runtime.yaml`);
            expect(paths).toContain(`${workflow.id}.audit.schema.json`);
        }
        expect(paths).toHaveLength(1 + 2 * samples.model.workflows.length);
        expect(jsonFiles.map((file) => file.path)).toContain('CustomerRefunds.runtime.json');
    });

    test('every emitted schema compiles under ajv 2020-12 in strict mode with formats', () => {
        const schemas = yamlFiles.filter((file) => file.path.endsWith('.schema.json'));
        expect(schemas.length).toBe(1 + samples.model.workflows.length);
        for (const file of schemas) {
            const schema = JSON.parse(file.content);
            expect(schema.$schema, file.path).toBe('https://json-schema.org/draft/2020-12/schema');
            expect(() => ajv().compile(schema), file.path).not.toThrow();
        }
        expect(() => ajv().compile(modelJsonSchema())).not.toThrow();
    });

    test('every runtime configuration validates against runtime.schema.json, as YAML and as JSON, and both say the same', () => {
        const validate = ajv().compile(JSON.parse(yamlFiles.find((file) => file.path === RUNTIME_SCHEMA_FILE)!.content));
        for (const workflow of samples.model.workflows) {
            const fromYaml = parseYaml(yamlFiles.find((file) => file.path === `${workflow.id}.runtime.yaml`)!.content);
            const fromJson = JSON.parse(jsonFiles.find((file) => file.path === `${workflow.id}.runtime.json`)!.content);
            expect(validate(fromYaml), `${workflow.id}: ${JSON.stringify(validate.errors)}`).toBe(true);
            expect(fromJson).toEqual(fromYaml);
            // YAML 1.1 readers too: `on`, `no` and dates stay strings.
            expect(parseYaml(yamlFiles.find((file) => file.path === `${workflow.id}.runtime.yaml`)!.content, { version: '1.1' })).toEqual(fromJson);
            expect(RuntimeConfiguration.parse(fromJson)).toEqual(fromJson);
        }
    });

    test('the model validates against its own JSON Schema', () => {
        const validate = ajv().compile(modelJsonSchema());
        expect(validate(JSON.parse(JSON.stringify(samples.model))), JSON.stringify(validate.errors)).toBe(true);
    });

    test('is deterministic: the same bytes from a second compile, and whatever order the files come in', async () => {
        const again = await compileFolder('samples');
        expect(generateDeployment(again.model, { format: 'yaml' })).toEqual(yamlFiles);
        const display = (uri: { path: string }) => samples.model.files.find((file) => uri.path.endsWith(file))!;
        const reversed = compileModel([...samples.documents].reverse(), { display });
        expect(generateDeployment(reversed, { format: 'json' })).toEqual(jsonFiles);
    });

    test('a runtime configuration is the workflow as a runtime needs it', () => {
        const config = JSON.parse(jsonFiles.find((file) => file.path === 'CustomerRefunds.runtime.json')!.content) as RuntimeConfiguration;
        expect(config.workflow).toMatchObject({ id: 'CustomerRefunds', version: '2.0.1', stage: 'automate', start: 'PrepareRequest', sourceFile: 'samples/customer-refunds.hitl' });
        expect(config.auditSchema).toBe('https://hitl.dev/schemas/v1/audit/CustomerRefunds/2.0.1.schema.json');
        const gate = config.steps.find((step) => step.id === 'AgentReview');
        expect(gate).toMatchObject({ kind: 'gate', sla: { seconds: 86_400, iso: 'PT24H' }, allows: ['approve', 'override', 'reject'], rationaleRequired: true });
        expect(config.escalations.map((escalation) => [escalation.id, escalation.levels.length, escalation.onTimeout?.kind])).toEqual([['RefundsEscalation', 3, 'pause']]);
        expect(config.audit).toMatchObject({ retention: { seconds: 2 * 365 * 86_400, iso: 'P2Y' }, masksPersonalData: true });
        expect(config.monitors.drift[0]).toMatchObject({ id: 'AutoRefundRate', threshold: { value: 0.75, percent: true }, onBreach: 'degrade-to-manual' });
        expect(config.stop).toMatchObject({ safeState: 'hold', owners: ['RefundsTeamLead', 'HeadOfCustomerOperations'] });
        expect(config.rollout).toEqual({ stage: 'automate', decisions: [{ decision: 'AutoRefund', stage: 'automate' }, { decision: 'RefundDecision', stage: 'assist' }] });
        // Notification targets are channel references; a secret is only where it is kept.
        expect(config.parties.find((party) => party.id === 'RefundsTeamLead')?.channels).toEqual(['RefundsQueue', 'CustomerOpsChat']);
        expect(config.secrets).toEqual([{ id: 'LlmGatewayKey', reference: 'vault://kv/ai/llm-gateway' }]);
        expect(JSON.stringify(config)).not.toMatch(/"source"|"findings"|"usedBy"/);
    });

    test('nothing deployed looks like a secret', () => {
        for (const file of [...yamlFiles, ...jsonFiles]) expect(findSecrets(file.content), file.path).toEqual([]);
    });
});

describe('deployment of a workspace with an inline credential', () => {
    test('never writes the credential, in any file', async () => {
        const model = await compileTexts({
            'flow.hitl': `
role Lead { authority 3 }
model Scorer { version "1"  credentials "sk-live-0123456789abcdef0123456789" }
ai actor Bot { model Scorer  operated by Lead }
workflow Flow { version "1"  ai step Score { actor Bot  then Done }  outcome Done }
`,
        });
        for (const format of ['yaml', 'json'] as const) {
            for (const file of generateDeployment(model, { format })) expect(file.content, file.path).not.toContain('sk-live');
        }
    });
});
