import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { buildWorkspace } from '../services.js';

// Every snippet the extension contributes must expand to text that parses. The snippets are
// expanded the way VS Code does it when the user accepts every default: placeholders take
// their default, choices their first option, mirrors ($n) the value of their placeholder,
// variables a fixed value. Block snippets are wrapped in the smallest text that holds them.

interface Snippet {
    prefix: string | string[];
    body: string | string[];
    description?: string;
}

const snippets = JSON.parse(readFileSync(new URL('../../extension/snippets/hitl.json', import.meta.url), 'utf8')) as Record<string, Snippet>;

// ------------------------------------------------------------------ a small snippet expander

type Node =
    | { kind: 'text'; value: string }
    | { kind: 'tabstop'; index: number; children?: Node[] }
    | { kind: 'choice'; index: number; options: string[] }
    | { kind: 'variable'; name: string; children?: Node[]; transform?: { regex: RegExp; format: string } };

const today = new Date();
const variables: Record<string, string> = {
    TM_FILENAME_BASE: 'credit-limit-increase',
    CURRENT_YEAR: String(today.getFullYear()),
    CURRENT_MONTH: String(today.getMonth() + 1).padStart(2, '0'),
    CURRENT_DATE: String(today.getDate()).padStart(2, '0'),
};

/** Parses VS Code snippet syntax (https://code.visualstudio.com/docs/editing/userdefinedsnippets#_grammar). */
function parseSnippet(source: string): Node[] {
    let pos = 0;
    const readUntil = (stops: string, escapable: string): string => {
        let out = '';
        while (pos < source.length && !stops.includes(source[pos])) {
            if (source[pos] === '\\' && escapable.includes(source[pos + 1] ?? '')) {
                out += source[pos + 1];
                pos += 2;
            } else out += source[pos++];
        }
        return out;
    };
    const expect = (char: string) => {
        if (source[pos] !== char) throw new Error(`snippet syntax: expected '${char}' at ${pos} in ${JSON.stringify(source)}`);
        pos++;
    };
    const parseNodes = (inside: boolean): Node[] => {
        const nodes: Node[] = [];
        while (pos < source.length) {
            const char = source[pos];
            if (inside && char === '}') return nodes;
            if (char === '\\' && '$}\\'.includes(source[pos + 1] ?? '')) {
                nodes.push({ kind: 'text', value: source[pos + 1] });
                pos += 2;
            } else if (char === '$') {
                nodes.push(parseDollar());
            } else {
                nodes.push({ kind: 'text', value: char });
                pos++;
            }
        }
        if (inside) throw new Error(`snippet syntax: unclosed '\${' in ${JSON.stringify(source)}`);
        return nodes;
    };
    const parseDollar = (): Node => {
        pos++; // $
        const simple = /^(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(source.slice(pos));
        if (simple) {
            pos += simple[0].length;
            return /^\d/.test(simple[0]) ? { kind: 'tabstop', index: Number(simple[0]) } : { kind: 'variable', name: simple[0] };
        }
        if (source[pos] !== '{') return { kind: 'text', value: '$' };
        pos++;
        const head = /^(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(source.slice(pos));
        if (!head) throw new Error(`snippet syntax: bad '\${' at ${pos} in ${JSON.stringify(source)}`);
        pos += head[0].length;
        const isTabstop = /^\d/.test(head[0]);
        const next = source[pos];
        if (next === '}') {
            pos++;
            return isTabstop ? { kind: 'tabstop', index: Number(head[0]) } : { kind: 'variable', name: head[0] };
        }
        if (next === ':') {
            pos++;
            const children = parseNodes(true);
            expect('}');
            return isTabstop ? { kind: 'tabstop', index: Number(head[0]), children } : { kind: 'variable', name: head[0], children };
        }
        if (next === '|' && isTabstop) {
            pos++;
            const options: string[] = [];
            for (;;) {
                options.push(readUntil(',|', ',|\\'));
                if (source[pos] === ',') pos++;
                else break;
            }
            expect('|');
            expect('}');
            return { kind: 'choice', index: Number(head[0]), options };
        }
        if (next === '/' && !isTabstop) {
            pos++;
            const regex = readUntil('/', '/');
            expect('/');
            // the format may hold ${1:/capitalize} and the like: read up to the '/' that ends it
            let format = '';
            let depth = 0;
            while (pos < source.length && !(depth === 0 && source[pos] === '/')) {
                if (source[pos] === '\\') format += source[pos++];
                else if (source[pos] === '{') depth++;
                else if (source[pos] === '}') depth--;
                format += source[pos++];
            }
            expect('/');
            const flags = readUntil('}', '');
            expect('}');
            return { kind: 'variable', name: head[0], transform: { regex: new RegExp(regex, flags), format } };
        }
        throw new Error(`snippet syntax: unexpected '${next}' at ${pos} in ${JSON.stringify(source)}`);
    };
    return parseNodes(false);
}

function applyFormat(format: string, match: RegExpExecArray | string[]): string {
    return format.replace(/\$(\d+)|\$\{(\d+)(?::\/(upcase|downcase|capitalize|camelcase|pascalcase))?\}/g, (_all, plain, group, modifier) => {
        const value = match[Number(plain ?? group)] ?? '';
        switch (modifier) {
            case 'upcase': return value.toUpperCase();
            case 'downcase': return value.toLowerCase();
            case 'capitalize': return value.charAt(0).toUpperCase() + value.slice(1);
            default: return value;
        }
    });
}

/** Expands a snippet body as if the user accepted every default. */
function expandSnippet(body: string | string[]): string {
    const source = Array.isArray(body) ? body.join('\n') : body;
    const nodes = parseSnippet(source);
    const values = new Map<number, string>();
    const render = (list: Node[]): string => list.map((node) => {
        switch (node.kind) {
            case 'text': return node.value;
            case 'choice': return node.options[0];
            case 'tabstop': {
                if (node.children) return render(node.children);
                if (node.index === 0) return '';
                return values.get(node.index) ?? `Placeholder${node.index}`;
            }
            case 'variable': {
                const value = variables[node.name];
                if (value === undefined) {
                    if (node.children) return render(node.children);
                    throw new Error(`unknown snippet variable ${node.name}`);
                }
                if (!node.transform) return value;
                const { regex, format } = node.transform;
                return value.replace(regex, (...args) => applyFormat(format, args.slice(0, -2) as string[]));
            }
        }
    }).join('');
    // a mirror ($n) takes the value of the placeholder ${n:...}, wherever that stands
    const collect = (list: Node[]) => {
        for (const node of list) {
            if (node.kind === 'tabstop' && node.children && !values.has(node.index)) values.set(node.index, render(node.children));
            if (node.kind === 'choice' && !values.has(node.index)) values.set(node.index, node.options[0]);
            if ((node.kind === 'tabstop' || node.kind === 'variable') && node.children) collect(node.children);
        }
    };
    collect(nodes);
    return render(nodes).replace(/\t/g, '    ');
}

// ------------------------------------------------------------------ where each snippet goes

type Context = 'file' | 'workflow' | 'step' | 'monitoring';

/** The places each snippet is written; every snippet must be listed. */
const contexts: Record<string, Context[]> = {
    'Workflow (complete skeleton)': ['file'],
    'AI step': ['workflow'],
    'Gate (human review)': ['workflow'],
    'Decision': ['workflow'],
    'Manual queue': ['workflow'],
    'Outcome': ['workflow'],
    'Escalation chain': ['file', 'workflow'],
    'Escalate rule': ['step'],
    'Audit': ['workflow'],
    'Monitoring (drift and bias)': ['workflow'],
    'Drift monitor': ['monitoring'],
    'Bias sampling': ['monitoring'],
    'Appeal': ['workflow'],
    'Stop control': ['workflow'],
    'RACI': ['step'],
    'Pre-deployment review': ['workflow'],
    'Suppress a rule': ['file', 'workflow', 'step'],
    'Role': ['file'],
    'Channel': ['file'],
    'Model': ['file'],
    'Dataset': ['file'],
    'Policy': ['file'],
};

const indent = (text: string, depth: number) => text.split('\n').map((line) => (line ? ' '.repeat(4 * depth) + line : line)).join('\n');

function wrap(text: string, context: Context): string {
    switch (context) {
        case 'file': return text;
        case 'workflow': return `workflow Wrapper {\n${indent(text, 1)}\n}\n`;
        case 'step': return `workflow Wrapper {\n    gate Wrapped {\n${indent(text, 2)}\n    }\n}\n`;
        case 'monitoring': return `workflow Wrapper {\n    monitoring {\n${indent(text, 2)}\n    }\n}\n`;
    }
}

async function syntaxProblems(text: string): Promise<string[]> {
    const [document] = await buildWorkspace({ 'snippet.hitl': text });
    return [
        ...document.parseResult.lexerErrors.map((error) => `lexer: ${error.message} at ${error.line}:${error.column}`),
        ...document.parseResult.parserErrors.map((error) => `parser: ${error.message} at ${error.token.startLine}:${error.token.startColumn}`),
        ...(document.diagnostics ?? []).filter((d) => String(d.code).startsWith('syntax/')).map((d) => `${d.code}: ${d.message}`),
    ];
}

// ------------------------------------------------------------------ tests

describe('snippet expander', () => {
    test('takes defaults, first choices, mirrors and transformed variables', () => {
        expect(expandSnippet(['a ${1:One} ${2|x,y|} $1 $2 ${3} $0'])).toBe('a One x One x Placeholder3 ');
        expect(expandSnippet('${1:${TM_FILENAME_BASE/([A-Za-z0-9]+)[^A-Za-z0-9]*/${1:/capitalize}/g}}')).toBe('CreditLimitIncrease');
        expect(expandSnippet('${1:$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE} \\$x')).toBe(`${today.toISOString().slice(0, 4)}-${variables.CURRENT_MONTH}-${variables.CURRENT_DATE} $x`);
    });
});

describe('extension/snippets/hitl.json', () => {
    test('every snippet has a prefix, a description and a known place to be written', () => {
        expect(Object.keys(snippets).length).toBeGreaterThan(10);
        for (const [name, snippet] of Object.entries(snippets)) {
            expect(snippet.prefix, name).toBeTruthy();
            expect(snippet.description, name).toBeTruthy();
            expect(contexts[name], `add '${name}' to the contexts in this test`).toBeDefined();
        }
    });

    test('prefixes are unique', () => {
        const prefixes = Object.values(snippets).flatMap((snippet) => [snippet.prefix].flat());
        expect(new Set(prefixes).size).toBe(prefixes.length);
    });

    const cases = Object.entries(snippets).flatMap(([name, snippet]) => (contexts[name] ?? []).map((context) => ({ name, context, snippet })));
    test.each(cases)('$name expands to text that parses ($context)', async ({ snippet, context }) => {
        const text = wrap(expandSnippet(snippet.body), context);
        expect(await syntaxProblems(text), text).toEqual([]);
    });

    test('the workflow skeleton, with its names declared, has no errors', async () => {
        const workflow = expandSnippet(snippets['Workflow (complete skeleton)'].body);
        const declarations = `
role AccountableOwner { competence "Risk ownership" training "AI governance" channel RiskPager authority 4 final authority }
role Reviewer { competence "Case review" training "Automation bias" channel OversightQueue authority 1 }
role SeniorReviewer { competence "Case review, senior" training "Automation bias" channel OversightQueue authority 2 }
role AppealsOfficer { competence "Complaints handling" training "Explaining AI decisions" channel AppealsChannel authority 3 }
role FairnessAnalyst { competence "Fairness testing" training "Bias audits" channel OversightQueue authority 2 }
role IncidentManager { competence "Incident management" training "AI incident reporting" channel RiskPager authority 3 }
role MarketSurveillanceAuthority { channel ComplianceMailbox }
team AiGovernanceBoard { members AccountableOwner competence "AI governance" channel ComplianceMailbox authority 4 }
team ModelRiskTeam { competence "Model validation" training "Adversarial ML" channel RiskPager authority 3 }
channel OversightQueue { kind queue address "jira://GOV/oversight" }
channel RiskPager { kind pager address "pagerduty://risk" }
channel ComplianceMailbox { kind email address "compliance@example.org" }
channel AppealsChannel { kind portal address "https://example.org/appeals" }
channel StopChannel { kind pager address "pagerduty://stop" }
model Model { provider "In-house" version "1.0.0" prompt version "1.0.0" owner ModelRiskTeam explainability "Top features" }
dataset Dataset { version "1" owner ModelRiskTeam checks "schema conformance" field application_id field requested_amount }
dataset Outcomes { version "1" owner ModelRiskTeam checks "labels reviewed" field application_id field decision }
policy DeclineToManual { behaviour refer description "A person decides." }
`;
        const [document] = await buildWorkspace({ 'workflow.hitl': workflow, 'organisation.hitl': declarations });
        const errors = (document.diagnostics ?? []).filter((d) => d.severity === 1).map((d) => `${d.code}: ${d.message} (line ${d.range.start.line + 1})`);
        expect(errors, workflow).toEqual([]);
    });
});
