import type { AstNode, LangiumDocument, Reference, URI } from 'langium';
import {
    isAiActor,
    isAiModel,
    isAiStep,
    isAutomatedStep,
    isChannel,
    isDataset,
    isDecision,
    isEffect,
    isEscalation,
    isEventRoute,
    isGate,
    isHitlFile,
    isManualQueue,
    isOtherwiseRoute,
    isOutcome,
    isPolicy,
    isRole,
    isSecret,
    isTeam,
    isThenRoute,
    isWhenRoute,
    isWorkflow,
    type AiModel as AstAiModel,
    type Channel as AstChannel,
    type DataField as AstDataField,
    type Dataset as AstDataset,
    type Escalation as AstEscalation,
    type EscalationRule as AstEscalationRule,
    type EscalationTarget as AstEscalationTarget,
    type HitlFile,
    type Party as AstParty,
    type Policy as AstPolicy,
    type Raci as AstRaci,
    type Role as AstRole,
    type Route as AstRoute,
    type Secret as AstSecret,
    type Step as AstStep,
    type Team as AstTeam,
    type TimeoutAction as AstTimeoutAction,
    type TopLevel,
    type Workflow as AstWorkflow,
} from '../generated/ast.js';
import { conditionText } from '../analysis/conditions.js';
import { flowGraphOf } from '../analysis/flow-graph.js';
import { decisionsOf, effectiveAuthority, isHumanParty, peopleOf, riskRank } from '../analysis/governance.js';
import type { FileResult } from '../headless/check-result.js';
import { chainOf } from '../analysis/escalation.js';
import { aiStepsReviewedBy, modelOf } from '../analysis/oversight.js';
import {
    HitlModel,
    MODEL_API_VERSION,
    MODEL_KIND,
    type Access,
    type AiModel,
    type Audit,
    type Channel,
    type Dataset,
    type Declarations,
    type Escalation,
    type EscalationRef,
    type EscalationRule,
    type EscalationTarget,
    type Fallback,
    type Party,
    type Policy,
    type Raci,
    type Route,
    type Secret,
    type Step,
    type TimeoutAction,
    type Uses,
    type Workflow,
} from '../model/schema.js';
import { FAILURE_MODES } from '../model/vocabulary.js';
import { attachFindings, type Attachable } from './findings.js';
import { DeclarationUses } from './uses.js';
import { condition, duration, fraction, isoDate, quantity, rangeOf } from './values.js';

/**
 * The one mapping from the Langium AST to the compiled model. Every consumer (compile, the
 * simulator, exports, the graph view, the diff) reads the model, never the AST; the meaning of
 * the language (the start step, a gate's reviewed AI steps, an escalation chain, who a team
 * stands for) comes from the same analysis helpers the rules use.
 */

export interface CompileOptions {
    /** How a file is named in source ranges (relative to the repository, say). */
    readonly display: (uri: URI) => string;
    /** The checker's findings per file (display paths), to attach to the elements they are about. */
    readonly findings?: readonly FileResult[];
}

const FAILURES: ReadonlySet<string> = new Set(FAILURE_MODES);

/**
 * Compiles linked (and usually validated) documents into the model. The result is the same
 * whatever order the documents come in: files are taken by display path, declarations sorted
 * by id, and a name declared twice (an error the checker reports) counts once, as first
 * declared by file and position.
 */
export function compileModel(documents: readonly LangiumDocument[], options: CompileOptions): HitlModel {
    const compiler = new ModelCompiler(options);
    return compiler.compile(documents);
}

function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

function byId<T extends { id: string }>(a: T, b: T): number {
    return compareText(a.id, b.id);
}

function sortedUnique(values: Iterable<string>): string[] {
    return [...new Set(values)].sort(compareText);
}

function nameOf(reference: Reference<AstNode & { name: string }> | undefined): string | undefined {
    const name = reference?.ref?.name;
    return name ? name : undefined;
}

function namesOf(references: ReadonlyArray<Reference<AstNode & { name: string }>>): string[] {
    return references.flatMap((reference) => (reference.ref?.name ? [reference.ref.name] : []));
}

function fieldId(field: AstDataField | undefined): string | undefined {
    return field && isDataset(field.$container) && field.$container.name && field.name ? `${field.$container.name}.${field.name}` : undefined;
}

function fieldIds(references: ReadonlyArray<Reference<AstDataField>>): string[] {
    return references.flatMap((reference) => {
        const id = fieldId(reference.ref);
        return id ? [id] : [];
    });
}

/** Present optional properties only: a model property is either set or absent, never `undefined`. */
function defined<T extends object>(value: T): T {
    for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
    return value;
}

class ModelCompiler {
    private readonly attachables: Attachable[] = [];
    /** The display path of each document, by its root. */
    private readonly files = new Map<HitlFile, string>();
    /** Top-level declarations by name: the first of a name, by file and position. */
    private readonly declared = new Map<string, TopLevel>();
    private readonly declarationUses = new DeclarationUses();

    constructor(private readonly options: CompileOptions) {}

    compile(documents: readonly LangiumDocument[]): HitlModel {
        const roots = documents
            .map((document) => ({ root: document.parseResult.value, path: this.options.display(document.uri) }))
            .filter((entry): entry is { root: HitlFile; path: string } => isHitlFile(entry.root))
            .sort((a, b) => compareText(a.path, b.path));
        for (const { root, path } of roots) {
            this.files.set(root, path);
            for (const element of root.elements) {
                if (element.name && !this.declared.has(element.name)) this.declared.set(element.name, element);
            }
        }
        const elements = [...this.declared.values()];
        const workflows = elements.filter(isWorkflow).map((workflow) => this.workflow(workflow));
        workflows.sort(byId);
        const declarations = this.declarations(elements, workflows);
        const loose = this.options.findings ? attachFindings(this.options.findings, this.attachables) : [];
        const model: HitlModel = {
            apiVersion: MODEL_API_VERSION,
            kind: MODEL_KIND,
            files: roots.map((entry) => entry.path),
            workflows,
            declarations,
            ...(loose.length > 0 ? { findings: loose } : {}),
        };
        // Built in the schema's key order, so it serialises as a parse would; the tests parse it.
        return model;
    }

    /** A node's source range, in its file as displayed. */
    private source(node: AstNode) {
        let root = node;
        while (root.$container) root = root.$container;
        return rangeOf(node, this.files.get(root as HitlFile) ?? '');
    }

    /** Registers an element to receive the findings that lie in it. */
    private attachable<T extends Attachable>(element: T): T {
        this.attachables.push(element);
        return element;
    }

    // ------------------------------------------------------------ references

    private escalationRef(escalation: AstEscalation): EscalationRef {
        return { id: escalation.name, scope: isWorkflow(escalation.$container) ? 'workflow' : 'shared' };
    }

    private escalationTarget(target: AstEscalationTarget | undefined): EscalationTarget | undefined {
        if (!target?.name) return undefined;
        return isEscalation(target) ? { kind: 'escalation', ...this.escalationRef(target) } : { kind: 'party', id: target.name };
    }

    private timeoutAction(action: AstTimeoutAction | undefined): TimeoutAction | undefined {
        if (!action?.kind) return undefined;
        return defined({ kind: action.kind, target: this.escalationTarget(action.target?.ref) });
    }

    private raci(raci: AstRaci | undefined): Raci | undefined {
        if (!raci) return undefined;
        return { responsible: namesOf(raci.responsible), accountable: namesOf(raci.accountable), consulted: namesOf(raci.consulted), informed: namesOf(raci.informed) };
    }

    // ------------------------------------------------------------ workflows

    private workflow(workflow: AstWorkflow): Workflow {
        const graph = flowGraphOf(workflow);
        let risk: string | undefined;
        for (const decision of decisionsOf(workflow)) if (riskRank(decision.risk) > riskRank(risk)) risk = decision.risk;
        const compiled: Workflow = defined({
            id: workflow.name,
            kind: 'workflow' as const,
            title: workflow.title,
            version: workflow.version,
            owner: nameOf(workflow.owner),
            changeApprover: nameOf(workflow.changeApprover),
            stage: workflow.stage,
            start: graph.start?.name || undefined,
            sla: duration(workflow.sla),
            risk: risk as Workflow['risk'],
            intendedUses: [...workflow.intendedUses],
            outOfScope: [...workflow.outOfScope],
            metrics: workflow.metrics.flatMap((metric) => {
                const threshold = quantity(metric.threshold);
                return metric.comparator && threshold ? [{ label: metric.label ?? '', operator: metric.comparator, threshold, source: this.source(metric) }] : [];
            }),
            reviews: workflow.reviews.map((review) =>
                this.attachable(
                    defined({
                        id: review.id,
                        kind: 'pre-deployment-review' as const,
                        approver: nameOf(review.approver),
                        date: isoDate(review.date),
                        conclusion: review.conclusion,
                        summary: review.summary,
                        expires: isoDate(review.expires),
                        exemptions: review.exemptions.map((exemption) => defined({ what: exemption.what, rationale: exemption.rationale })),
                        source: this.source(review),
                    }),
                ),
            ),
            categories: workflow.categories.map((category) =>
                this.attachable(
                    defined({
                        id: category.name,
                        kind: 'category' as const,
                        title: category.title,
                        definition: category.definition ? condition(category.definition) : undefined,
                        source: this.source(category),
                    }),
                ),
            ),
            steps: workflow.steps.filter((step) => !!step.name).map((step) => this.step(step)),
            escalations: workflow.escalations.filter((escalation) => !!escalation.name).map((escalation) => this.escalation(escalation)),
            audit: this.audit(workflow),
            monitoring: this.monitoring(workflow),
            feedback: workflow.feedback
                ? this.attachable(
                      defined({
                          loops: workflow.feedback.loops.map((loop) => defined({ signal: loop.source, dataset: nameOf(loop.target), every: duration(loop.every), source: this.source(loop) })),
                          retrainingApprover: nameOf(workflow.feedback.retrainingApprover),
                          source: this.source(workflow.feedback),
                      }),
                  )
                : undefined,
            incident: workflow.incident
                ? this.attachable(
                      defined({
                          severity: workflow.incident.severity,
                          notices: workflow.incident.notices.map((notice) =>
                              defined({ party: nameOf(notice.party), channel: nameOf(notice.channel), within: duration(notice.within), source: this.source(notice) }),
                          ),
                          source: this.source(workflow.incident),
                      }),
                  )
                : undefined,
            appeal: workflow.appeal
                ? this.attachable(
                      defined({
                          channel: nameOf(workflow.appeal.channel),
                          reviewer: nameOf(workflow.appeal.reviewer),
                          sla: duration(workflow.appeal.sla),
                          explanation: workflow.appeal.explanation,
                          source: this.source(workflow.appeal),
                      }),
                  )
                : undefined,
            stop: workflow.stop
                ? this.attachable(
                      defined({
                          owners: namesOf(workflow.stop.owners),
                          safeState: workflow.stop.safeState,
                          description: workflow.stop.description,
                          channel: nameOf(workflow.stop.channel),
                          source: this.source(workflow.stop),
                      }),
                  )
                : undefined,
            access: this.access(workflow),
            evaluations: workflow.evaluations
                .filter((evaluation) => !!evaluation.name)
                .map((evaluation) =>
                    this.attachable(
                        defined({
                            id: evaluation.name,
                            kind: 'evaluation' as const,
                            evaluationKind: evaluation.kind,
                            attacks: [...evaluation.attacks],
                            covers: namesOf(evaluation.covers),
                            every: duration(evaluation.every),
                            gatesDeployment: evaluation.gatesDeployment,
                            owner: nameOf(evaluation.owner),
                            source: this.source(evaluation),
                        }),
                    ),
                ),
            uses: this.uses(workflow),
            source: this.source(workflow),
        });
        return this.attachable(compiled);
    }

    private uses(workflow: AstWorkflow): Uses {
        const uses: Record<keyof Uses, string[]> = { parties: [], channels: [], models: [], datasets: [], policies: [], secrets: [], escalations: [] };
        for (const declaration of this.declarationUses.usedBy(workflow)) {
            if (!declaration.name || this.declared.get(declaration.name) !== declaration) continue;
            const kind = declarationKind(declaration);
            if (kind) uses[kind].push(declaration.name);
        }
        return {
            parties: sortedUnique(uses.parties),
            channels: sortedUnique(uses.channels),
            models: sortedUnique(uses.models),
            datasets: sortedUnique(uses.datasets),
            policies: sortedUnique(uses.policies),
            secrets: sortedUnique(uses.secrets),
            escalations: sortedUnique(uses.escalations),
        };
    }

    private audit(workflow: AstWorkflow): Audit | undefined {
        const audit = workflow.audit;
        if (!audit) return undefined;
        return this.attachable(
            defined({
                fields: [...new Set(audit.records.filter((field) => typeof field === 'string' && field.length > 0))],
                retention: duration(audit.retention),
                masksPersonalData: audit.masksPersonalData,
                store: audit.store,
                source: this.source(audit),
            }),
        );
    }

    private monitoring(workflow: AstWorkflow) {
        const monitoring = workflow.monitoring;
        if (!monitoring) return undefined;
        return this.attachable({
            drift: monitoring.drift
                .filter((drift) => !!drift.name)
                .map((drift) =>
                    this.attachable(
                        defined({
                            id: drift.name,
                            kind: 'drift-monitor' as const,
                            metric: drift.metric,
                            baseline: quantity(drift.baseline),
                            threshold: quantity(drift.threshold),
                            window: duration(drift.window),
                            onBreach: drift.onBreach,
                            alerts: namesOf(drift.alerts),
                            source: this.source(drift),
                        }),
                    ),
                ),
            bias: monitoring.bias
                .filter((bias) => !!bias.name)
                .map((bias) =>
                    this.attachable(
                        defined({
                            id: bias.name,
                            kind: 'bias-sampling' as const,
                            rate: fraction(bias.rate),
                            slices: [...bias.slices],
                            reviewer: nameOf(bias.reviewer),
                            every: duration(bias.every),
                            covers: namesOf(bias.covers),
                            source: this.source(bias),
                        }),
                    ),
                ),
            misuse: monitoring.misuse
                .filter((misuse) => !!misuse.name)
                .map((misuse) =>
                    this.attachable(
                        defined({
                            id: misuse.name,
                            kind: 'misuse-monitor' as const,
                            signal: misuse.signal,
                            threshold: quantity(misuse.threshold),
                            action: misuse.action,
                            alerts: namesOf(misuse.alerts),
                            covers: namesOf(misuse.covers),
                            source: this.source(misuse),
                        }),
                    ),
                ),
            source: this.source(monitoring),
        });
    }

    private access(workflow: AstWorkflow): Access | undefined {
        const access = workflow.access;
        if (!access) return undefined;
        return this.attachable({
            grants: access.grants.map((grant) => defined({ party: nameOf(grant.party), permissions: [...grant.permissions], source: this.source(grant) })),
            masks: access.masks.map((mask) => ({ fields: fieldIds(mask.fields), scopes: [...mask.scopes], source: this.source(mask) })),
            unmasks: access.unmasks.map((unmask) => defined({ fields: fieldIds(unmask.fields), parties: namesOf(unmask.parties), reason: unmask.reason, source: this.source(unmask) })),
            source: this.source(access),
        });
    }

    // ------------------------------------------------------------ steps

    private step(step: AstStep): Step {
        const id = step.name;
        const title = step.title;
        if (isOutcome(step)) return this.attachable(defined({ id, kind: 'outcome' as const, title, result: step.result, source: this.source(step) }));
        const flowing = () => ({ raci: this.raci(step.raci), routes: step.routes.map((route) => this.route(route)), source: this.source(step) });
        if (isAiStep(step)) {
            const fallbacks: Fallback[] = step.routes.filter(isEventRoute).flatMap((route) =>
                FAILURES.has(route.event)
                    ? [defined({ mode: route.event as Fallback['mode'], policy: nameOf(route.policy), target: nameOf(route.target), action: this.timeoutAction(route.action) })]
                    : [],
            );
            return this.attachable(
                defined({
                    id,
                    kind: 'ai-step' as const,
                    title,
                    task: step.task,
                    actor: nameOf(step.actor),
                    model: modelOf(step)?.name || undefined,
                    inputs: namesOf(step.inputs),
                    confidenceThreshold: fraction(step.threshold),
                    explanationRequired: step.explanationRequired,
                    userFacing: step.userFacing,
                    fallbacks,
                    ...flowing(),
                }),
            );
        }
        if (isGate(step)) {
            return this.attachable(
                defined({
                    id,
                    kind: 'gate' as const,
                    title,
                    reviewers: namesOf(step.reviewers),
                    reviews: namesOf(step.reviews),
                    reviewsAiSteps: aiStepsReviewedBy(step).map((ai) => ai.name),
                    allows: [...step.allows],
                    rationaleRequired: step.rationaleRequired,
                    fourEyes: step.fourEyes,
                    noPreselection: step.noPreselection,
                    shows: [...step.shows],
                    sla: duration(step.sla),
                    escalations: step.escalations.map((rule) => this.escalationRule(rule)),
                    ...flowing(),
                }),
            );
        }
        if (isManualQueue(step)) {
            return this.attachable(
                defined({
                    id,
                    kind: 'queue' as const,
                    title,
                    owner: nameOf(step.owner),
                    timeout: duration(step.timeout),
                    sla: duration(step.sla),
                    escalations: step.escalations.map((rule) => this.escalationRule(rule)),
                    ...flowing(),
                }),
            );
        }
        if (isAutomatedStep(step)) {
            return this.attachable(defined({ id, kind: 'automated-step' as const, title, inputs: namesOf(step.inputs), masks: fieldIds(step.masks), ...flowing() }));
        }
        if (isDecision(step)) {
            const exemption = step.appealExemption;
            return this.attachable(
                defined({
                    id,
                    kind: 'decision' as const,
                    title,
                    decisionKind: step.kind,
                    decidedBy: nameOf(step.decidedBy),
                    risk: step.risk,
                    residualRisk: step.residualRisk
                        ? defined({ grade: step.residualRisk, acceptedBy: nameOf(step.residualAcceptedBy), acceptedOn: isoDate(step.residualAcceptedOn) })
                        : undefined,
                    affectsUserRights: step.affectsUserRights,
                    aboutPeople: step.aboutPeople,
                    veto: nameOf(step.veto),
                    stage: step.stage,
                    fourEyesCategories: namesOf(step.fourEyesCategories),
                    appealExemption: exemption ? defined({ reason: exemption.reason, approver: nameOf(exemption.approver), date: isoDate(exemption.date) }) : undefined,
                    ...flowing(),
                }),
            );
        }
        if (isEffect(step)) {
            return this.attachable(defined({ id, kind: 'effect' as const, title, effectKind: step.kind, external: step.external, channel: nameOf(step.channel), ...flowing() }));
        }
        throw new Error(`unknown step type ${(step as AstStep).$type}`);
    }

    private route(route: AstRoute): Route {
        const source = this.source(route);
        if (isThenRoute(route)) return this.attachable(defined({ kind: 'then' as const, target: nameOf(route.target), source }));
        if (isWhenRoute(route)) {
            return this.attachable(
                defined({
                    kind: 'when' as const,
                    condition: condition(route.condition),
                    text: conditionText(route.condition),
                    probability: fraction(route.probability),
                    target: nameOf(route.target),
                    source,
                }),
            );
        }
        if (isOtherwiseRoute(route)) return this.attachable(defined({ kind: 'otherwise' as const, target: nameOf(route.target), source }));
        if (isEventRoute(route)) {
            return this.attachable(
                defined({ kind: 'on' as const, event: route.event, policy: nameOf(route.policy), target: nameOf(route.target), action: this.timeoutAction(route.action), source }),
            );
        }
        throw new Error(`unknown route type ${(route as AstRoute).$type}`);
    }

    private escalationRule(rule: AstEscalationRule): EscalationRule {
        return this.attachable(defined({ triggers: [...rule.triggers], target: this.escalationTarget(rule.target?.ref), within: duration(rule.within), source: this.source(rule) }));
    }

    private escalation(escalation: AstEscalation, usedBy?: string[]): Escalation {
        const chain = chainOf(escalation);
        const last = chain.escalations[chain.escalations.length - 1];
        const finalAction = !chain.loopsBackTo && last?.onTimeout?.kind !== 'escalate' ? this.timeoutAction(last?.onTimeout) : undefined;
        return this.attachable(
            defined({
                id: escalation.name,
                kind: 'escalation' as const,
                scope: this.escalationRef(escalation).scope,
                levels: escalation.levels.map((level) =>
                    defined({ target: nameOf(level.target), channel: nameOf(level.channel), within: duration(level.within), source: this.source(level) }),
                ),
                onTimeout: this.timeoutAction(escalation.onTimeout),
                chain: defined({
                    levels: chain.levels.map((level) => {
                        const handOver = level.node.$type === 'TimeoutAction';
                        const written = handOver ? undefined : (level.node as { within?: string }).within;
                        return defined({
                            party: level.party?.name || undefined,
                            channel: level.channel?.name || undefined,
                            within: duration(written),
                            escalation: this.escalationRef(level.escalation),
                            handOver,
                        });
                    }),
                    escalations: chain.escalations.map((member) => this.escalationRef(member)),
                    onTimeout: finalAction,
                    loopsBackTo: chain.loopsBackTo ? this.escalationRef(chain.loopsBackTo) : undefined,
                }),
                usedBy,
                source: this.source(escalation),
            }),
        );
    }

    // ------------------------------------------------------------ shared declarations

    private declarations(elements: readonly TopLevel[], workflows: readonly Workflow[]): Declarations {
        const usedBy = new Map<string, string[]>();
        for (const workflow of workflows) {
            for (const ids of Object.values(workflow.uses)) {
                for (const id of ids) usedBy.set(id, [...(usedBy.get(id) ?? []), workflow.id]);
            }
        }
        const users = (name: string) => sortedUnique(usedBy.get(name) ?? []);
        const parties: Party[] = [];
        const channels: Channel[] = [];
        const models: AiModel[] = [];
        const datasets: Dataset[] = [];
        const policies: Policy[] = [];
        const secrets: Secret[] = [];
        const escalations: Escalation[] = [];
        for (const element of elements) {
            if (!element.name) continue;
            if (isRole(element) || isTeam(element) || isAiActor(element)) parties.push(this.party(element, users(element.name)));
            else if (isChannel(element)) channels.push(this.channel(element, users(element.name)));
            else if (isAiModel(element)) models.push(this.model(element, users(element.name)));
            else if (isDataset(element)) datasets.push(this.dataset(element, users(element.name)));
            else if (isPolicy(element)) policies.push(this.policy(element, users(element.name)));
            else if (isSecret(element)) secrets.push(this.secret(element, users(element.name)));
            else if (isEscalation(element)) escalations.push(this.escalation(element, users(element.name)));
        }
        return {
            parties: parties.sort(byId),
            channels: channels.sort(byId),
            models: models.sort(byId),
            datasets: datasets.sort(byId),
            policies: policies.sort(byId),
            secrets: secrets.sort(byId),
            escalations: escalations.sort(byId),
        };
    }

    private party(party: AstParty, usedBy: string[]): Party {
        const source = this.source(party);
        if (isAiActor(party)) {
            return this.attachable(
                defined({ id: party.name, kind: 'ai-actor' as const, title: party.title, person: false as const, model: nameOf(party.model), operator: nameOf(party.operator), usedBy, source }),
            );
        }
        const staffing = (p: AstRole | AstTeam) => ({
            competences: [...p.competences],
            trainings: [...p.trainings],
            channels: namesOf(p.channels),
            authority: typeof p.authority === 'number' ? p.authority : undefined,
            final: p.final,
        });
        if (isRole(party)) return this.attachable(defined({ id: party.name, kind: 'role' as const, title: party.title, person: true as const, ...staffing(party), usedBy, source }));
        return this.attachable(
            defined({
                id: party.name,
                kind: 'team' as const,
                title: party.title,
                person: isHumanParty(party),
                members: namesOf(party.members),
                people: sortedUnique(peopleOf(party).filter((member) => member !== party).map((member) => member.name)),
                ...staffing(party),
                authorityAsTarget: effectiveAuthority(party, 'target').value,
                authorityAsHandler: effectiveAuthority(party, 'handler').value,
                usedBy,
                source,
            }),
        );
    }

    private channel(channel: AstChannel, usedBy: string[]): Channel {
        return this.attachable(defined({ id: channel.name, kind: 'channel' as const, channelKind: channel.kind, address: channel.address, usedBy, source: this.source(channel) }));
    }

    private model(model: AstAiModel, usedBy: string[]): AiModel {
        return this.attachable(
            defined({
                id: model.name,
                kind: 'model' as const,
                provider: model.provider,
                version: model.version,
                promptTemplate: model.promptTemplate,
                promptVersion: model.promptVersion,
                owner: nameOf(model.owner),
                credentials: nameOf(model.credentials),
                inlineCredentials: model.inlineCredentials !== undefined,
                explainability: model.explainability,
                usedBy,
                source: this.source(model),
            }),
        );
    }

    private dataset(dataset: AstDataset, usedBy: string[]): Dataset {
        return this.attachable(
            defined({
                id: dataset.name,
                kind: 'dataset' as const,
                version: dataset.version,
                owner: nameOf(dataset.owner),
                checks: [...dataset.checks],
                fields: dataset.fields
                    .filter((field) => !!field.name)
                    .map((field) => this.attachable({ id: field.name, kind: 'field' as const, personal: field.personal, sensitive: field.sensitive, source: this.source(field) })),
                usedBy,
                source: this.source(dataset),
            }),
        );
    }

    private policy(policy: AstPolicy, usedBy: string[]): Policy {
        return this.attachable(
            defined({ id: policy.name, kind: 'policy' as const, title: policy.title, behaviour: policy.behaviour, description: policy.description, usedBy, source: this.source(policy) }),
        );
    }

    private secret(secret: AstSecret, usedBy: string[]): Secret {
        return this.attachable(defined({ id: secret.name, kind: 'secret' as const, reference: secret.reference, usedBy, source: this.source(secret) }));
    }
}

function declarationKind(declaration: TopLevel): keyof Uses | undefined {
    if (isRole(declaration) || isTeam(declaration) || isAiActor(declaration)) return 'parties';
    if (isChannel(declaration)) return 'channels';
    if (isAiModel(declaration)) return 'models';
    if (isDataset(declaration)) return 'datasets';
    if (isPolicy(declaration)) return 'policies';
    if (isSecret(declaration)) return 'secrets';
    if (isEscalation(declaration)) return 'escalations';
    return undefined;
}
