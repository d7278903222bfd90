/** Figures as an analyst writes them: durations in the two largest units, shares as percentages. */

const UNITS: ReadonlyArray<readonly [string, number]> = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
];

/** `1d 2h`, `3h 12m`, `45s`: the largest unit and the next, rounded; under a second, `0s`. */
export function formatDuration(seconds: number): string {
    if (!Number.isFinite(seconds)) return '∞';
    const rest = Math.round(Math.max(0, seconds));
    for (let index = 0; index < UNITS.length; index++) {
        const [unit, size] = UNITS[index];
        if (rest < size) continue;
        const major = Math.floor(rest / size);
        if (index === UNITS.length - 1) return `${major}${unit}`;
        const [minorUnit, minorSize] = UNITS[index + 1];
        const minor = Math.round((rest - major * size) / minorSize);
        if (minor * minorSize >= size) return `${major + 1}${unit}`;
        return minor > 0 ? `${major}${unit} ${minor}${minorUnit}` : `${major}${unit}`;
    }
    return '0s';
}

/** A share (0..1) as a percentage with the precision it deserves: `23%`, `4.2%`, `0.05%`. */
export function formatShare(share: number): string {
    const percent = share * 100;
    if (percent === 0) return '0%';
    if (percent >= 10) return `${Math.round(percent)}%`;
    if (percent >= 1) return `${percent.toFixed(1).replace(/\.0$/, '')}%`;
    return `${Number(percent.toPrecision(1))}%`;
}

/** `23% ± 2.1%`: a figure over replications with its 95% interval; the interval is left out when 0. */
export function formatShareFigure(figure: { readonly mean: number; readonly ci95: number }): string {
    return figure.ci95 > 0 ? `${formatShare(figure.mean)} ± ${formatShare(figure.ci95)}` : formatShare(figure.mean);
}

export function formatDurationFigure(figure: { readonly mean: number; readonly ci95: number }): string {
    return figure.ci95 > 0 ? `${formatDuration(figure.mean)} ± ${formatDuration(figure.ci95)}` : formatDuration(figure.mean);
}

/** `1,000`; fractions to at most `digits` places. */
export function formatNumber(value: number, digits = 0): string {
    const [whole, fraction] = String(Number(value.toFixed(digits))).split('.');
    return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}
