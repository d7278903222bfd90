import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');

/** A small seeded generator (mulberry32): the same seed gives the same session. */
export class Random {
    private state: number;

    constructor(seed: number) {
        this.state = seed >>> 0;
    }

    next(): number {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    int(below: number): number {
        return Math.floor(this.next() * below);
    }

    pick<T>(items: readonly T[]): T {
        return items[this.int(items.length)];
    }
}

/**
 * The samples, plus files that make dependencies cross more files: a team of organisation
 * roles, and a top-level escalation that workflows can time out to.
 */
export function sampleWorkspace(): Map<string, string> {
    const files = new Map<string, string>();
    for (const name of readdirSync(SAMPLES).filter((file) => file.endsWith('.hitl')).sort()) {
        files.set(name, readFileSync(path.join(SAMPLES, name), 'utf8'));
    }
    files.set('teams.hitl', 'team OversightCrew "Oversight crew" {\n    members ChiefRiskOfficer, IncidentManager\n    authority 4\n}\n');
    files.set('escalations.hitl', 'escalation SharedEscalation {\n    to ChiefRiskOfficer via RiskPager within 1d\n    on timeout deny\n}\n');
    return files;
}

export interface Edit {
    readonly name: string;
    readonly text: string;
}

const DECLARATION = /^(role|team|channel|model|dataset|policy|secret|escalation|workflow|ai actor)\s+([A-Za-z_]\w*)/gm;
const SNIPPETS = ['{', '}', 'role', '"unterminated', '@@', ' -> ', 'on timeout', '\n}\n', 'workflow W {', '\nrole Ghost {\n', 'members ', ' 0d ', '/*'];

function declarations(text: string): Array<{ keyword: string; name: string; index: number }> {
    return [...text.matchAll(DECLARATION)].map((m) => ({ keyword: m[1], name: m[2], index: m.index }));
}

/** The text of a top-level block starting at `index`: up to its closing brace at the start of a line. */
function blockAt(text: string, index: number): string {
    const lineEnd = text.indexOf('\n', index);
    const firstLine = text.slice(index, lineEnd < 0 ? undefined : lineEnd);
    if (!firstLine.includes('{') || firstLine.trimEnd().endsWith('}')) return firstLine;
    const close = text.indexOf('\n}', index);
    return close < 0 ? firstLine : text.slice(index, close + 2);
}

function replaceRandomMatch(random: Random, text: string, pattern: RegExp, replace: (match: string) => string): string {
    const matches = [...text.matchAll(pattern)];
    if (matches.length === 0) return text;
    const match = random.pick(matches);
    return text.slice(0, match.index) + replace(match[0]) + text.slice(match.index + match[0].length);
}

type Operation = (random: Random, files: ReadonlyMap<string, string>, name: string, text: string) => string;

const OPERATIONS: Record<string, Operation> = {
    renameDeclaration: (random, files, _name, text) => {
        const all = declarations(text);
        if (all.length === 0) return text;
        const target = random.pick(all);
        const elsewhere = [...files.values()].flatMap((other) => declarations(other).map((d) => d.name));
        const renamed = random.next() < 0.4 ? random.pick(elsewhere) : `${target.name}${random.pick(['X', '2', 'Renamed'])}`;
        const start = target.index + target.keyword.length;
        return text.slice(0, start) + text.slice(start).replace(target.name, renamed);
    },
    duplicateDeclaration: (random, files, _name, text) => {
        const source = random.pick([...files.values()]);
        const all = declarations(source);
        return all.length === 0 ? text : `${text}\n${blockAt(source, random.pick(all).index)}\n`;
    },
    breakOrFixRole: (random, _files, _name, text) => {
        switch (random.int(3)) {
            case 0:
                return replaceRandomMatch(random, text, /^\s*channel [\w, ]+$/gm, () => '');
            case 1:
                return replaceRandomMatch(random, text, /authority \d/g, () => `authority ${random.int(7)}`);
            default:
                return replaceRandomMatch(random, text, /^(role \w+[^{\n]*\{)/gm, (line) => `${line}\n    channel ${random.pick(['RiskPager', 'ComplianceMailbox', 'NoSuchChannel'])}`);
        }
    },
    teamMembers: (random, files, _name, text) => {
        const roles = [...files.values()].flatMap((other) => declarations(other).filter((d) => d.keyword === 'role').map((d) => d.name));
        const members = Array.from({ length: 1 + random.int(3) }, () => random.pick(roles));
        return replaceRandomMatch(random, text, /members [\w, ]+/g, () => `members ${members.join(', ')}`);
    },
    informTeam: (random, _files, _name, text) => replaceRandomMatch(random, text, /informed \w+/g, () => `informed ${random.pick(['OversightCrew', 'ModelRiskTeam', 'IncidentManager'])}`),
    timeoutAction: (random, _files, _name, text) =>
        replaceRandomMatch(random, text, /on timeout [\w -]+$/gm, () => `on timeout ${random.pick(['escalate to SharedEscalation', 'approve', 'deny', 'skip', 'pause'])}`),
    escalationTarget: (random, _files, _name, text) => replaceRandomMatch(random, text, /^(\s+)to \w+/gm, (line) => line.replace(/to \w+/, `to ${random.pick(['ChiefRiskOfficer', 'IncidentManager', 'OversightCrew', 'Nobody'])}`)),
    risk: (random, _files, _name, text) => replaceRandomMatch(random, text, /risk (low|medium|high|critical)/g, () => `risk ${random.pick(['low', 'medium', 'high', 'critical'])}`),
    syntaxError: (random, _files, _name, text) => {
        const at = random.int(text.length + 1);
        return text.slice(0, at) + random.pick(SNIPPETS) + text.slice(at);
    },
    deleteSlice: (random, _files, _name, text) => {
        const at = random.int(text.length + 1);
        return text.slice(0, at) + text.slice(at + 1 + random.int(40));
    },
    shiftLines: (random, _files, _name, text) => `${'\n'.repeat(1 + random.int(3))}// moved\n${text}`,
};

/** A random edit of one file; `originals` lets files go back to their first text now and then. */
export function randomEdit(random: Random, files: ReadonlyMap<string, string>, originals: ReadonlyMap<string, string>): Edit {
    const name = random.pick([...files.keys()]);
    const text = files.get(name)!;
    if (random.next() < 0.12) return { name, text: originals.get(name) ?? text };
    const operation = random.pick(Object.values(OPERATIONS));
    return { name, text: operation(random, files, name, text) };
}
