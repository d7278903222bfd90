import { SCHEMA_BASE_URI } from '../model/json-schema.js';
import { lookup, pick } from '../model/lookup.js';
import { escalationOf } from '../model/paths.js';
import { escalationTargetsOf, fieldsReadBy, partiesActingAt, partyAndPeople, partyOf } from '../model/parties.js';
import type { AiModel, AiStep, Decision, Effect, Gate, HitlModel, ManualQueue, Step, Workflow } from '../model/schema.js';
import { AUDIT_FIELDS, FAILURE_MODES } from '../model/vocabulary.js';

/**
 * The JSON Schema (2020-12) of one audit record of a workflow (G25, G26, G27): a record per
 * event, its enums taken from the workflow (step ids, the actions each gate allows, the parties
 * who may act at each step, the models with their pinned versions), personal fields the
 * workflow masks only as hashes or redacted values, the workflow version and a hash chain; and
 * the same record wrapped in a CloudEvents 1.0 envelope. docs/compile.md describes each field.
 */

export type JsonSchema = { [keyword: string]: unknown };

/** The event kinds, in the order a case usually meets them. */
export const AUDIT_EVENTS = ['ai-output', 'fallback', 'human-action', 'escalation', 'timeout', 'final-decision', 'effect'] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/** The CloudEvents `type` of a record of each event kind. */
export function cloudEventType(event: AuditEvent): string {
    return `dev.hitl.audit.${event}`;
}

/** What a manual queue's owner does with an item: finishes the work by hand. */
export const QUEUE_ACTIONS = ['complete'] as const;

const HASH_PATTERN = '^sha256:[0-9a-f]{64}$';

/** The `$id` of a workflow's audit schema: it names the workflow and its version, so a new version is a new schema. */
export function auditSchemaId(workflow: Workflow, base = SCHEMA_BASE_URI): string {
    return `${base}audit/${encodeURIComponent(workflow.id)}/${encodeURIComponent(workflow.version ?? 'unversioned')}.schema.json`;
}

const DEF_NAMES: Record<AuditEvent, string> = {
    'ai-output': 'aiOutput',
    fallback: 'fallback',
    'human-action': 'humanAction',
    escalation: 'escalation',
    timeout: 'timeout',
    'final-decision': 'finalDecision',
    effect: 'effect',
};

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });
const text = (description?: string): JsonSchema => ({ type: 'string', minLength: 1, ...(description ? { description } : {}) });
/** A string that is one of `values` (any non-empty text when there are none: only in a workspace with errors). */
function oneOfValues(values: readonly string[], description?: string): JsonSchema {
    const described = description ? { description } : {};
    if (values.length === 0) return text(description);
    return values.length === 1 ? { type: 'string', const: values[0], ...described } : { type: 'string', enum: [...values], ...described };
}

function object(properties: Record<string, JsonSchema>, required: readonly string[], extra: JsonSchema = {}): JsonSchema {
    return { type: 'object', properties, ...(required.length > 0 ? { required: [...required] } : {}), additionalProperties: false, ...extra };
}

/** The step ids of a workflow that can write each kind of record; a kind no step writes is left out. */
function stepsByEvent(workflow: Workflow): Record<AuditEvent, Step[]> {
    const steps = workflow.steps;
    const failures: ReadonlySet<string> = new Set(FAILURE_MODES);
    return {
        'ai-output': steps.filter((step) => step.kind === 'ai-step'),
        fallback: steps.filter((step) => step.kind !== 'outcome' && step.routes.some((route) => route.kind === 'on' && failures.has(route.event))),
        'human-action': steps.filter((step) => step.kind === 'gate' || step.kind === 'queue'),
        escalation: steps.filter((step) => escalationTargetsOf(step).length > 0),
        timeout: steps.filter((step) => timeoutActionsOf(step).length > 0),
        'final-decision': steps.filter((step) => step.kind === 'decision'),
        effect: steps.filter((step) => step.kind === 'effect'),
    };
}

/** What a step does when nobody acts in time: each `on timeout` route's action (`route` when it names a step). */
function timeoutActionsOf(step: Step): string[] {
    if (step.kind === 'outcome') return [];
    const actions = step.routes.flatMap((route) => (route.kind === 'on' && route.event === 'timeout' ? [route.action?.kind ?? (route.target ? 'route' : undefined)] : []));
    return [...new Set(actions.filter((action): action is string => action !== undefined))];
}

function modelOf(model: HitlModel, id: string | undefined): AiModel | undefined {
    return id === undefined ? undefined : lookup(model).models.get(id);
}

/** The audit record schema of one workflow. */
export function auditSchema(model: HitlModel, workflow: Workflow, options: { baseUri?: string } = {}): JsonSchema {
    const id = auditSchemaId(workflow, options.baseUri);
    const recorded = new Set(workflow.audit?.fields ?? []);
    const custom = [...recorded].filter((field) => !(AUDIT_FIELDS as readonly string[]).includes(field));
    const byEvent = stepsByEvent(workflow);
    const events = AUDIT_EVENTS.filter((event) => byEvent[event].length > 0);
    const stepIds = workflow.steps.map((step) => step.id);
    const defs: Record<string, JsonSchema> = {};

    defs.hash = { type: 'string', pattern: HASH_PATTERN, description: 'A SHA-256 digest, `sha256:` and 64 lower-case hex digits.' };
    defs.masked = {
        description: 'A personal-data value the workflow masks in its audit record: only its hash, or that it was redacted.',
        oneOf: [object({ sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } }, ['sha256']), object({ redacted: { type: 'boolean', const: true } }, ['redacted'])],
    };
    const fields = fieldsReadBy(model, workflow);
    defs.inputFields = {
        type: 'object',
        description: 'Values of the input fields (`Dataset.field`) the record shows; fields the workflow masks in audit appear only masked. No other field may appear.',
        properties: Object.fromEntries(fields.map((field) => [field.id, field.maskedInAudit ? ref('masked') : { description: field.field.personal ? 'Personal data, not masked in audit by this workflow.' : 'Not personal data.' }])),
        additionalProperties: false,
    };
    const actingRoles = [...new Set(byEvent['human-action'].flatMap((step) => partiesActingAt(model, workflow, step)))].sort();
    const hashDescription = 'The hash of the record before this one in the same log (null for the first): each record commits to all before it, so a change anywhere breaks the chain.';
    defs.common = {
        type: 'object',
        description: 'Fields every record carries.',
        properties: {
            recordId: text('Unique id of this record.'),
            workflow: { type: 'string', const: workflow.id },
            workflowVersion: workflow.version ? { type: 'string', const: workflow.version, description: 'G40: the version of the workflow that wrote the record.' } : text(),
            caseId: text('The item (case, decision) the record belongs to. OpenTelemetry: gen_ai.conversation.id.'),
            sequence: { type: 'integer', minimum: 0, description: 'Position of the record in its log, from 0.' },
            time: { type: 'string', format: 'date-time', description: 'When the event happened (RFC 3339).' },
            event: oneOfValues(events),
            step: oneOfValues(stepIds, 'The step of the workflow where the event happened.'),
            previousHash: { anyOf: [ref('hash'), { type: 'null' }], description: hashDescription },
            hash: { ...ref('hash'), description: 'SHA-256 of the record without `hash`, serialised as RFC 8785 (JSON Canonicalization Scheme).' },
            ...(custom.length > 0
                ? { attributes: object(Object.fromEntries(custom.map((name) => [name, { description: `Recorded as the workflow's audit block asks ("${name}").` }])), [], { description: 'The further fields the workflow records by name.' }) }
                : {}),
        },
        required: ['recordId', 'workflow', 'workflowVersion', 'caseId', 'sequence', 'time', 'event', 'step', 'previousHash', 'hash'],
    };
    if (events.includes('human-action')) {
        defs.actor = object(
            { id: text('Identity of the person (an employee or directory id).'), role: oneOfValues(actingRoles, 'The party of the workflow they acted as.') },
            ['id', 'role'],
            { description: 'G26: the person who acted, and the role they acted in.' },
        );
    }

    const build: Record<AuditEvent, () => JsonSchema> = {
        'ai-output': () => aiOutputRecord(model, byEvent['ai-output'] as AiStep[], recorded),
        fallback: () => fallbackRecord(byEvent.fallback),
        'human-action': () => humanActionRecord(model, workflow, byEvent['human-action'] as Array<Gate | ManualQueue>),
        escalation: () => escalationRecord(model, workflow, byEvent.escalation),
        timeout: () => timeoutRecord(byEvent.timeout),
        'final-decision': () => finalDecisionRecord(model, workflow, byEvent['final-decision'] as Decision[], recorded),
        effect: () => effectRecord(byEvent.effect as Effect[]),
    };
    for (const event of events) defs[DEF_NAMES[event]] = build[event]();
    defs.record = { oneOf: events.map((event) => ref(DEF_NAMES[event])) };
    defs.cloudEvent = cloudEvent(id, events);

    return {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: id,
        title: `Audit record of workflow ${workflow.id}${workflow.version ? ` ${workflow.version}` : ''}`,
        description: 'One record per event, written by the deployed workflow: plain, or as the data of a CloudEvents 1.0 event.',
        oneOf: [ref('record'), ref('cloudEvent')],
        $defs: defs,
    };
}

/** A record of one event kind: the common fields, the event's own, and per-step constraints. */
function record(event: AuditEvent, steps: readonly Step[], properties: Record<string, JsonSchema>, required: readonly string[], perStep?: (step: Step) => JsonSchema | undefined): JsonSchema {
    const branches = perStep ? steps.map((step) => ({ step, schema: perStep(step) })) : [];
    const constrained = branches.filter((branch) => branch.schema !== undefined);
    return {
        type: 'object',
        allOf: [ref('common')],
        properties: { event: { type: 'string', const: event }, step: oneOfValues(steps.map((step) => step.id)), ...properties },
        required: ['event', 'step', ...required],
        ...(constrained.length > 0 ? { oneOf: branches.map(({ step, schema }) => stepBranch(step.id, schema ?? { properties: {}, required: [] })) } : {}),
        unevaluatedProperties: false,
    };
}

function stepBranch(step: string, schema: JsonSchema): JsonSchema {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = (schema.required ?? []) as string[];
    return { type: 'object', properties: { step: { type: 'string', const: step }, ...properties }, required: ['step', ...required] };
}

function aiOutputRecord(model: HitlModel, steps: readonly AiStep[], recorded: ReadonlySet<string>): JsonSchema {
    const required = [
        ...(recorded.has('model-version') || recorded.has('prompt-version') ? ['model'] : []),
        ...(recorded.has('input-version') || recorded.has('input-hash') ? ['input'] : []),
        ...(recorded.has('features') ? ['features'] : []),
        ...(recorded.has('ai-output') ? ['output'] : []),
        ...(recorded.has('confidence') ? ['confidence'] : []),
        ...(recorded.has('explanation') ? ['explanation'] : []),
    ];
    return record(
        'ai-output',
        steps,
        {
            model: { type: 'object', description: 'G28: the model that produced the output, with its pinned version and prompt version.' },
            aiActor: text('The AI actor that ran the step. OpenTelemetry: gen_ai.agent.name.'),
            input: { type: 'object', description: 'G25: what the model was given.' },
            features: { type: 'object', description: 'The features the model scored (derived values; raw personal data goes only in `input.fields`).' },
            output: { description: 'G25: the output as the model gave it.' },
            confidence: { type: 'number', minimum: 0, maximum: 1, description: 'G22: the confidence the model reported, 0 to 1.' },
            explanation: text('G04: the explanation shown to reviewers.'),
        },
        required,
        (step) => {
            const ai = step as AiStep;
            const used = modelOf(model, ai.model);
            const modelProperties: Record<string, JsonSchema> = {
                id: used ? { type: 'string', const: used.id } : text(),
                // The workflow describes its provider in prose; the record names it as the instrumentation does (`openai`, `aws.bedrock`).
                provider: text('OpenTelemetry: gen_ai.provider.name.'),
                version: used?.version ? { type: 'string', const: used.version, description: 'OpenTelemetry: gen_ai.request.model.' } : text('OpenTelemetry: gen_ai.request.model.'),
                ...(used?.promptVersion || !used ? { promptVersion: used?.promptVersion ? { type: 'string', const: used.promptVersion } : text() } : {}),
            };
            const modelRequired = ['id', ...(recorded.has('model-version') ? ['version'] : []), ...(recorded.has('prompt-version') && used?.promptVersion ? ['promptVersion'] : [])];
            const datasets = pick(lookup(model).datasets, ai.inputs);
            const input = object(
                {
                    datasets: object(
                        Object.fromEntries(datasets.map((dataset) => [dataset.id, dataset.version ? { type: 'string', const: dataset.version } : text()])),
                        recorded.has('input-version') ? datasets.map((dataset) => dataset.id) : [],
                        { description: 'G25: the version of each input dataset.' },
                    ),
                    hash: { ...ref('hash'), description: 'G25: the hash of the input as given to the model.' },
                    fields: ref('inputFields'),
                },
                [...(recorded.has('input-version') && datasets.length > 0 ? ['datasets'] : []), ...(recorded.has('input-hash') ? ['hash'] : [])],
            );
            return {
                properties: {
                    model: object(modelProperties, modelRequired),
                    ...(ai.actor ? { aiActor: { type: 'string', const: ai.actor } } : {}),
                    input,
                },
                required: [],
            };
        },
    );
}

function fallbackRecord(steps: readonly Step[]): JsonSchema {
    const failures: ReadonlySet<string> = new Set(FAILURE_MODES);
    const policies = [...new Set(steps.flatMap((step) => (step.kind === 'outcome' ? [] : step.routes.flatMap((route) => (route.kind === 'on' && route.policy ? [route.policy] : [])))))].sort();
    return record(
        'fallback',
        steps,
        {
            mode: { type: 'string', description: 'G21: the failure mode that triggered the fallback.' },
            ...(policies.length > 0 ? { policy: oneOfValues(policies, 'The policy that governed the fallback.') } : {}),
            target: { type: 'string', description: 'The step the item was sent to.' },
        },
        ['mode'],
        (step) => {
            const routes = step.kind === 'outcome' ? [] : step.routes.filter((route) => route.kind === 'on' && failures.has(route.event));
            const modes = [...new Set(routes.map((route) => (route.kind === 'on' ? route.event : '')))];
            const targets = [...new Set(routes.flatMap((route) => (route.target ? [route.target] : [])))];
            return { properties: { mode: oneOfValues(modes), ...(targets.length > 0 ? { target: oneOfValues(targets) } : {}) }, required: [] };
        },
    );
}

function humanActionRecord(model: HitlModel, workflow: Workflow, steps: ReadonlyArray<Gate | ManualQueue>): JsonSchema {
    return record(
        'human-action',
        steps,
        {
            actor: ref('actor'),
            action: { type: 'string', description: 'What the person did: one of the actions the gate allows (a queue: `complete`).' },
            rationale: text('G05: why, in the reviewer\'s words.'),
            shown: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'G04: what the reviewer was shown.' },
            input: object({ fields: ref('inputFields') }, [], { description: 'The input fields the reviewer saw.' }),
        },
        ['actor', 'action'],
        (step) => {
            const roles = partiesActingAt(model, workflow, step);
            const actor = object({ id: text(), role: oneOfValues(roles) }, ['id', 'role']);
            if (step.kind === 'queue') return { properties: { actor, action: oneOfValues(QUEUE_ACTIONS) }, required: [] };
            const gate = step as Gate;
            return {
                properties: {
                    actor,
                    action: oneOfValues(gate.allows.length > 0 ? gate.allows : ['approve']),
                    ...(gate.shows.length > 0 ? { shown: { type: 'array', items: oneOfValues(gate.shows) } } : {}),
                    ...(gate.rationaleRequired ? { rationale: text() } : {}),
                },
                required: gate.rationaleRequired ? ['rationale'] : [],
            };
        },
    );
}

function escalationRecord(model: HitlModel, workflow: Workflow, steps: readonly Step[]): JsonSchema {
    const chains = new Set<string>();
    const parties = new Set<string>();
    const channels = new Set<string>();
    const perStep = new Map<string, { triggers: Set<string>; chains: Set<string>; parties: Set<string> }>();
    for (const step of steps) {
        const own = { triggers: new Set<string>(), chains: new Set<string>(), parties: new Set<string>() };
        if (step.kind === 'gate' || step.kind === 'queue') for (const rule of step.escalations) for (const trigger of rule.triggers) own.triggers.add(trigger);
        if (step.kind !== 'outcome') for (const route of step.routes) if (route.kind === 'on' && route.action?.kind === 'escalate') own.triggers.add(route.event);
        for (const target of escalationTargetsOf(step)) {
            if (target.kind === 'party') {
                for (const id of partyAndPeople(model, target.id)) own.parties.add(id);
                continue;
            }
            const escalation = escalationOf(model, workflow, target);
            if (!escalation) continue;
            own.chains.add(escalation.id);
            for (const level of escalation.chain.levels) {
                if (level.party) own.parties.add(level.party);
                if (level.channel) channels.add(level.channel);
            }
        }
        own.chains.forEach((chain) => chains.add(chain));
        own.parties.forEach((party) => parties.add(party));
        perStep.set(step.id, own);
    }
    return record(
        'escalation',
        steps,
        {
            trigger: { type: 'string', description: 'G19: why the item was escalated.' },
            ...(chains.size > 0 ? { chain: oneOfValues([...chains].sort(), 'The escalation chain the item entered.') } : {}),
            level: { type: 'integer', minimum: 0, description: 'The level of the chain (from 0) the item reached.' },
            target: oneOfValues([...parties].sort(), 'The party the item was escalated to.'),
            ...(channels.size > 0 ? { channel: oneOfValues([...channels].sort(), 'The channel the party was notified through.') } : {}),
        },
        ['trigger', 'target'],
        (step) => {
            const own = perStep.get(step.id)!;
            return {
                properties: {
                    trigger: oneOfValues([...own.triggers].sort()),
                    ...(own.chains.size > 0 ? { chain: oneOfValues([...own.chains].sort()) } : {}),
                    target: oneOfValues([...own.parties].sort()),
                },
                required: [],
            };
        },
    );
}

function timeoutRecord(steps: readonly Step[]): JsonSchema {
    return record(
        'timeout',
        steps,
        {
            action: { type: 'string', description: 'G18: what the step did when nobody acted in time (`route` when it sends the item to a step).' },
            elapsedSeconds: { type: 'number', minimum: 0, description: 'How long the item had waited.' },
        },
        ['action'],
        (step) => ({ properties: { action: oneOfValues(timeoutActionsOf(step)) }, required: [] }),
    );
}

function finalDecisionRecord(model: HitlModel, workflow: Workflow, steps: readonly Decision[], recorded: ReadonlySet<string>): JsonSchema {
    const outcomes = workflow.steps.filter((step) => step.kind === 'outcome').map((step) => step.id);
    const categories = workflow.categories.map((category) => category.id);
    return record(
        'final-decision',
        steps,
        {
            result: text('G25: the decision taken.'),
            decidedBy: { type: 'object', description: 'G26: who took the decision (a person, or the AI actor the decision names).' },
            ...(outcomes.length > 0 ? { outcome: oneOfValues(outcomes, 'The outcome the item ended in, once known.') } : {}),
            ...(categories.length > 0 ? { categories: { type: 'array', items: oneOfValues(categories), uniqueItems: true, description: 'G06: the categories the item was in.' } } : {}),
        },
        ['decidedBy', ...(recorded.has('final-result') ? ['result'] : [])],
        (step) => {
            const decision = step as Decision;
            const deciders = [...new Set([decision.decidedBy, decision.veto].flatMap((id) => (id ? partyAndPeople(model, id) : [])))].sort();
            const ai = deciders.filter((id) => partyOf(model, id)?.kind === 'ai-actor');
            const decidedBy = object({ id: text('Identity of the person, or of the AI actor.'), role: deciders.length > 0 ? oneOfValues(deciders) : text() }, ['id', 'role'], ai.length > 0 ? { description: `AI actors: ${ai.join(', ')}.` } : {});
            return { properties: { decidedBy }, required: [] };
        },
    );
}

function effectRecord(steps: readonly Effect[]): JsonSchema {
    return record(
        'effect',
        steps,
        {
            status: oneOfValues(['executed', 'failed'], 'Whether the effect took place.'),
            channel: text('The channel the effect went out through.'),
            reference: text('The reference the external system gave (a payment or message id).'),
        },
        ['status'],
        (step) => {
            const effect = step as Effect;
            return effect.channel ? { properties: { channel: { type: 'string', const: effect.channel } }, required: [] } : undefined;
        },
    );
}

const CLOUD_EVENT_ATTRIBUTES = ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema', 'data'];

/** The record as the data of a CloudEvents 1.0 event; extension attributes (such as `traceparent`) are allowed. */
function cloudEvent(id: string, events: readonly AuditEvent[]): JsonSchema {
    return {
        type: 'object',
        description: 'A record in a CloudEvents 1.0 envelope (JSON format). `subject` is the record\'s caseId and `time` its time.',
        properties: {
            specversion: { type: 'string', const: '1.0' },
            id: text('The record id (recordId).'),
            source: { type: 'string', minLength: 1, format: 'uri-reference', description: 'The deployment that wrote the record.' },
            type: oneOfValues(events.map(cloudEventType)),
            subject: text('The case id.'),
            time: { type: 'string', format: 'date-time' },
            datacontenttype: { type: 'string', const: 'application/json' },
            dataschema: { type: 'string', const: id },
            data: ref('record'),
        },
        required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'dataschema', 'data'],
        oneOf: events.map((event) => ({
            type: 'object',
            properties: { type: { type: 'string', const: cloudEventType(event) }, data: ref(DEF_NAMES[event]) },
            required: ['type', 'data'],
        })),
        // Extension attributes: lower-case letters and digits (`traceparent`, say); the core attributes are above.
        patternProperties: { [`^(?!(?:${CLOUD_EVENT_ATTRIBUTES.join('|')})$)[a-z0-9]{1,20}$`]: {} },
        additionalProperties: false,
    };
}
