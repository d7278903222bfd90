import { Graph, layout } from '@dagrejs/dagre';
import type { GraphEdge, GraphNode, WorkflowGraph } from './workflow-graph.js';
import type { PathFinding } from './graph-findings.js';

/**
 * Positions for a workflow graph, by dagre (top to bottom). Text sizes are estimated from
 * character counts, not measured, so the layout is the same wherever it is computed.
 */

export interface Point {
    readonly x: number;
    readonly y: number;
}

export interface PlacedNode extends GraphNode {
    /** The centre. */
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    /** The text lines drawn in the node: the label, the title, the details, each shortened to fit. */
    readonly lines: readonly string[];
}

export interface PlacedEdge extends GraphEdge {
    readonly points: readonly Point[];
    /** The centre of the edge's label. */
    readonly labelAt: Point;
    readonly labelText: string;
}

export interface GraphLayout {
    readonly workflow: string;
    readonly title?: string;
    readonly start?: string;
    readonly width: number;
    readonly height: number;
    readonly nodes: readonly PlacedNode[];
    readonly edges: readonly PlacedEdge[];
    readonly pathFindings: readonly PathFinding[];
}

const CHAR_WIDTH = 7;
export const LINE_HEIGHT = 15;
const MAX_LINE = 34;
const MAX_EDGE_LABEL = 30;
const PADDING = 12;
const MARGIN = 20;

/** Extra room a shape needs around its text: a diamond's corners, a hexagon's points. */
const SHAPE_ROOM: Record<GraphNode['kind'], { width: number; height: number }> = {
    'ai-step': { width: 28, height: 0 },
    'automated-step': { width: 0, height: 0 },
    decision: { width: 56, height: 26 },
    gate: { width: 20, height: 6 },
    queue: { width: 24, height: 0 },
    effect: { width: 20, height: 0 },
    outcome: { width: 24, height: 0 },
    'escalation-level': { width: 0, height: 0 },
};

function shorten(text: string, max: number): string {
    return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const round = (value: number) => Math.round(value * 10) / 10;

function linesOf(node: GraphNode): string[] {
    return [node.label, ...(node.title ? [node.title] : []), ...node.details].map((line) => shorten(line, MAX_LINE));
}

export function layoutGraph(graph: WorkflowGraph): GraphLayout {
    const g = new Graph({ multigraph: true });
    g.setGraph({ rankdir: 'TB', nodesep: 28, edgesep: 12, ranksep: 48, marginx: MARGIN, marginy: MARGIN });
    g.setDefaultEdgeLabel(() => ({}));
    const sized = graph.nodes.map((node) => {
        const lines = linesOf(node);
        const room = SHAPE_ROOM[node.kind];
        const width = Math.max(...lines.map((line) => line.length)) * CHAR_WIDTH + 2 * PADDING + room.width;
        const height = lines.length * LINE_HEIGHT + 2 * PADDING + room.height;
        g.setNode(node.id, { width, height });
        return { node, lines, width, height };
    });
    const labelled = graph.edges.map((edge) => {
        const labelText = shorten(edge.label, MAX_EDGE_LABEL);
        g.setEdge(edge.from, edge.to, { width: labelText.length * CHAR_WIDTH * 0.9, height: LINE_HEIGHT, labelpos: 'c' }, edge.id);
        return { edge, labelText };
    });
    layout(g);
    const nodes = sized.map(({ node, lines, width, height }) => {
        const placed = g.node(node.id);
        return { ...node, lines, x: round(placed.x), y: round(placed.y), width, height };
    });
    const edges = labelled.map(({ edge, labelText }) => {
        const placed = g.edge(edge.from, edge.to, edge.id);
        return {
            ...edge,
            labelText,
            points: ((placed.points ?? []) as Point[]).map((point) => ({ x: round(point.x), y: round(point.y) })),
            labelAt: { x: round(placed.x ?? 0), y: round(placed.y ?? 0) },
        };
    });
    const size = g.graph();
    return {
        workflow: graph.workflow,
        ...(graph.title ? { title: graph.title } : {}),
        ...(graph.start ? { start: graph.start } : {}),
        width: Math.ceil(size.width ?? 0),
        height: Math.ceil(size.height ?? 0),
        nodes,
        edges,
        pathFindings: graph.pathFindings,
    };
}
