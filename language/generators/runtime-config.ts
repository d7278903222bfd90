import { z } from 'zod';
import { SCHEMA_BASE_URI, toJsonSchema } from '../model/json-schema.js';
import { lookup, pick } from '../model/lookup.js';
import { escalationsEnteredBy } from '../model/parties.js';
import {
    AiStep,
    Audit,
    AutomatedStep,
    BiasSampling,
    Category,
    ChainLevel,
    Decision,
    DriftMonitor,
    Duration,
    Effect,
    EscalationRef,
    EscalationRule,
    EventRoute,
    Gate,
    hitlSchemas,
    ManualQueue,
    MisuseMonitor,
    MODEL_API_VERSION,
    OtherwiseRoute,
    Outcome,
    Scope,
    StopControl,
    ThenRoute,
    TimeoutAction,
    WhenRoute,
    type HitlModel,
    type Workflow,
} from '../model/schema.js';
import { CHANNEL_KINDS, FEEDBACK_SIGNALS, MASK_SCOPES, PERMISSIONS, POLICY_BEHAVIOURS, RISK_GRADES, ROLLOUT_STAGES } from '../model/vocabulary.js';

/**
 * The runtime configuration of one workflow: what a deployed system reads to run it (steps and
 * routes, thresholds, SLAs, escalation chains with their timeouts, fallbacks, queues, RACI,
 * notification targets, the stop control, audit fields and retention, masking, monitors,
 * rollout stage). It is the model of that workflow without source positions and findings, and
 * with the shared declarations it uses and the escalation chains it enters spelled out, so the
 * file stands alone. Notification targets are channel references; a secret appears only as the
 * reference to where it is kept. The zod schema below is its single source: runtime.schema.json
 * is generated from it.
 */

export const RUNTIME_KIND = 'RuntimeConfiguration' as const;
export const RUNTIME_SCHEMA_ID = `${SCHEMA_BASE_URI}runtime.schema.json`;

const Id = z.string().min(1);
const Ids = z.array(Id);
const bare = { source: true, findings: true } as const;

export const RuntimeRoute = z.discriminatedUnion('kind', [ThenRoute.omit(bare), WhenRoute.omit(bare), OtherwiseRoute.omit(bare), EventRoute.omit(bare)]).register(hitlSchemas, { id: 'RuntimeRoute' });
const routes = { routes: z.array(RuntimeRoute) };
const escalations = { escalations: z.array(EscalationRule.omit(bare)) };

export const RuntimeStep = z
    .discriminatedUnion('kind', [
        AiStep.omit(bare).extend(routes),
        Gate.omit(bare).extend({ ...escalations, ...routes }),
        ManualQueue.omit(bare).extend({ ...escalations, ...routes }),
        AutomatedStep.omit(bare).extend(routes),
        Decision.omit(bare).extend(routes),
        Effect.omit(bare).extend(routes),
        Outcome.omit(bare),
    ])
    .register(hitlSchemas, { id: 'RuntimeStep' });

/** An escalation chain as a runtime walks it: every level in order (through hand-overs), then what happens when the last one times out. */
export const RuntimeEscalation = z
    .strictObject({
        id: Id,
        scope: Scope,
        levels: z.array(ChainLevel),
        onTimeout: TimeoutAction.optional(),
        loopsBackTo: EscalationRef.optional(),
    })
    .register(hitlSchemas, { id: 'RuntimeEscalation' });

export const RuntimeConfiguration = z
    .strictObject({
        apiVersion: z.literal(MODEL_API_VERSION),
        kind: z.literal(RUNTIME_KIND),
        workflow: z.strictObject({
            id: Id,
            title: z.string().optional(),
            version: z.string().optional(),
            owner: Id.optional(),
            changeApprover: Id.optional(),
            stage: z.enum(ROLLOUT_STAGES).optional(),
            risk: z.enum(RISK_GRADES).optional(),
            sla: Duration.optional(),
            start: Id.optional(),
            intendedUses: z.array(z.string()),
            outOfScope: z.array(z.string()),
            /** The .hitl file it is compiled from, as displayed. */
            sourceFile: z.string(),
        }),
        /** The `$id` of the schema every audit record of this workflow validates against. */
        auditSchema: z.string(),
        steps: z.array(RuntimeStep),
        categories: z.array(Category.omit(bare)),
        escalations: z.array(RuntimeEscalation),
        /** The parties the workflow involves, with the channels that reach them (notification targets). */
        parties: z.array(
            z.strictObject({
                id: Id,
                kind: z.enum(['role', 'team', 'ai-actor']),
                title: z.string().optional(),
                person: z.boolean(),
                members: Ids.optional(),
                channels: Ids,
            }),
        ),
        channels: z.array(z.strictObject({ id: Id, kind: z.enum(CHANNEL_KINDS).optional(), address: z.string().optional() })),
        models: z.array(
            z.strictObject({
                id: Id,
                provider: z.string().optional(),
                version: z.string().optional(),
                promptTemplate: z.string().optional(),
                promptVersion: z.string().optional(),
                /** The secret to fetch credentials from (see `secrets`). */
                credentials: Id.optional(),
            }),
        ),
        /** Where each secret is kept; never a value. */
        secrets: z.array(z.strictObject({ id: Id, reference: z.string().optional() })),
        policies: z.array(z.strictObject({ id: Id, title: z.string().optional(), behaviour: z.enum(POLICY_BEHAVIOURS).optional(), description: z.string().optional() })),
        datasets: z.array(
            z.strictObject({
                id: Id,
                version: z.string().optional(),
                fields: z.array(z.strictObject({ id: Id, personal: z.boolean(), sensitive: z.boolean() })),
            }),
        ),
        masking: z.strictObject({
            /** `mask … in …`: fields (`Dataset.field`) masked in each scope. */
            rules: z.array(z.strictObject({ fields: z.array(z.string()), scopes: z.array(z.enum(MASK_SCOPES)) })),
            /** `unmask … for …`: who may see masked fields, and why. */
            exceptions: z.array(z.strictObject({ fields: z.array(z.string()), parties: Ids, reason: z.string().optional() })),
            /** Automated steps that mask fields before the item moves on. */
            steps: z.array(z.strictObject({ step: Id, fields: z.array(z.string()) })),
        }),
        access: z.array(z.strictObject({ party: Id.optional(), permissions: z.array(z.enum(PERMISSIONS)) })),
        stop: StopControl.omit(bare).optional(),
        audit: Audit.omit(bare).optional(),
        monitors: z.strictObject({ drift: z.array(DriftMonitor.omit(bare)), bias: z.array(BiasSampling.omit(bare)), misuse: z.array(MisuseMonitor.omit(bare)) }),
        incident: z
            .strictObject({ severity: z.string().optional(), notices: z.array(z.strictObject({ party: Id.optional(), channel: Id.optional(), within: Duration.optional() })) })
            .optional(),
        appeal: z.strictObject({ channel: Id.optional(), reviewer: Id.optional(), sla: Duration.optional(), explanation: z.string().optional() }).optional(),
        feedback: z
            .strictObject({
                loops: z.array(z.strictObject({ signal: z.enum(FEEDBACK_SIGNALS), dataset: Id.optional(), every: Duration.optional() })),
                retrainingApprover: Id.optional(),
            })
            .optional(),
        rollout: z.strictObject({
            stage: z.enum(ROLLOUT_STAGES).optional(),
            /** Decisions that declare their own stage. */
            decisions: z.array(z.strictObject({ decision: Id, stage: z.enum(ROLLOUT_STAGES) })),
        }),
    })
    .register(hitlSchemas, { id: 'RuntimeConfiguration', title: 'hitl runtime configuration', description: 'What a deployed system reads to run one governed workflow.' });

export type RuntimeConfiguration = z.infer<typeof RuntimeConfiguration>;

/** The runtime configuration's JSON Schema (2020-12), generated from its zod schema. */
export function runtimeJsonSchema(): Record<string, unknown> {
    return toJsonSchema(RuntimeConfiguration, RUNTIME_SCHEMA_ID);
}

/** A copy without source positions and findings: what the editor needs, not the runtime. */
function strip<T>(value: T): T {
    if (Array.isArray(value)) return value.map(strip) as T;
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'source' && key !== 'findings').map(([key, inner]) => [key, strip(inner)])) as T;
    }
    return value;
}

/** The runtime configuration of one workflow of the model. */
export function runtimeConfiguration(model: HitlModel, workflow: Workflow, auditSchemaId: string): RuntimeConfiguration {
    const declarations = lookup(model);
    const uses = workflow.uses;
    const config: RuntimeConfiguration = {
        apiVersion: MODEL_API_VERSION,
        kind: RUNTIME_KIND,
        workflow: {
            id: workflow.id,
            title: workflow.title,
            version: workflow.version,
            owner: workflow.owner,
            changeApprover: workflow.changeApprover,
            stage: workflow.stage,
            risk: workflow.risk,
            sla: workflow.sla,
            start: workflow.start,
            intendedUses: workflow.intendedUses,
            outOfScope: workflow.outOfScope,
            sourceFile: workflow.source.file,
        },
        auditSchema: auditSchemaId,
        steps: strip(workflow.steps),
        categories: strip(workflow.categories),
        escalations: escalationsEnteredBy(model, workflow).map((escalation) => ({
            id: escalation.id,
            scope: escalation.scope,
            levels: escalation.chain.levels,
            onTimeout: escalation.chain.onTimeout,
            loopsBackTo: escalation.chain.loopsBackTo,
        })),
        parties: pick(declarations.parties, uses.parties).map((party) => ({
            id: party.id,
            kind: party.kind,
            title: party.title,
            person: party.person,
            members: party.kind === 'team' ? party.members : undefined,
            channels: party.kind === 'ai-actor' ? [] : party.channels,
        })),
        channels: pick(declarations.channels, uses.channels).map((channel) => ({ id: channel.id, kind: channel.channelKind, address: channel.address })),
        models: pick(declarations.models, uses.models).map((used) => ({
            id: used.id,
            provider: used.provider,
            version: used.version,
            promptTemplate: used.promptTemplate,
            promptVersion: used.promptVersion,
            credentials: used.credentials,
        })),
        secrets: pick(declarations.secrets, uses.secrets).map((secret) => ({ id: secret.id, reference: secret.reference })),
        policies: pick(declarations.policies, uses.policies).map((policy) => ({ id: policy.id, title: policy.title, behaviour: policy.behaviour, description: policy.description })),
        datasets: pick(declarations.datasets, uses.datasets).map((dataset) => ({
            id: dataset.id,
            version: dataset.version,
            fields: dataset.fields.map((field) => ({ id: field.id, personal: field.personal, sensitive: field.sensitive })),
        })),
        masking: {
            rules: (workflow.access?.masks ?? []).map((rule) => ({ fields: rule.fields, scopes: rule.scopes })),
            exceptions: (workflow.access?.unmasks ?? []).map((rule) => ({ fields: rule.fields, parties: rule.parties, reason: rule.reason })),
            steps: workflow.steps.flatMap((step) => (step.kind === 'automated-step' && step.masks.length > 0 ? [{ step: step.id, fields: step.masks }] : [])),
        },
        access: (workflow.access?.grants ?? []).map((grant) => ({ party: grant.party, permissions: grant.permissions })),
        stop: strip(workflow.stop),
        audit: strip(workflow.audit),
        monitors: strip({ drift: workflow.monitoring?.drift ?? [], bias: workflow.monitoring?.bias ?? [], misuse: workflow.monitoring?.misuse ?? [] }),
        incident: strip(workflow.incident),
        appeal: strip(workflow.appeal),
        feedback: strip(workflow.feedback),
        rollout: {
            stage: workflow.stage,
            decisions: workflow.steps.flatMap((step) => (step.kind === 'decision' && step.stage ? [{ decision: step.id, stage: step.stage }] : [])),
        },
    };
    // Built in the schema's key order (absent optionals are undefined and not written); the tests parse it.
    return config;
}

