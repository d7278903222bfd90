/** The Mermaid export: a flowchart of a workflow for reviews, a pure function of the compiled model. */
export { exportMermaid } from './export-mermaid.js';
