// What every hitl webview script shares: the VS Code API, a style under the page's nonce, theme colours.

interface VsCodeApi {
    postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;
/** Read while the bundle first runs: the nonce of its own script element. */
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

/** acquireVsCodeApi may be called once per page. */
export function vscodeApi(): VsCodeApi {
    api ??= acquireVsCodeApi();
    return api;
}

/** A style element allowed by the content security policy: it carries the nonce of the page's script (extension/src/webview-page.ts). */
export function adoptStyle(css: string): void {
    const style = document.createElement('style');
    style.nonce = nonce;
    style.textContent = css;
    document.head.appendChild(style);
}

/** A theme colour from VS Code's CSS variables (light, dark and high contrast alike). */
export function themeColour(variable: string, fallback: string): string {
    return getComputedStyle(document.body).getPropertyValue(variable).trim() || fallback;
}
