import { z } from 'zod';
import {
    AI_TASKS,
    ATTACK_KINDS,
    BREACH_ACTIONS,
    CHANNEL_KINDS,
    COMPARATORS,
    DECISION_KINDS,
    EFFECT_KINDS,
    ESCALATION_TRIGGERS,
    EVALUATION_KINDS,
    FAILURE_MODES,
    FEEDBACK_SIGNALS,
    GATE_ACTIONS,
    MASK_SCOPES,
    MISUSE_ACTIONS,
    PERMISSIONS,
    POLICY_BEHAVIOURS,
    REVIEW_CONCLUSIONS,
    RISK_GRADES,
    ROLLOUT_STAGES,
    ROUTE_EVENTS,
    SAFE_STATES,
    SHOWN_ITEMS,
    TIMEOUT_ACTIONS,
} from './vocabulary.js';

/**
 * The compiled model of a workspace's governed workflows: plain, versioned, JSON-serialisable
 * data. This zod schema is the single source of truth: the TypeScript types below are inferred
 * from it and the JSON Schema (2020-12) is generated from it (json-schema.ts).
 *
 * Conventions: every element has a stable `id` (its declared name), its `kind` and its `source`
 * range; every reference is an id; durations are seconds plus the ISO 8601 text; percentages
 * are fractions (85% → 0.85); dates are ISO (YYYY-MM-DD). Lists keep the order they are written
 * in where order means something (steps, routes, escalation levels) and are sorted by id
 * elsewhere (declarations, `usedBy`, `uses`).
 */

/**
 * The names (and descriptions) the JSON Schemas give these schemas in `$defs`: a registry of
 * hitl's own rather than zod's global one, so no other schema in the process can clash with them.
 */
export const hitlSchemas = z.registry<z.core.JSONSchemaMeta>();

export const MODEL_API_VERSION = 'hitl.dev/v1';
export const MODEL_KIND = 'WorkflowModel';

const Id = z.string().min(1);
const Ids = z.array(Id);
/** A dataset field, qualified: `Dataset.field`. */
const FieldRef = z.string().regex(/^[^.]+\.[^.]+$/);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Fraction = z.number().min(0).max(1);

export const SourceRange = z
    .strictObject({
        /** The file as the caller displays it (relative to the repository, say). */
        file: z.string(),
        line: z.int().min(1),
        column: z.int().min(1),
        endLine: z.int().min(1),
        endColumn: z.int().min(1),
    })
    .register(hitlSchemas, { id: 'SourceRange', description: 'Where an element is written: a display path and 1-based line and column of its start and end.' });

export const Suppression = z
    .strictObject({ reason: z.string(), approver: z.string(), expires: z.string() })
    .register(hitlSchemas, { id: 'Suppression', description: 'The suppress block that accepted a finding: its reason, approver (a party id) and expiry date.' });

export const Finding = z
    .strictObject({
        code: z.string(),
        severity: z.enum(['error', 'warning', 'info']),
        message: z.string(),
        source: SourceRange,
        related: z.array(z.strictObject({ message: z.string(), source: SourceRange })),
        suppression: Suppression.optional(),
    })
    .register(hitlSchemas, { id: 'Finding', description: 'A finding of the checker, attached to the innermost element whose source range holds it.' });

const Findings = z.array(Finding).optional();

export const Duration = z
    .strictObject({
        /** Calendar units are fixed lengths, as the checker counts them: a month is 30 days, a year 365. */
        seconds: z.number().min(0),
        /** As written, in ISO 8601 (`24h` → `PT24H`, `2y` → `P2Y`). */
        iso: z.string(),
    })
    .register(hitlSchemas, { id: 'Duration', description: 'A duration in seconds (a month counted as 30 days, a year as 365) and as ISO 8601 text.' });

export const Quantity = z
    .strictObject({
        /** A percentage as a fraction (0.5% → 0.005). */
        value: z.number(),
        /** True when written as a percentage. */
        percent: z.boolean(),
    })
    .register(hitlSchemas, { id: 'Quantity', description: 'A number; a percentage is given as a fraction with `percent` true.' });

// ---------------------------------------------------------------- conditions

/** A value a condition compares with: a number, a percentage (as a fraction), a quoted text or a bare name (`region == EU`). */
export const Literal = z
    .discriminatedUnion('type', [
        z.strictObject({ type: z.literal('number'), value: z.number() }),
        z.strictObject({ type: z.literal('percentage'), value: z.number() }),
        z.strictObject({ type: z.literal('text'), value: z.string() }),
        z.strictObject({ type: z.literal('name'), value: z.string() }),
    ])
    .register(hitlSchemas, { id: 'Literal' });
export type Literal = z.infer<typeof Literal>;

export type Condition =
    | { kind: 'comparison'; field: string; operator: (typeof COMPARATORS)[number]; value: Literal }
    | { kind: 'category'; category: string }
    | { kind: 'label'; label: string }
    | { kind: 'and' | 'or'; operands: Condition[] }
    | { kind: 'not'; operand: Condition }
    | { kind: 'incomplete'; text: string };

/**
 * A route or category condition as a tree. `and`/`or` hold two or more operands (a chain of the
 * same operator is one node); a comparison's value is a typed literal (see {@link Literal}). `incomplete` stands for text that does not parse yet (only in a
 * workspace with errors, which compile refuses).
 */
export const Condition: z.ZodType<Condition> = z
    .lazy(() =>
        z.discriminatedUnion('kind', [
            z.strictObject({
                kind: z.literal('comparison'),
                field: z.string(),
                operator: z.enum(COMPARATORS),
                value: Literal,
            }),
            z.strictObject({ kind: z.literal('category'), category: Id }),
            z.strictObject({ kind: z.literal('label'), label: z.string() }),
            z.strictObject({ kind: z.enum(['and', 'or']), operands: z.array(Condition).min(2) }),
            z.strictObject({ kind: z.literal('not'), operand: Condition }),
            z.strictObject({ kind: z.literal('incomplete'), text: z.string() }),
        ]),
    )
    .register(hitlSchemas, { id: 'Condition' });

// ---------------------------------------------------------------- references

/** Escalation blocks written inside a workflow are local to it; top-level ones are shared. */
export const Scope = z.enum(['workflow', 'shared']);

export const EscalationRef = z.strictObject({ id: Id, scope: Scope }).register(hitlSchemas, { id: 'EscalationRef', description: 'An escalation chain: local to the workflow or shared.' });

export const EscalationTarget = z
    .discriminatedUnion('kind', [z.strictObject({ kind: z.literal('party'), id: Id }), z.strictObject({ kind: z.literal('escalation'), id: Id, scope: Scope })])
    .register(hitlSchemas, { id: 'EscalationTarget', description: 'Where an item is escalated to: a party, or an escalation chain.' });

export const TimeoutAction = z
    .strictObject({ kind: z.enum(TIMEOUT_ACTIONS), target: EscalationTarget.optional() })
    .register(hitlSchemas, { id: 'TimeoutAction', description: 'What happens when nobody acts in time; `escalate` names where to.' });

// ---------------------------------------------------------------- routes and steps

const routeBase = { source: SourceRange, findings: Findings };

/**
 * A route out of a step, as written, in order: `when` routes are tried in that order and the
 * first that holds is taken, `otherwise` when none holds. A target that does not resolve is
 * left out (only in a workspace with errors).
 */
export const ThenRoute = z.strictObject({ kind: z.literal('then'), target: Id.optional(), ...routeBase });
export const WhenRoute = z.strictObject({
    kind: z.literal('when'),
    condition: Condition,
    /** The condition as canonical text, for display. */
    text: z.string(),
    /** The declared share of items expected to take this route, for simulation. */
    probability: Fraction.optional(),
    target: Id.optional(),
    ...routeBase,
});
export const OtherwiseRoute = z.strictObject({ kind: z.literal('otherwise'), target: Id.optional(), ...routeBase });
export const EventRoute = z.strictObject({
    kind: z.literal('on'),
    event: z.enum(ROUTE_EVENTS),
    /** The policy that governs a fallback (`on unavailable use P -> Step`). */
    policy: Id.optional(),
    target: Id.optional(),
    action: TimeoutAction.optional(),
    ...routeBase,
});
export const Route = z.discriminatedUnion('kind', [ThenRoute, WhenRoute, OtherwiseRoute, EventRoute]).register(hitlSchemas, { id: 'Route' });

export const Raci = z
    .strictObject({ responsible: Ids, accountable: Ids, consulted: Ids, informed: Ids })
    .register(hitlSchemas, { id: 'Raci', description: 'Party ids per RACI role.' });

export const EscalationRule = z
    .strictObject({ triggers: z.array(z.enum(ESCALATION_TRIGGERS)), target: EscalationTarget.optional(), within: Duration.optional(), source: SourceRange, findings: Findings })
    .register(hitlSchemas, { id: 'EscalationRule', description: '`escalate on … to … within …` in a gate or queue.' });

export const Fallback = z
    .strictObject({ mode: z.enum(FAILURE_MODES), policy: Id.optional(), target: Id.optional(), action: TimeoutAction.optional() })
    .register(hitlSchemas, { id: 'Fallback', description: 'What an AI step does on a failure mode: its `on <mode>` route, by mode.' });

const Title = z.string().optional();
const flowing = { raci: Raci.optional(), routes: z.array(Route), source: SourceRange, findings: Findings };

export const AiStep = z.strictObject({
    id: Id,
    kind: z.literal('ai-step'),
    title: Title,
    task: z.enum(AI_TASKS).optional(),
    actor: Id.optional(),
    /** The model the step runs: its own `model`, else its actor's. */
    model: Id.optional(),
    inputs: Ids,
    confidenceThreshold: Fraction.optional(),
    explanationRequired: z.boolean(),
    userFacing: z.boolean(),
    /** Its failure-mode routes by mode, in the order written (the same routes are in `routes`). */
    fallbacks: z.array(Fallback),
    ...flowing,
});

export const Gate = z.strictObject({
    id: Id,
    kind: z.literal('gate'),
    title: Title,
    reviewers: Ids,
    /** The AI steps the gate names in `reviews`. */
    reviews: Ids,
    /** The AI steps whose output it reviews: those named, else every AI step upstream of it. */
    reviewsAiSteps: Ids,
    allows: z.array(z.enum(GATE_ACTIONS)),
    rationaleRequired: z.boolean(),
    fourEyes: z.boolean(),
    noPreselection: z.boolean(),
    shows: z.array(z.enum(SHOWN_ITEMS)),
    sla: Duration.optional(),
    escalations: z.array(EscalationRule),
    ...flowing,
});

export const ManualQueue = z.strictObject({
    id: Id,
    kind: z.literal('queue'),
    title: Title,
    owner: Id.optional(),
    timeout: Duration.optional(),
    sla: Duration.optional(),
    escalations: z.array(EscalationRule),
    ...flowing,
});

export const AutomatedStep = z.strictObject({
    id: Id,
    kind: z.literal('automated-step'),
    title: Title,
    inputs: Ids,
    masks: z.array(FieldRef),
    ...flowing,
});

export const Decision = z.strictObject({
    id: Id,
    kind: z.literal('decision'),
    title: Title,
    decisionKind: z.enum(DECISION_KINDS).optional(),
    decidedBy: Id.optional(),
    risk: z.enum(RISK_GRADES).optional(),
    residualRisk: z.strictObject({ grade: z.enum(RISK_GRADES), acceptedBy: Id.optional(), acceptedOn: IsoDate.optional() }).optional(),
    affectsUserRights: z.boolean(),
    aboutPeople: z.boolean(),
    veto: Id.optional(),
    stage: z.enum(ROLLOUT_STAGES).optional(),
    fourEyesCategories: Ids,
    /** `no appeal because … approved by … on …`: a reasoned exemption from appeal. */
    appealExemption: z.strictObject({ reason: z.string().optional(), approver: Id.optional(), date: IsoDate.optional() }).optional(),
    ...flowing,
});

export const Effect = z.strictObject({
    id: Id,
    kind: z.literal('effect'),
    title: Title,
    effectKind: z.enum(EFFECT_KINDS).optional(),
    external: z.boolean(),
    channel: Id.optional(),
    ...flowing,
});

export const Outcome = z.strictObject({
    id: Id,
    kind: z.literal('outcome'),
    title: Title,
    result: z.string().optional(),
    source: SourceRange,
    findings: Findings,
});

export const Step = z.discriminatedUnion('kind', [AiStep, Gate, ManualQueue, AutomatedStep, Decision, Effect, Outcome]).register(hitlSchemas, { id: 'Step' });

// ---------------------------------------------------------------- escalation chains

export const EscalationLevel = z.strictObject({ target: Id.optional(), channel: Id.optional(), within: Duration.optional(), source: SourceRange });

export const ChainLevel = z
    .strictObject({
        party: Id.optional(),
        channel: Id.optional(),
        within: Duration.optional(),
        /** The escalation block the level is written in. */
        escalation: EscalationRef,
        /** True for the party an `on timeout escalate to <party>` hands the chain to last. */
        handOver: z.boolean(),
    })
    .register(hitlSchemas, { id: 'ChainLevel' });

export const Escalation = z
    .strictObject({
        id: Id,
        kind: z.literal('escalation'),
        scope: Scope,
        levels: z.array(EscalationLevel),
        onTimeout: TimeoutAction.optional(),
        /** The chain an item passes through once it enters here: every level in order, through hand-overs to other escalations. */
        chain: z.strictObject({
            levels: z.array(ChainLevel),
            escalations: z.array(EscalationRef),
            /** What happens when the last level times out too (absent when the chain ends by handing over to a party). */
            onTimeout: TimeoutAction.optional(),
            /** Set when a hand-over leads back to an escalation already on the chain. */
            loopsBackTo: EscalationRef.optional(),
        }),
        /** For shared escalations: the workflows that use it. */
        usedBy: Ids.optional(),
        source: SourceRange,
        findings: Findings,
    })
    .register(hitlSchemas, { id: 'Escalation' });

// ---------------------------------------------------------------- workflow parts

export const Metric = z.strictObject({ label: z.string(), operator: z.enum(COMPARATORS), threshold: Quantity, source: SourceRange });

export const PreDeploymentReview = z.strictObject({
    id: Id,
    kind: z.literal('pre-deployment-review'),
    approver: Id.optional(),
    date: IsoDate.optional(),
    conclusion: z.enum(REVIEW_CONCLUSIONS).optional(),
    summary: z.string().optional(),
    expires: IsoDate.optional(),
    exemptions: z.array(z.strictObject({ what: z.string(), rationale: z.string().optional() })),
    source: SourceRange,
    findings: Findings,
});

export const Category = z.strictObject({
    id: Id,
    kind: z.literal('category'),
    title: z.string().optional(),
    definition: Condition.optional(),
    source: SourceRange,
    findings: Findings,
});

export const Audit = z.strictObject({
    /** As written: the fixed audit fields and any quoted custom ones, in order, each once. */
    fields: z.array(z.string()),
    retention: Duration.optional(),
    masksPersonalData: z.boolean(),
    store: z.string().optional(),
    source: SourceRange,
    findings: Findings,
});

export const DriftMonitor = z.strictObject({
    id: Id,
    kind: z.literal('drift-monitor'),
    metric: z.string().optional(),
    baseline: Quantity.optional(),
    threshold: Quantity.optional(),
    window: Duration.optional(),
    onBreach: z.enum(BREACH_ACTIONS).optional(),
    alerts: Ids,
    source: SourceRange,
    findings: Findings,
});

export const BiasSampling = z.strictObject({
    id: Id,
    kind: z.literal('bias-sampling'),
    rate: Fraction.optional(),
    slices: z.array(z.string()),
    reviewer: Id.optional(),
    every: Duration.optional(),
    covers: Ids,
    source: SourceRange,
    findings: Findings,
});

export const MisuseMonitor = z.strictObject({
    id: Id,
    kind: z.literal('misuse-monitor'),
    signal: z.string().optional(),
    threshold: Quantity.optional(),
    action: z.enum(MISUSE_ACTIONS).optional(),
    alerts: Ids,
    covers: Ids,
    source: SourceRange,
    findings: Findings,
});

export const Monitoring = z.strictObject({
    drift: z.array(DriftMonitor),
    bias: z.array(BiasSampling),
    misuse: z.array(MisuseMonitor),
    source: SourceRange,
    findings: Findings,
});

export const Feedback = z.strictObject({
    loops: z.array(z.strictObject({ signal: z.enum(FEEDBACK_SIGNALS), dataset: Id.optional(), every: Duration.optional(), source: SourceRange })),
    retrainingApprover: Id.optional(),
    source: SourceRange,
    findings: Findings,
});

export const Incident = z.strictObject({
    severity: z.string().optional(),
    notices: z.array(z.strictObject({ party: Id.optional(), channel: Id.optional(), within: Duration.optional(), source: SourceRange })),
    source: SourceRange,
    findings: Findings,
});

export const Appeal = z.strictObject({
    channel: Id.optional(),
    reviewer: Id.optional(),
    sla: Duration.optional(),
    explanation: z.string().optional(),
    source: SourceRange,
    findings: Findings,
});

export const StopControl = z.strictObject({
    owners: Ids,
    safeState: z.enum(SAFE_STATES).optional(),
    description: z.string().optional(),
    channel: Id.optional(),
    source: SourceRange,
    findings: Findings,
});

export const Access = z.strictObject({
    grants: z.array(z.strictObject({ party: Id.optional(), permissions: z.array(z.enum(PERMISSIONS)), source: SourceRange })),
    masks: z.array(z.strictObject({ fields: z.array(FieldRef), scopes: z.array(z.enum(MASK_SCOPES)), source: SourceRange })),
    unmasks: z.array(z.strictObject({ fields: z.array(FieldRef), parties: Ids, reason: z.string().optional(), source: SourceRange })),
    source: SourceRange,
    findings: Findings,
});

export const Evaluation = z.strictObject({
    id: Id,
    kind: z.literal('evaluation'),
    evaluationKind: z.enum(EVALUATION_KINDS).optional(),
    attacks: z.array(z.enum(ATTACK_KINDS)),
    covers: Ids,
    every: Duration.optional(),
    gatesDeployment: z.boolean(),
    owner: Id.optional(),
    source: SourceRange,
    findings: Findings,
});

/** The shared declarations a workflow uses, directly or through other declarations, by kind. */
export const Uses = z.strictObject({ parties: Ids, channels: Ids, models: Ids, datasets: Ids, policies: Ids, secrets: Ids, escalations: Ids });

export const Workflow = z
    .strictObject({
        id: Id,
        kind: z.literal('workflow'),
        title: z.string().optional(),
        version: z.string().optional(),
        owner: Id.optional(),
        changeApprover: Id.optional(),
        stage: z.enum(ROLLOUT_STAGES).optional(),
        /** The first step: the declared `start`, else the first step written. */
        start: Id.optional(),
        sla: Duration.optional(),
        /** The highest risk grade of its decisions. */
        risk: z.enum(RISK_GRADES).optional(),
        intendedUses: z.array(z.string()),
        outOfScope: z.array(z.string()),
        metrics: z.array(Metric),
        reviews: z.array(PreDeploymentReview),
        categories: z.array(Category),
        steps: z.array(Step),
        /** Escalation chains written inside the workflow (scope `workflow`). */
        escalations: z.array(Escalation),
        audit: Audit.optional(),
        monitoring: Monitoring.optional(),
        feedback: Feedback.optional(),
        incident: Incident.optional(),
        appeal: Appeal.optional(),
        stop: StopControl.optional(),
        access: Access.optional(),
        evaluations: z.array(Evaluation),
        uses: Uses,
        source: SourceRange,
        findings: Findings,
    })
    .register(hitlSchemas, { id: 'Workflow' });

// ---------------------------------------------------------------- shared declarations

const shared = { usedBy: Ids, source: SourceRange, findings: Findings };
const staffing = { competences: z.array(z.string()), trainings: z.array(z.string()), channels: Ids, authority: z.number().optional(), final: z.boolean() };

export const Role = z.strictObject({ id: Id, kind: z.literal('role'), title: z.string().optional(), person: z.literal(true), ...staffing, ...shared });

export const Team = z.strictObject({
    id: Id,
    kind: z.literal('team'),
    title: z.string().optional(),
    /** False when every role or AI actor it holds, through nested teams, is an AI actor. */
    person: z.boolean(),
    members: Ids,
    /** The roles and AI actors it stands for, through nested teams. */
    people: Ids,
    ...staffing,
    /** The authority it counts with when an item is escalated to it (bounded by its most senior member) and from it. */
    authorityAsTarget: z.number().optional(),
    authorityAsHandler: z.number().optional(),
    ...shared,
});

export const AiActor = z.strictObject({ id: Id, kind: z.literal('ai-actor'), title: z.string().optional(), person: z.literal(false), model: Id.optional(), operator: Id.optional(), ...shared });

export const Party = z.discriminatedUnion('kind', [Role, Team, AiActor]).register(hitlSchemas, { id: 'Party' });

export const Channel = z.strictObject({ id: Id, kind: z.literal('channel'), channelKind: z.enum(CHANNEL_KINDS).optional(), address: z.string().optional(), ...shared });

export const AiModel = z.strictObject({
    id: Id,
    kind: z.literal('model'),
    provider: z.string().optional(),
    version: z.string().optional(),
    promptTemplate: z.string().optional(),
    promptVersion: z.string().optional(),
    owner: Id.optional(),
    /** The secret holding its credentials; an inline credential is never copied, only flagged. */
    credentials: Id.optional(),
    inlineCredentials: z.boolean(),
    explainability: z.string().optional(),
    ...shared,
});

export const DataField = z.strictObject({ id: Id, kind: z.literal('field'), personal: z.boolean(), sensitive: z.boolean(), source: SourceRange, findings: Findings });

export const Dataset = z.strictObject({
    id: Id,
    kind: z.literal('dataset'),
    version: z.string().optional(),
    owner: Id.optional(),
    checks: z.array(z.string()),
    fields: z.array(DataField),
    ...shared,
});

export const Policy = z.strictObject({ id: Id, kind: z.literal('policy'), title: z.string().optional(), behaviour: z.enum(POLICY_BEHAVIOURS).optional(), description: z.string().optional(), ...shared });

/** A secret by reference: where it is kept (`vault://…`), never its value. */
export const Secret = z.strictObject({ id: Id, kind: z.literal('secret'), reference: z.string().optional(), ...shared });

export const Declarations = z.strictObject({
    parties: z.array(Party),
    channels: z.array(Channel),
    models: z.array(AiModel),
    datasets: z.array(Dataset),
    policies: z.array(Policy),
    secrets: z.array(Secret),
    /** Top-level escalation chains (scope `shared`). */
    escalations: z.array(Escalation),
});

export const HitlModel = z
    .strictObject({
        apiVersion: z.literal(MODEL_API_VERSION),
        kind: z.literal(MODEL_KIND),
        /** The source files, as displayed, sorted. */
        files: z.array(z.string()),
        workflows: z.array(Workflow),
        declarations: Declarations,
        /** Findings that lie in no element (a file-level suppression, say). */
        findings: Findings,
    })
    .register(hitlSchemas, { id: 'HitlModel', title: 'hitl workflow model', description: 'The compiled, engine-neutral model of a workspace of governed AI-in-the-loop workflows.' });

export type SourceRange = z.infer<typeof SourceRange>;
export type Finding = z.infer<typeof Finding>;
export type Duration = z.infer<typeof Duration>;
export type Quantity = z.infer<typeof Quantity>;
export type EscalationRef = z.infer<typeof EscalationRef>;
export type EscalationTarget = z.infer<typeof EscalationTarget>;
export type TimeoutAction = z.infer<typeof TimeoutAction>;
export type Route = z.infer<typeof Route>;
export type Raci = z.infer<typeof Raci>;
export type EscalationRule = z.infer<typeof EscalationRule>;
export type Fallback = z.infer<typeof Fallback>;
export type AiStep = z.infer<typeof AiStep>;
export type Gate = z.infer<typeof Gate>;
export type ManualQueue = z.infer<typeof ManualQueue>;
export type AutomatedStep = z.infer<typeof AutomatedStep>;
export type Decision = z.infer<typeof Decision>;
export type Effect = z.infer<typeof Effect>;
export type Outcome = z.infer<typeof Outcome>;
export type Step = z.infer<typeof Step>;
export type EscalationLevel = z.infer<typeof EscalationLevel>;
export type ChainLevel = z.infer<typeof ChainLevel>;
export type Escalation = z.infer<typeof Escalation>;
export type Metric = z.infer<typeof Metric>;
export type PreDeploymentReview = z.infer<typeof PreDeploymentReview>;
export type Category = z.infer<typeof Category>;
export type Audit = z.infer<typeof Audit>;
export type DriftMonitor = z.infer<typeof DriftMonitor>;
export type BiasSampling = z.infer<typeof BiasSampling>;
export type MisuseMonitor = z.infer<typeof MisuseMonitor>;
export type Monitoring = z.infer<typeof Monitoring>;
export type Feedback = z.infer<typeof Feedback>;
export type Incident = z.infer<typeof Incident>;
export type Appeal = z.infer<typeof Appeal>;
export type StopControl = z.infer<typeof StopControl>;
export type Access = z.infer<typeof Access>;
export type Evaluation = z.infer<typeof Evaluation>;
export type Uses = z.infer<typeof Uses>;
export type Workflow = z.infer<typeof Workflow>;
export type Role = z.infer<typeof Role>;
export type Team = z.infer<typeof Team>;
export type AiActor = z.infer<typeof AiActor>;
export type Party = z.infer<typeof Party>;
export type Channel = z.infer<typeof Channel>;
export type AiModel = z.infer<typeof AiModel>;
export type DataField = z.infer<typeof DataField>;
export type Dataset = z.infer<typeof Dataset>;
export type Policy = z.infer<typeof Policy>;
export type Secret = z.infer<typeof Secret>;
export type Declarations = z.infer<typeof Declarations>;
export type HitlModel = z.infer<typeof HitlModel>;
