import type { CheckResult } from '../check-result.js';

const COMMANDS = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Workflow-command data: `%`, CR and LF are escaped so a message cannot end the command. */
export function escapeData(text: string): string {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally escape `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions annotations: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. */
export function formatGithub(result: CheckResult): string {
    const lines: string[] = [];
    for (const file of result.files) {
        for (const f of file.findings) {
            if (f.suppression) continue;
            const properties = [
                `file=${escapeProperty(f.path)}`,
                `line=${f.region.start.line}`,
                `col=${f.region.start.column}`,
                `endLine=${f.region.end.line}`,
                `endColumn=${f.region.end.column}`,
                `title=${escapeProperty(`hitl ${f.code}`)}`,
            ].join(',');
            lines.push(`::${COMMANDS[f.severity]} ${properties}::${escapeData(f.message)}`);
        }
    }
    return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
