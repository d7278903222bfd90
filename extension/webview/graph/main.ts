// The graph view's page: draws the graph the extension passes on from the server (with the same
// renderGraphSvg that "Export as SVG" saves), and handles zoom, pan, selection and highlights.
import type { GraphLayout, PlacedNode } from '../../../language/views/graph/graph-layout.js';
import type { PathFinding } from '../../../language/views/graph/graph-findings.js';
import { renderGraphSvg } from '../../../language/views/graph/render-svg.js';
import './graph.css';

interface GraphResult {
    readonly workflows: readonly string[];
    readonly workflow?: string;
    readonly graph?: GraphLayout;
    readonly stale: boolean;
    readonly message?: string;
}

interface Highlight {
    readonly steps: readonly string[];
    readonly label: string;
    readonly stepwise?: boolean;
}

type Message = { type: 'graph'; result: GraphResult } | { type: 'select'; id: string | null } | { type: 'highlight'; highlight: Highlight | null } | { type: 'error'; message: string };

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

const vscode = acquireVsCodeApi();
const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const canvas = element<HTMLDivElement>('canvas');
const title = element<HTMLElement>('title');
const staleNote = element<HTMLSpanElement>('stale');
const findingsPanel = element<HTMLElement>('findings');
const findingsList = element<HTMLUListElement>('path-findings');
const replay = element<HTMLDivElement>('replay');
const replayLabel = element<HTMLSpanElement>('replay-label');
const replayPosition = element<HTMLSpanElement>('replay-position');
const previous = element<HTMLButtonElement>('previous');
const next = element<HTMLButtonElement>('next');

let layout: GraphLayout | undefined;
let svg: SVGSVGElement | undefined;
/** The visible part of the drawing, in its coordinates (the SVG's viewBox). */
let view = { x: 0, y: 0, width: 1, height: 1 };
let selected: string | null = null;
let highlight: { steps: readonly string[]; label: string; stepwise: boolean; shown: number } | undefined;
let chosenFinding: number | undefined;

function draw(result: GraphResult): void {
    staleNote.hidden = !result.stale && !result.message;
    staleNote.textContent = result.message ?? '';
    staleNote.classList.toggle('warning', result.stale);
    if (!result.graph) {
        if (!layout) canvas.textContent = result.message ?? 'No graph to show.';
        return;
    }
    const sameWorkflow = layout?.workflow === result.graph.workflow;
    layout = result.graph;
    title.textContent = layout.title ? `${layout.workflow} — ${layout.title}` : layout.workflow;
    // The page's policy admits a style element only with its nonce: the drawing's own styles get it.
    const parsed = new DOMParser().parseFromString(renderGraphSvg(layout), 'image/svg+xml').documentElement;
    parsed.querySelector('style')?.setAttribute('nonce', nonce);
    svg = document.importNode(parsed, true) as unknown as SVGSVGElement;
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    canvas.replaceChildren(svg);
    if (!sameWorkflow) fit();
    else applyView();
    if (!sameWorkflow) chosenFinding = undefined;
    listFindings(layout.pathFindings);
    applyMarks();
}

function listFindings(findings: readonly PathFinding[]): void {
    findingsPanel.hidden = findings.length === 0;
    findingsList.replaceChildren(
        ...findings.map((finding, index) => {
            const item = document.createElement('li');
            const button = document.createElement('button');
            button.className = `finding finding-${finding.severity}`;
            button.setAttribute('aria-pressed', String(index === chosenFinding));
            const code = document.createElement('strong');
            code.textContent = finding.code;
            const text = document.createElement('span');
            text.textContent = finding.message;
            button.append(code, text);
            button.addEventListener('click', () => {
                chosenFinding = chosenFinding === index ? undefined : index;
                highlight = chosenFinding === undefined ? undefined : { steps: finding.steps, label: finding.code, stepwise: false, shown: finding.steps.length };
                listFindings(findings);
                applyMarks();
            });
            item.append(button);
            return item;
        }),
    );
}

/** Marks the selected node and the highlighted steps (up to the replay's position) and the edges between them. */
function applyMarks(): void {
    replay.hidden = !highlight;
    if (highlight) {
        replayLabel.textContent = highlight.label;
        previous.hidden = next.hidden = replayPosition.hidden = !highlight.stepwise;
        replayPosition.textContent = `step ${highlight.shown} of ${highlight.steps.length}`;
        previous.disabled = highlight.shown <= 1;
        next.disabled = highlight.shown >= highlight.steps.length;
    }
    if (!svg) return;
    const steps = highlight ? highlight.steps.slice(0, highlight.shown) : [];
    const onPath = new Set(steps);
    const hops = new Set(steps.slice(1).map((step, index) => `${steps[index]}\u0000${step}`));
    svg.classList.toggle('dimmed', steps.length > 0);
    for (const node of svg.querySelectorAll<SVGGElement>('.node')) {
        const id = node.dataset.id ?? '';
        node.classList.toggle('highlighted', onPath.has(id));
        node.classList.toggle('current', highlight?.stepwise === true && id === steps[steps.length - 1]);
        node.classList.toggle('selected', id === selected);
    }
    for (const edge of svg.querySelectorAll<SVGGElement>('.edge')) {
        edge.classList.toggle('highlighted', hops.has(`${edge.dataset.from}\u0000${edge.dataset.to}`));
    }
}

function applyView(): void {
    svg?.setAttribute('viewBox', `${view.x} ${view.y} ${view.width} ${view.height}`);
}

function fit(): void {
    if (!layout) return;
    view = { x: 0, y: 0, width: layout.width, height: layout.height };
    applyView();
}

/** Zooms by `factor` (above 1: in) around a point of the canvas (its centre by default). */
function zoom(factor: number, at?: { clientX: number; clientY: number }): void {
    if (!svg) return;
    const box = svg.getBoundingClientRect();
    const fx = at && box.width > 0 ? (at.clientX - box.left) / box.width : 0.5;
    const fy = at && box.height > 0 ? (at.clientY - box.top) / box.height : 0.5;
    const width = view.width / factor;
    const height = view.height / factor;
    view = { x: view.x + (view.width - width) * fx, y: view.y + (view.height - height) * fy, width, height };
    applyView();
}

function nodeAt(target: EventTarget | null): PlacedNode | undefined {
    const id = (target as Element | null)?.closest?.<SVGGElement>('.node')?.dataset.id;
    return layout?.nodes.find((node) => node.id === id);
}

// ---------------------------------------------------------------- pointer: pan, click

let drag: { x: number; y: number; view: typeof view; moved: boolean } | undefined;

canvas.addEventListener('pointerdown', (event) => {
    drag = { x: event.clientX, y: event.clientY, view, moved: false };
});
canvas.addEventListener('pointermove', (event) => {
    if (!drag || !svg || (event.buttons & 1) === 0) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) canvas.setPointerCapture(event.pointerId);
    drag.moved = true;
    const box = svg.getBoundingClientRect();
    // The drawing keeps its aspect ratio: one scale for both axes.
    const scale = Math.max(drag.view.width / Math.max(box.width, 1), drag.view.height / Math.max(box.height, 1));
    view = { ...drag.view, x: drag.view.x - dx * scale, y: drag.view.y - dy * scale };
    applyView();
});
canvas.addEventListener('pointerup', (event) => {
    const moved = drag?.moved ?? false;
    drag = undefined;
    if (moved) return;
    const node = nodeAt(event.target);
    if (!node) return;
    selected = node.id;
    applyMarks();
    vscode.postMessage({ type: 'reveal', id: node.id });
});
canvas.addEventListener('wheel', (event) => {
    event.preventDefault();
    zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, event);
}, { passive: false });
canvas.addEventListener('keydown', (event) => {
    if (event.key === '+' || event.key === '=') zoom(1.25);
    else if (event.key === '-') zoom(1 / 1.25);
    else if (event.key === '0') fit();
});

element<HTMLButtonElement>('zoom-in').addEventListener('click', () => zoom(1.25));
element<HTMLButtonElement>('zoom-out').addEventListener('click', () => zoom(1 / 1.25));
element<HTMLButtonElement>('fit').addEventListener('click', fit);
element<HTMLButtonElement>('export').addEventListener('click', () => {
    if (layout) vscode.postMessage({ type: 'export', svg: renderGraphSvg(layout) });
});
previous.addEventListener('click', () => {
    if (highlight && highlight.shown > 1) highlight.shown--;
    applyMarks();
});
next.addEventListener('click', () => {
    if (highlight && highlight.shown < highlight.steps.length) highlight.shown++;
    applyMarks();
});
element<HTMLButtonElement>('clear').addEventListener('click', () => {
    highlight = undefined;
    chosenFinding = undefined;
    if (layout) listFindings(layout.pathFindings);
    applyMarks();
});

window.addEventListener('message', (event: MessageEvent<Message>) => {
    const message = event.data;
    if (message.type === 'graph') draw(message.result);
    else if (message.type === 'select') {
        selected = message.id;
        applyMarks();
    } else if (message.type === 'highlight') {
        const given = message.highlight;
        highlight = given ? { steps: given.steps, label: given.label, stepwise: given.stepwise === true, shown: given.stepwise ? 1 : given.steps.length } : undefined;
        chosenFinding = undefined;
        if (layout) listFindings(layout.pathFindings);
        applyMarks();
    } else if (message.type === 'error') {
        staleNote.hidden = false;
        staleNote.textContent = message.message;
    }
});

vscode.postMessage({ type: 'ready' });
