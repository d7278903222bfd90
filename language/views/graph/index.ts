/** The graph view's core: a workflow of the model as a diagram, laid out and drawn as SVG. */
export { workflowGraph, type GraphEdge, type GraphEdgeKind, type GraphNode, type GraphNodeKind, type WorkflowGraph } from './workflow-graph.js';
export type { NodeFindings, PathFinding } from './graph-findings.js';
export { layoutGraph, type GraphLayout, type PlacedEdge, type PlacedNode, type Point } from './graph-layout.js';
export { renderGraphSvg } from './render-svg.js';
