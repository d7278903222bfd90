import { summarise, type CheckResult } from '../check-result.js';

export interface TextStyle {
    readonly error: (text: string) => string;
    readonly warning: (text: string) => string;
    readonly info: (text: string) => string;
    readonly dim: (text: string) => string;
}

export const plainStyle: TextStyle = { error: (t) => t, warning: (t) => t, info: (t) => t, dim: (t) => t };

/** `path:line:col severity code message`, one finding a line, then a summary line. */
export function formatText(result: CheckResult, style: TextStyle = plainStyle): string {
    const lines: string[] = [];
    for (const file of result.files) {
        for (const f of file.findings) {
            if (f.suppression) continue;
            lines.push(`${f.path}:${f.region.start.line}:${f.region.start.column} ${style[f.severity](f.severity)} ${style.dim(f.code)} ${f.message}`);
        }
    }
    const s = summarise(result);
    const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const suppressed = s.suppressed > 0 ? ` (${s.suppressed} suppressed)` : '';
    lines.push(`${count(s.errors, 'error')}, ${count(s.warnings, 'warning')} in ${count(s.files, 'file')}${suppressed}`);
    return lines.join('\n') + '\n';
}
