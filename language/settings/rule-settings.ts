import type { RuleMeta, Severity } from '../validation/rule.js';

export type SeverityOverride = Severity | 'off';

/** Named starting points for a workspace's severities; `rules` in the config file refine them. */
export const PROFILES = ['default', 'eu-high-risk', 'baseline'] as const;
export type Profile = (typeof PROFILES)[number];

/** Requirements a baseline adoption keeps as errors: human oversight and accountability (G01–G12). */
const BASELINE_ERRORS = new Set(['G01', 'G02', 'G03', 'G04', 'G05', 'G06', 'G07', 'G08', 'G09', 'G10', 'G11', 'G12']);

export interface RuleSettingsInput {
    readonly profile?: Profile;
    /** Keyed by rule code; a Map, so that no code can reach an object's prototype. */
    readonly rules?: ReadonlyMap<string, SeverityOverride>;
    /** Glob patterns, relative to the folder of the config file, of files the checker does not load. */
    readonly ignore?: readonly string[];
}

/**
 * The severity each rule reports with in this workspace: the catalogue's default, shifted by
 * a profile, overridden per rule. `eu-high-risk` treats every governance warning as an error;
 * `baseline` keeps errors only for the oversight and accountability requirements.
 */
export class RuleSettings {
    private input: RuleSettingsInput = {};

    configure(input: RuleSettingsInput): void {
        this.input = input;
    }

    get profile(): Profile {
        return this.input.profile ?? 'default';
    }

    severityOf(rule: RuleMeta): SeverityOverride {
        const override = this.input.rules?.get(rule.code);
        if (override) return override;
        const governance = rule.requirements.length > 0;
        switch (this.profile) {
            case 'eu-high-risk':
                return governance && rule.severity === 'warning' ? 'error' : rule.severity;
            case 'baseline':
                return rule.severity === 'error' && governance && !rule.requirements.some((id) => BASELINE_ERRORS.has(id)) ? 'warning' : rule.severity;
            default:
                return rule.severity;
        }
    }
}

/** What time it is: the shell's clock, injected, so the core never reads one itself. */
export type TimeSource = () => Date;

/** Today's date (UTC) for expiry checks; fixed in tests and with `hitl check --today`. */
export class Clock {
    private fixed: Date | undefined;

    constructor(private readonly now: TimeSource) {}

    fix(date: Date | undefined): void {
        this.fixed = date;
    }

    today(): Date {
        const now = this.fixed ?? this.now();
        return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    }
}
