import { AstUtils, GrammarAST, GrammarUtils, type AstNode } from 'langium';

/** Where a property may be written only once: a block type and the feature it sets there. */
export interface Slot {
    readonly blockType: string;
    readonly feature: string;
}

/** A property (or nested block, or declaration) as the user writes it, opened by its first keyword. */
export interface Property {
    /** Its leading keywords as one phrase: `rationale required`, `no preselection`, `prompt template`. */
    readonly phrase: string;
    /** The blocks that can hold it only once (not a `+=` list). */
    readonly slots: readonly Slot[];
}

const cache = new WeakMap<GrammarAST.Keyword, readonly Property[]>();

/**
 * The properties a keyword opens where it starts one: `no` opens `no preselection`, `prompt`
 * opens `prompt template` and `prompt version`. Empty when the keyword does not start an
 * element of the grammar (`required` after `rationale`).
 */
export function propertiesOpenedBy(keyword: GrammarAST.Keyword): readonly Property[] {
    let properties = cache.get(keyword);
    if (!properties) {
        properties = computeProperties(keyword);
        cache.set(keyword, properties);
    }
    return properties;
}

/** The slot of the nearest enclosing block that has one of the property's slots; undefined when none. */
export function nearestSlot(property: Property, node: AstNode | undefined): { block: AstNode; feature: string } | undefined {
    if (property.slots.length === 0) return undefined;
    for (let current = node; current; current = current.$container) {
        const slot = property.slots.find((candidate) => candidate.blockType === current!.$type);
        if (slot) return { block: current, feature: slot.feature };
    }
    return undefined;
}

/** True when the block already has a value for the feature. */
export function alreadySet(block: AstNode, feature: string): boolean {
    const value = Object.hasOwn(block, feature) ? (block as unknown as Record<string, unknown>)[feature] : undefined;
    return value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);
}

function computeProperties(keyword: GrammarAST.Keyword): Property[] {
    const item = itemStartedBy(keyword);
    const rule = item && AstUtils.getContainerOfType(item, GrammarAST.isParserRule);
    if (!item || !rule) return [];
    const loop = item.$container;
    if (GrammarAST.isAlternatives(loop) && (loop.cardinality === '*' || loop.cardinality === '+')) {
        // A property of a block: an alternative of its `( … | … )*` loop; siblings may share a first keyword.
        const blockType = GrammarUtils.getRuleTypeName(rule);
        return loop.elements
            .filter((element) => firstKeyword(element)?.value === keyword.value)
            .map((element) => {
                const feature = singleFeature(element);
                return { phrase: leadingKeywords(element).join(' '), slots: feature ? [{ blockType, feature }] : [] };
            });
    }
    // A nested block or declaration: once per block where its rule is assigned with `=`.
    return item === rule.definition ? [{ phrase: leadingKeywords(item).join(' '), slots: callSlots(rule) }] : [];
}

/** The grammar element the keyword is the first token of: a group, a `flag?='keyword'` assignment or the keyword. */
function itemStartedBy(keyword: GrammarAST.Keyword): GrammarAST.AbstractElement | undefined {
    let item: GrammarAST.AbstractElement = keyword;
    if (GrammarAST.isAssignment(item.$container) && item.$container.terminal === item) item = item.$container;
    const container = item.$container;
    if (GrammarAST.isGroup(container)) return container.elements[0] === item ? container : undefined;
    return item;
}

/** The word keyword an element consists of; punctuation (`{`, `->`) ends a phrase. */
function keywordOf(element: GrammarAST.AbstractElement): GrammarAST.Keyword | undefined {
    if (element.cardinality) return undefined;
    const keyword = GrammarAST.isAssignment(element) ? element.terminal : element;
    return GrammarAST.isKeyword(keyword) && /\p{L}/u.test(keyword.value) ? keyword : undefined;
}

function firstKeyword(element: GrammarAST.AbstractElement): GrammarAST.Keyword | undefined {
    return GrammarAST.isGroup(element) ? keywordOf(element.elements[0]) : keywordOf(element);
}

function leadingKeywords(element: GrammarAST.AbstractElement): string[] {
    const elements = GrammarAST.isGroup(element) ? element.elements : [element];
    const words: string[] = [];
    for (const part of elements) {
        const word = keywordOf(part);
        if (!word) break;
        words.push(word.value);
    }
    return words;
}

/** The feature a property sets when it is not a list (`+=`): written twice, the second would overwrite the first. */
function singleFeature(element: GrammarAST.AbstractElement): string | undefined {
    const elements = GrammarAST.isGroup(element) ? element.elements : [element];
    const assignment = elements.find(GrammarAST.isAssignment);
    return assignment && assignment.operator !== '+=' ? assignment.feature : undefined;
}

/** Where the grammar assigns the rule's element to a single-valued feature (`raci=Raci`, `audit=AuditSpec`). */
function callSlots(rule: GrammarAST.ParserRule): Slot[] {
    const grammar = AstUtils.getContainerOfType(rule, GrammarAST.isGrammar);
    if (!grammar) return [];
    return AstUtils.streamAllContents(grammar)
        .filter(GrammarAST.isAssignment)
        .filter((assignment) => assignment.operator === '=' && GrammarAST.isRuleCall(assignment.terminal) && assignment.terminal.rule.ref === rule)
        .map((assignment) => ({ blockType: GrammarUtils.getRuleTypeName(AstUtils.getContainerOfType(assignment, GrammarAST.isParserRule)!), feature: assignment.feature }))
        .toArray();
}
