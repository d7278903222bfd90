import { escapeXml } from '../../util/xml.js';
import type { BpmnFlow, BpmnNode, BpmnProcess } from './graph.js';

/** The process as BPMN 2.0 XML for Camunda 8.8 with its diagram: written by hand, so every attribute has a fixed order. */
export function processXml(process: BpmnProcess, diagram: string): string {
    const lines: string[] = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<bpmn:definitions ${attributes([
            ['xmlns:bpmn', 'http://www.omg.org/spec/BPMN/20100524/MODEL'],
            ['xmlns:bpmndi', 'http://www.omg.org/spec/BPMN/20100524/DI'],
            ['xmlns:dc', 'http://www.omg.org/spec/DD/20100524/DC'],
            ['xmlns:di', 'http://www.omg.org/spec/DD/20100524/DI'],
            ['xmlns:xsi', 'http://www.w3.org/2001/XMLSchema-instance'],
            ['xmlns:zeebe', 'http://camunda.org/schema/zeebe/1.0'],
            ['xmlns:modeler', 'http://camunda.org/schema/modeler/1.0'],
            ['id', `${process.id}-definitions`],
            ['targetNamespace', 'https://hitl.dev/bpmn'],
            ['exporter', 'hitl'],
            ['modeler:executionPlatform', 'Camunda Cloud'],
            ['modeler:executionPlatformVersion', '8.8.0'],
        ])}>`,
        `  <bpmn:process ${attributes([['id', process.id], ['name', process.name], ['isExecutable', 'true']])}>`,
        ...documentation(process.documentation, 4),
        ...extensions([], process.properties, 4),
    ];
    const incoming = new Map<string, string[]>();
    const outgoing = new Map<string, string[]>();
    for (const flow of process.flows) {
        incoming.set(flow.target, [...(incoming.get(flow.target) ?? []), flow.id]);
        outgoing.set(flow.source, [...(outgoing.get(flow.source) ?? []), flow.id]);
    }
    const defaults = new Map(process.flows.filter((flow) => flow.isDefault).map((flow) => [flow.source, flow.id]));
    for (const node of process.nodes) lines.push(...nodeXml(node, incoming.get(node.id) ?? [], outgoing.get(node.id) ?? [], defaults.get(node.id)));
    for (const flow of process.flows) lines.push(...flowXml(flow));
    lines.push('  </bpmn:process>');
    for (const code of process.errors) lines.push(`  <bpmn:error ${attributes([['id', errorId(code)], ['name', code], ['errorCode', code]])} />`);
    lines.push(diagram, '</bpmn:definitions>', '');
    return lines.join('\n');
}

function nodeXml(node: BpmnNode, incoming: readonly string[], outgoing: readonly string[], defaultFlow: string | undefined): string[] {
    const attrs: Array<[string, string | undefined]> = [['id', node.id], ['name', node.name]];
    if (node.kind === 'boundaryEvent') attrs.push(['cancelActivity', 'true'], ['attachedToRef', node.attachedTo]);
    if (node.kind === 'exclusiveGateway') attrs.push(['default', defaultFlow]);
    const zeebe: string[] = [];
    if (node.jobType) zeebe.push(`<zeebe:taskDefinition ${attributes([['type', node.jobType], ['retries', String(node.retries ?? 3)]])} />`);
    if (node.kind === 'userTask') {
        zeebe.push('<zeebe:userTask />', `<zeebe:formDefinition ${attributes([['formId', node.formId]])} />`);
        if (node.candidateGroups && node.candidateGroups.length > 0) zeebe.push(`<zeebe:assignmentDefinition ${attributes([['candidateGroups', node.candidateGroups.join(',')]])} />`);
    }
    const body = [
        ...documentation(node.documentation, 6),
        ...extensions(zeebe, node.properties ?? [], 6),
        ...incoming.map((id) => `      <bpmn:incoming>${escapeXml(id)}</bpmn:incoming>`),
        ...outgoing.map((id) => `      <bpmn:outgoing>${escapeXml(id)}</bpmn:outgoing>`),
    ];
    if (node.errorCode) body.push(`      <bpmn:errorEventDefinition ${attributes([['id', `${node.id}-definition`], ['errorRef', errorId(node.errorCode)]])} />`);
    if (node.timer) {
        body.push(
            `      <bpmn:timerEventDefinition ${attributes([['id', `${node.id}-definition`]])}>`,
            `        <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${escapeXml(node.timer)}</bpmn:timeDuration>`,
            '      </bpmn:timerEventDefinition>',
        );
    }
    const open = `    <bpmn:${node.kind} ${attributes(attrs)}`;
    return body.length === 0 ? [`${open} />`] : [`${open}>`, ...body, `    </bpmn:${node.kind}>`];
}

function flowXml(flow: BpmnFlow): string[] {
    const open = `    <bpmn:sequenceFlow ${attributes([['id', flow.id], ['name', flow.name], ['sourceRef', flow.source], ['targetRef', flow.target]])}`;
    if (flow.condition === undefined) return [`${open} />`];
    return [`${open}>`, `      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${escapeXml(`=${flow.condition}`)}</bpmn:conditionExpression>`, '    </bpmn:sequenceFlow>'];
}

function documentation(text: string | undefined, indent: number): string[] {
    return text ? [`${' '.repeat(indent)}<bpmn:documentation>${escapeXml(text)}</bpmn:documentation>`] : [];
}

function extensions(zeebe: readonly string[], properties: ReadonlyArray<readonly [string, string]>, indent: number): string[] {
    if (zeebe.length === 0 && properties.length === 0) return [];
    const pad = ' '.repeat(indent);
    const lines = [`${pad}<bpmn:extensionElements>`, ...zeebe.map((line) => `${pad}  ${line}`)];
    if (properties.length > 0) {
        lines.push(`${pad}  <zeebe:properties>`);
        for (const [name, value] of properties) lines.push(`${pad}    <zeebe:property ${attributes([['name', name], ['value', value]])} />`);
        lines.push(`${pad}  </zeebe:properties>`);
    }
    lines.push(`${pad}</bpmn:extensionElements>`);
    return lines;
}

function errorId(code: string): string {
    return `Error-${code}`;
}

function attributes(pairs: ReadonlyArray<readonly [string, string | undefined]>): string {
    return pairs.flatMap(([name, value]) => (value === undefined ? [] : [`${name}="${escapeXml(value)}"`])).join(' ');
}
