/** The Mermaid export: a flowchart of a workflow for reviews, a pure function of the compiled model. */
export { exportMermaid, stepNode } from './export-mermaid.js';
