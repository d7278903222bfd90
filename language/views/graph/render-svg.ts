import { escapeXml } from '../../util/xml.js';
import { LINE_HEIGHT, type GraphLayout, type PlacedEdge, type PlacedNode } from './graph-layout.js';

/**
 * A laid-out workflow graph as a standalone SVG document: what the graph view shows and what
 * "Export as SVG" saves. Colours are VS Code theme variables with fixed fallbacks, so the
 * picture follows the editor's theme inside it and stays readable on its own.
 */

const STYLE = `
.hitl-graph { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: 12px; }
.hitl-graph .background { fill: var(--vscode-editor-background, #ffffff); }
.hitl-graph text { fill: var(--vscode-editor-foreground, #1f1f1f); }
.hitl-graph .node .shape { fill: var(--vscode-editorWidget-background, #f3f3f3); stroke: var(--vscode-editor-foreground, #1f1f1f); stroke-width: 1.5; }
.hitl-graph .node .label { font-weight: bold; }
.hitl-graph .node .detail { fill: var(--vscode-descriptionForeground, #616161); font-size: 11px; }
.hitl-graph .node-ai-step .shape { fill: var(--vscode-editorInfo-background, #e8f0fe); }
.hitl-graph .node-escalation-level .shape { stroke-dasharray: 4 3; }
.hitl-graph .risk-low .shape { stroke: var(--vscode-charts-green, #388a34); stroke-width: 3; }
.hitl-graph .risk-medium .shape { stroke: var(--vscode-charts-yellow, #bf8803); stroke-width: 3; }
.hitl-graph .risk-high .shape { stroke: var(--vscode-charts-orange, #d18616); stroke-width: 3; }
.hitl-graph .risk-critical .shape { stroke: var(--vscode-charts-red, #e51400); stroke-width: 3; }
.hitl-graph .edge path { fill: none; stroke: var(--vscode-editor-foreground, #1f1f1f); stroke-width: 1.3; }
.hitl-graph .edge-branch path { stroke: var(--vscode-charts-blue, #1a85ff); }
.hitl-graph .edge-action path { stroke: var(--vscode-charts-green, #388a34); }
.hitl-graph .edge-fallback path { stroke: var(--vscode-charts-orange, #d18616); stroke-dasharray: 6 3; }
.hitl-graph .edge-timeout path { stroke: var(--vscode-charts-red, #e51400); stroke-dasharray: 2 3; }
.hitl-graph .edge-escalation path { stroke: var(--vscode-charts-purple, #652d90); stroke-dasharray: 8 3 2 3; }
.hitl-graph .edge .edge-label { font-size: 10px; fill: var(--vscode-descriptionForeground, #616161); }
.hitl-graph .edge .label-background { fill: var(--vscode-editor-background, #ffffff); opacity: 0.85; }
.hitl-graph .arrow { fill: var(--vscode-editor-foreground, #1f1f1f); }
.hitl-graph .badge-error circle { fill: var(--vscode-editorError-foreground, #e51400); }
.hitl-graph .badge-warning circle { fill: var(--vscode-editorWarning-foreground, #bf8803); }
.hitl-graph .badge text { fill: #ffffff; font-size: 10px; font-weight: bold; }
.hitl-graph .start-marker { fill: var(--vscode-editor-foreground, #1f1f1f); }
`;

const num = (value: number) => String(Math.round(value * 10) / 10);

function polygon(points: ReadonlyArray<readonly [number, number]>): string {
    return `<polygon class="shape" points="${points.map(([x, y]) => `${num(x)},${num(y)}`).join(' ')}"/>`;
}

function rect(node: PlacedNode, radius: number): string {
    return `<rect class="shape" x="${num(node.x - node.width / 2)}" y="${num(node.y - node.height / 2)}" width="${num(node.width)}" height="${num(node.height)}" rx="${num(radius)}"/>`;
}

/** Each kind its own outline, so the kinds tell apart without colour. */
function shapeOf(node: PlacedNode): string {
    const left = node.x - node.width / 2;
    const right = node.x + node.width / 2;
    const top = node.y - node.height / 2;
    const bottom = node.y + node.height / 2;
    const { x, y } = node;
    switch (node.kind) {
        case 'ai-step':
            return polygon([[left + 14, top], [right - 14, top], [right, y], [right - 14, bottom], [left + 14, bottom], [left, y]]);
        case 'decision':
            return polygon([[x, top], [right, y], [x, bottom], [left, y]]);
        case 'gate':
            return polygon([[left + 10, top], [right - 10, top], [right, top + 10], [right, bottom - 10], [right - 10, bottom], [left + 10, bottom], [left, bottom - 10], [left, top + 10]]);
        case 'queue':
            return polygon([[left + 12, top], [right, top], [right - 12, bottom], [left, bottom]]);
        case 'effect':
            return polygon([[left, top], [right - 14, top], [right, y], [right - 14, bottom], [left, bottom]]);
        case 'outcome':
            return rect(node, node.height / 2);
        case 'automated-step':
            return rect(node, 0);
        case 'escalation-level':
            return rect(node, 3);
    }
}

function badges(node: PlacedNode): string {
    const { errors, warnings, codes } = node.findings;
    if (errors + warnings === 0) return '';
    const counts = [errors > 0 && `${errors} error${errors === 1 ? '' : 's'}`, warnings > 0 && `${warnings} warning${warnings === 1 ? '' : 's'}`].filter(Boolean).join(', ');
    const right = node.x + node.width / 2;
    const top = node.y - node.height / 2;
    const badge = (kind: string, count: number, cx: number) =>
        `<g class="badge badge-${kind}"><circle cx="${num(cx)}" cy="${num(top)}" r="9"/><text x="${num(cx)}" y="${num(top + 3.5)}" text-anchor="middle">${count}</text></g>`;
    const parts: string[] = [];
    if (errors > 0) parts.push(badge('error', errors, right - 4));
    if (warnings > 0) parts.push(badge('warning', warnings, right - (errors > 0 ? 24 : 4)));
    return `<g class="badges"><title>${escapeXml(`${counts}: ${codes.join(', ')}`)}</title>${parts.join('')}</g>`;
}

function nodeSvg(node: PlacedNode, start: string | undefined): string {
    const classes = ['node', `node-${node.kind}`, ...(node.risk ? [`risk-${node.risk}`] : []), ...(node.findings.errors > 0 ? ['has-errors'] : []), ...(node.findings.warnings > 0 ? ['has-warnings'] : [])];
    const firstBaseline = node.y - (node.lines.length * LINE_HEIGHT) / 2 + LINE_HEIGHT * 0.75;
    const text = node.lines
        .map((line, index) => `<text class="${index === 0 ? 'label' : 'detail'}" x="${num(node.x)}" y="${num(firstBaseline + index * LINE_HEIGHT)}" text-anchor="middle">${escapeXml(line)}</text>`)
        .join('');
    const tooltip = [node.label, node.title, node.kind.replace('-', ' '), ...node.details, ...node.findings.codes].filter(Boolean).join('\n');
    const startMarker = node.id === start ? `<circle class="start-marker" cx="${num(node.x)}" cy="${num(node.y - node.height / 2 - 9)}" r="5"/>` : '';
    return `<g class="${classes.join(' ')}" data-id="${escapeXml(node.id)}"><title>${escapeXml(tooltip)}</title>${startMarker}${shapeOf(node)}${text}${badges(node)}</g>`;
}

function edgeSvg(edge: PlacedEdge): string {
    const [first, ...rest] = edge.points;
    if (!first) return '';
    const d = `M${num(first.x)},${num(first.y)}${rest.map((point) => ` L${num(point.x)},${num(point.y)}`).join('')}`;
    const labelWidth = edge.labelText.length * 6.3 + 6;
    const label =
        edge.labelText && edge.kind !== 'flow'
            ? `<rect class="label-background" x="${num(edge.labelAt.x - labelWidth / 2)}" y="${num(edge.labelAt.y - 7)}" width="${num(labelWidth)}" height="14"/><text class="edge-label" x="${num(edge.labelAt.x)}" y="${num(edge.labelAt.y + 3.5)}" text-anchor="middle">${escapeXml(edge.labelText)}</text>`
            : '';
    return `<g class="edge edge-${edge.kind}" data-id="${edge.id}" data-from="${escapeXml(edge.from)}" data-to="${escapeXml(edge.to)}"><title>${escapeXml(edge.label)}</title><path d="${d}" marker-end="url(#hitl-arrow)"/>${label}</g>`;
}

/** The graph as an SVG document (no XML declaration, so it can be inlined in HTML as it is). */
export function renderGraphSvg(layout: GraphLayout): string {
    const name = layout.title ? `${layout.workflow}: ${layout.title}` : layout.workflow;
    return [
        `<svg xmlns="http://www.w3.org/2000/svg" class="hitl-graph" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="${escapeXml(`Workflow ${name}`)}">`,
        `<title>${escapeXml(`Workflow ${name}`)}</title>`,
        `<style>${STYLE}</style>`,
        '<defs><marker id="hitl-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>',
        `<rect class="background" width="${layout.width}" height="${layout.height}"/>`,
        // One element a line, so a golden file's diff shows what moved.
        '<g class="edges">',
        ...layout.edges.map(edgeSvg),
        '</g>',
        '<g class="nodes">',
        ...layout.nodes.map((node) => nodeSvg(node, layout.start)),
        '</g>',
        '</svg>',
        '',
    ].join('\n');
}
