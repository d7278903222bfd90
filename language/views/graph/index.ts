/** The graph view's core: a workflow of the model as a diagram, laid out and drawn as SVG. */
export { workflowGraph, levelNodeId, type GraphEdge, type GraphEdgeKind, type GraphNode, type GraphNodeKind, type WorkflowGraph } from './workflow-graph.js';
export { nodeFindingsOf, pathFindingsOf, type NodeFindings, type PathFinding } from './graph-findings.js';
export { layoutGraph, type GraphLayout, type PlacedEdge, type PlacedNode, type Point } from './graph-layout.js';
export { renderGraphSvg } from './render-svg.js';
