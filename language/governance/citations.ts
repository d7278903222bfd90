/**
 * Where each governance requirement (docs/requirements.md) comes from: articles of the EU AI
 * Act, NIST AI RMF subcategories, ISO/IEC 42001 clauses and Annex A controls, and the layer of
 * the source article. Hovers, `hitl explain`, `hitl rules` and SARIF cite these.
 */

/** The article whose four layers the requirements draw their practice from. */
export const SOURCE_ARTICLE = 'Key Challenges When Enterprises Deploy AI-in-the-Loop';

const LAYERS = {
    process: 'process and organisation layer',
    technology: 'technology and data layer',
    risk: 'risk and compliance layer',
    culture: 'culture and cognition layer',
} as const;

export interface Citations {
    /** Articles of Regulation (EU) 2024/1689, the EU AI Act. */
    readonly aiAct: readonly string[];
    /** Subcategories of the NIST AI RMF 1.0 (AI 100-1). */
    readonly nist: readonly string[];
    /** Clauses and Annex A controls of ISO/IEC 42001:2023, each with its title, since numbers alone are easy to misread. */
    readonly iso: readonly string[];
    /** The layer of the source article the requirement comes from, when it comes from one. */
    readonly article?: keyof typeof LAYERS;
}

export const CITATIONS: ReadonlyMap<string, Citations> = new Map<string, Citations>([
    ['G01', { aiAct: ['Art 14(1)', 'Art 14(4)(d)'], nist: ['MAP 3.5'], iso: ['A.9.2 (Processes for responsible use of AI systems)'], article: 'process' }],
    ['G02', { aiAct: ['Art 14(4)(d)'], nist: ['MAP 3.5'], iso: ['A.9.2 (Processes for responsible use of AI systems)'], article: 'process' }],
    ['G03', { aiAct: ['Art 14(4)(e)'], nist: ['MANAGE 2.4'], iso: ['A.6.2.6 (AI system operation and monitoring)'], article: 'technology' }],
    ['G04', { aiAct: ['Art 13(3)(d)', 'Art 14(4)(a)', 'Art 14(4)(c)'], nist: ['MEASURE 2.9'], iso: ['A.8.2 (System documentation and information for users)'], article: 'technology' }],
    ['G05', { aiAct: ['Art 14(4)(b)'], nist: ['GOVERN 3.2'], iso: ['A.9.2 (Processes for responsible use of AI systems)'], article: 'process' }],
    ['G06', { aiAct: ['Art 14(5)'], nist: ['GOVERN 3.2'], iso: ['A.9.2 (Processes for responsible use of AI systems)'] }],
    ['G07', { aiAct: [], nist: ['GOVERN 3.2'], iso: ['A.3.2 (AI roles and responsibilities)'], article: 'process' }],
    ['G08', { aiAct: ['Art 4', 'Art 26(2)'], nist: ['GOVERN 2.2'], iso: ['A.4.6 (Human resources)', 'clause 7.2 (Competence)'], article: 'process' }],
    ['G09', { aiAct: ['Art 14(1)'], nist: ['GOVERN 3.2'], iso: ['A.9.2 (Processes for responsible use of AI systems)'], article: 'process' }],
    ['G10', { aiAct: [], nist: ['GOVERN 2.1'], iso: ['A.3.2 (AI roles and responsibilities)'], article: 'process' }],
    ['G11', { aiAct: ['Art 14(4)(d)'], nist: ['GOVERN 2.1'], iso: ['A.3.2 (AI roles and responsibilities)'], article: 'process' }],
    ['G12', { aiAct: [], nist: ['GOVERN 2.1'], iso: ['A.3.2 (AI roles and responsibilities)'] }],
    ['G13', { aiAct: [], nist: ['MAP 1.3'], iso: ['A.6.1.2 (Objectives for responsible development of AI system)'], article: 'process' }],
    ['G14', { aiAct: ['Art 9(2)'], nist: ['MAP 5.1'], iso: ['A.5.2 (AI system impact assessment process)'], article: 'process' }],
    ['G15', { aiAct: ['Art 9', 'Art 27'], nist: ['MANAGE 1.1'], iso: ['A.5.2 (AI system impact assessment process)', 'A.5.3 (Documentation of AI system impact assessments)'], article: 'risk' }],
    ['G16', { aiAct: ['Art 9(5)'], nist: ['MANAGE 1.4'], iso: ['clause 6.1.3 (AI risk treatment)'] }],
    ['G17', { aiAct: [], nist: [], iso: ['A.6.2.5 (AI system deployment)'], article: 'culture' }],
    ['G18', { aiAct: ['Art 14(4)(d)', 'Art 15(4)'], nist: ['MANAGE 2.4'], iso: ['A.6.2.6 (AI system operation and monitoring)'], article: 'process' }],
    ['G19', { aiAct: ['Art 14(1)'], nist: ['MANAGE 2.3', 'MANAGE 2.4'], iso: ['A.3.2 (AI roles and responsibilities)'], article: 'process' }],
    ['G20', { aiAct: [], nist: ['MANAGE 2.3'], iso: ['A.3.2 (AI roles and responsibilities)'] }],
    ['G21', { aiAct: ['Art 15(4)'], nist: ['MEASURE 2.6'], iso: ['A.6.2.6 (AI system operation and monitoring)'], article: 'technology' }],
    ['G22', { aiAct: ['Art 13(3)(b)(ii)', 'Art 15(3)'], nist: ['MEASURE 2.5'], iso: ['A.6.2.4 (AI system verification and validation)'], article: 'technology' }],
    ['G23', { aiAct: ['Art 12(1)'], nist: [], iso: ['A.6.2.8 (AI system recording of event logs)'], article: 'process' }],
    ['G24', { aiAct: ['Art 9(6)', 'Art 15(5)'], nist: ['MEASURE 2.7'], iso: ['A.6.2.4 (AI system verification and validation)'], article: 'technology' }],
    ['G25', { aiAct: ['Art 12(2)', 'Art 12(3)'], nist: ['MEASURE 2.8'], iso: ['A.6.2.8 (AI system recording of event logs)'], article: 'technology' }],
    ['G26', { aiAct: ['Art 12(3)(d)'], nist: ['MEASURE 2.8'], iso: ['A.6.2.8 (AI system recording of event logs)'], article: 'risk' }],
    ['G27', { aiAct: ['Art 19(1)', 'Art 26(6)'], nist: [], iso: ['A.6.2.8 (AI system recording of event logs)'] }],
    ['G28', { aiAct: ['Art 12(2)'], nist: [], iso: ['A.6.2.8 (AI system recording of event logs)'], article: 'technology' }],
    ['G29', { aiAct: ['Art 10(2)', 'Art 10(3)'], nist: [], iso: ['A.7.4 (Quality of data for AI systems)', 'A.7.5 (Data provenance)'], article: 'technology' }],
    ['G30', { aiAct: ['Art 72'], nist: ['MEASURE 2.4'], iso: ['A.6.2.6 (AI system operation and monitoring)'], article: 'technology' }],
    ['G31', { aiAct: ['Art 15(4)'], nist: ['MANAGE 4.2'], iso: ['clause 10.1 (Continual improvement)'], article: 'technology' }],
    ['G32', { aiAct: ['Art 10(2)(f)'], nist: ['MEASURE 2.11'], iso: ['A.5.4 (Assessing AI system impact on individuals or groups of individuals)'], article: 'risk' }],
    ['G33', { aiAct: ['Art 26(5)', 'Art 73'], nist: ['MANAGE 4.3'], iso: ['A.8.4 (Communication of incidents)'] }],
    ['G34', { aiAct: ['Art 86(1)'], nist: ['MANAGE 4.1'], iso: ['A.8.3 (External reporting)'], article: 'risk' }],
    ['G35', { aiAct: ['Art 10(5)'], nist: ['MEASURE 2.10'], iso: ['A.7 (Data for AI systems)'], article: 'risk' }],
    ['G36', { aiAct: ['Art 14(4)(d)', 'Art 15(5)'], nist: ['MEASURE 2.7'], iso: [], article: 'risk' }],
    ['G37', { aiAct: ['Art 15(5)'], nist: ['MEASURE 2.7'], iso: [], article: 'risk' }],
    ['G38', { aiAct: ['Art 9(2)(b)', 'Art 13(3)(b)(i)'], nist: ['MAP 1.1'], iso: ['A.9.4 (Intended use of the AI system)'], article: 'risk' }],
    ['G39', { aiAct: [], nist: ['GOVERN 1.4'], iso: ['clause 10.2 (Nonconformity and corrective action)'], article: 'process' }],
    ['G40', { aiAct: ['Art 17(1)(a)'], nist: ['GOVERN 1.4'], iso: ['clause 6.3 (Planning of changes)'], article: 'process' }],
]);

/** A requirement's citations, one entry per framework, as users read them. */
export function citationsOf(requirementId: string): string[] {
    const cites = CITATIONS.get(requirementId);
    if (!cites) return [];
    return [
        cites.aiAct.length > 0 ? `EU AI Act ${cites.aiAct.join(', ')}` : undefined,
        cites.nist.length > 0 ? `NIST AI RMF ${cites.nist.join(', ')}` : undefined,
        cites.iso.length > 0 ? `ISO/IEC 42001 ${cites.iso.join(', ')}` : undefined,
        cites.article ? `"${SOURCE_ARTICLE}", ${LAYERS[cites.article]}` : undefined,
    ].filter((cite) => cite !== undefined);
}

/** `G10: NIST AI RMF GOVERN 2.1; ISO/IEC 42001 A.3.2 …`, one line per requirement a rule enforces. */
export function citationLines(requirementIds: readonly string[]): string[] {
    return requirementIds.map((id) => `${id}: ${citationsOf(id).join('; ')}`);
}
