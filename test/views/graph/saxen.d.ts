// saxen (the XML parser under bpmn-moddle) ships no types; the graph tests use it to check that the SVG is well-formed.
declare module 'saxen' {
    export class Parser {
        on(event: 'error' | 'warn', handler: (error: Error) => void): this;
        parse(xml: string): this;
    }
}
