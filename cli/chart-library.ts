// Chart.js's standalone build, inlined into the HTML report: esbuild.mjs puts its text into the
// CLI's bundle, so the report needs no network and the CLI no node_modules to write it.
declare const HITL_CHART_LIBRARY: string | undefined;

export function chartLibrary(): string {
    if (typeof HITL_CHART_LIBRARY !== 'string') throw new Error('this build of hitl has no chart library; build it with esbuild.mjs');
    return HITL_CHART_LIBRARY;
}
