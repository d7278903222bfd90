import type { BpmnFlow, BpmnNode, BpmnProcess } from './graph.js';

/**
 * Diagram interchange for the process: a layered layout, left to right. A step's column is
 * its longest distance from the start along forward flows; the main route keeps to the top
 * row and branches, fallbacks and escalation levels open rows below. Flows are drawn at right
 * angles; a flow back to an earlier column runs under both ends. (bpmn-auto-layout placed an
 * element reached only through a boundary event twice, which bpmn-moddle refuses.)
 */
const COLUMN = 190;
const ROW = 140;
const MARGIN = 100;

interface Box {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
}

export function diagramXml(process: BpmnProcess): string {
    const boxes = place(process);
    const lines = [`  <bpmndi:BPMNDiagram id="${process.id}-diagram">`, `    <bpmndi:BPMNPlane id="${process.id}-plane" bpmnElement="${process.id}">`];
    for (const node of process.nodes) {
        const box = boxes.get(node.id)!;
        lines.push(`      <bpmndi:BPMNShape id="${node.id}-di" bpmnElement="${node.id}">`, `        <dc:Bounds x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" />`, '      </bpmndi:BPMNShape>');
    }
    for (const flow of process.flows) {
        lines.push(`      <bpmndi:BPMNEdge id="${flow.id}-di" bpmnElement="${flow.id}">`);
        for (const [x, y] of route(flow, boxes, process.nodes)) lines.push(`        <di:waypoint x="${x}" y="${y}" />`);
        lines.push('      </bpmndi:BPMNEdge>');
    }
    lines.push('    </bpmndi:BPMNPlane>', '  </bpmndi:BPMNDiagram>');
    return lines.join('\n');
}

/** A task is wide enough for its boundary events side by side. */
function size(node: BpmnNode, attachers: number): { width: number; height: number } {
    if (node.kind === 'serviceTask' || node.kind === 'userTask') return { width: Math.max(100, 20 + attachers * 44), height: 80 };
    if (node.kind === 'exclusiveGateway') return { width: 50, height: 50 };
    return { width: 36, height: 36 };
}

function place(process: BpmnProcess): Map<string, Box> {
    const nodes = new Map(process.nodes.map((node) => [node.id, node]));
    // A flow from a boundary event counts from its host for the layout.
    const host = (id: string) => nodes.get(id)?.attachedTo ?? id;
    const successors = new Map<string, Array<{ to: string; boundary: boolean }>>();
    for (const flow of process.flows) {
        const from = host(flow.source);
        successors.set(from, [...(successors.get(from) ?? []), { to: flow.target, boundary: from !== flow.source }]);
    }
    const start = process.nodes.find((node) => node.kind === 'startEvent')!.id;

    // Depth first from the start: the visiting order, and the flows that go back (loops).
    const order: string[] = [];
    const back = new Set<string>();
    const state = new Map<string, 'open' | 'done'>();
    const stack: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    state.set(start, 'open');
    order.push(start);
    while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const out = successors.get(top.id) ?? [];
        if (top.next >= out.length) {
            state.set(top.id, 'done');
            stack.pop();
            continue;
        }
        const { to } = out[top.next++];
        if (state.get(to) === 'open') back.add(`${top.id}>${to}`);
        else if (!state.has(to)) {
            state.set(to, 'open');
            order.push(to);
            stack.push({ id: to, next: 0 });
        }
    }

    // Columns: the longest forward path from the start (Kahn's order over forward flows).
    const column = new Map<string, number>(order.map((id) => [id, 0]));
    const indegree = new Map<string, number>(order.map((id) => [id, 0]));
    const forward = (id: string) => (successors.get(id) ?? []).filter(({ to }) => !back.has(`${id}>${to}`));
    for (const id of order) for (const { to } of forward(id)) indegree.set(to, (indegree.get(to) ?? 0) + 1);
    const ready = order.filter((id) => indegree.get(id) === 0);
    for (let head = 0; head < ready.length; head++) {
        const id = ready[head];
        for (const { to } of forward(id)) {
            column.set(to, Math.max(column.get(to) ?? 0, column.get(id)! + 1));
            indegree.set(to, indegree.get(to)! - 1);
            if (indegree.get(to) === 0) ready.push(to);
        }
    }

    // Rows: in visiting order, the first free row at or below the one its first predecessor suggests.
    const row = new Map<string, number>();
    const taken = new Set<string>();
    const suggested = new Map<string, number>([[start, 0]]);
    for (const id of order) {
        let r = suggested.get(id) ?? 0;
        while (taken.has(`${column.get(id)}:${r}`)) r++;
        row.set(id, r);
        taken.add(`${column.get(id)}:${r}`);
        (successors.get(id) ?? []).forEach(({ to, boundary }, index) => {
            if (!suggested.has(to)) suggested.set(to, r + (boundary ? 1 : index === 0 ? 0 : 1));
        });
    }

    const attached = new Map<string, BpmnNode[]>();
    for (const node of process.nodes) if (node.attachedTo) attached.set(node.attachedTo, [...(attached.get(node.attachedTo) ?? []), node]);
    const boxes = new Map<string, Box>();
    for (const id of order) {
        const { width, height } = size(nodes.get(id)!, attached.get(id)?.length ?? 0);
        const cx = MARGIN + column.get(id)! * COLUMN;
        const cy = MARGIN + row.get(id)! * ROW;
        boxes.set(id, { x: cx - width / 2, y: cy - height / 2, width, height });
    }
    // Boundary events sit on the lower edge of their task, spread out.
    for (const [task, events] of attached) {
        const box = boxes.get(task)!;
        events.forEach((event, index) => {
            const x = box.x + ((index + 1) * box.width) / (events.length + 1) - 18;
            boxes.set(event.id, { x, y: box.y + box.height - 18, width: 36, height: 36 });
        });
    }
    return boxes;
}

/** Right-angled waypoints: out of the right side (a gateway's or boundary event's bottom when the target lies lower), into the target's left side. */
function route(flow: BpmnFlow, boxes: ReadonlyMap<string, Box>, nodes: readonly BpmnNode[]): Array<[number, number]> {
    const s = boxes.get(flow.source)!;
    const t = boxes.get(flow.target)!;
    const source = nodes.find((node) => node.id === flow.source)!;
    const sy = s.y + s.height / 2;
    const ty = t.y + t.height / 2;
    const sx = s.x + s.width / 2;
    const tx = t.x + t.width / 2;
    if (tx <= sx) {
        // Back to an earlier column: under both ends.
        const below = Math.max(s.y + s.height, t.y + t.height) + 30;
        return [
            [sx, s.y + s.height],
            [sx, below],
            [tx, below],
            [tx, t.y + t.height],
        ];
    }
    if (source.kind === 'boundaryEvent' || (source.kind === 'exclusiveGateway' && ty !== sy)) {
        return [
            [sx, ty > sy ? s.y + s.height : s.y],
            [sx, ty],
            [t.x, ty],
        ];
    }
    if (ty === sy) {
        return [
            [s.x + s.width, sy],
            [t.x, ty],
        ];
    }
    const bend = t.x - 30;
    return [
        [s.x + s.width, sy],
        [bend, sy],
        [bend, ty],
        [t.x, ty],
    ];
}
