// The BPMN export of one sample imported by bpmn-js in the headless browser: no import
// warnings, a shape for every step the export draws, and a screenshot in the artifacts. It
// reads the reviewed golden export (test/golden/export/bpmn/), which the unit tests hold equal
// to what the exporter writes.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SAMPLE = 'insurance-claims';

export default async function bpmnRender({ browser, record, root, artifacts }) {
    const xml = readFileSync(path.join(root, 'test/golden/export/bpmn', `${SAMPLE}.bpmn`), 'utf8');
    const page = await browser.newPage({ viewport: { width: 1800, height: 1100 } });
    try {
        await page.setContent('<!doctype html><html><body style="margin:0"><div id="canvas" style="width:100vw;height:100vh"></div></body></html>');
        await page.addScriptTag({ path: path.join(root, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js') });
        const result = await page.evaluate(async (source) => {
            const viewer = new window.BpmnJS({ container: '#canvas' });
            const { warnings } = await viewer.importXML(source);
            viewer.get('canvas').zoom('fit-viewport');
            const shapes = viewer.get('elementRegistry').getAll().map((element) => element.id);
            return { warnings: warnings.map((warning) => warning.message), shapes };
        }, xml);
        record(result.warnings.length === 0, `bpmn-js imports ${SAMPLE}.bpmn without warnings`, result.warnings.slice(0, 3).join('; '));
        const ids = [...xml.matchAll(/<bpmn:(?:serviceTask|userTask|exclusiveGateway|endEvent|intermediateThrowEvent|startEvent|boundaryEvent) id="([^"]+)"/g)].map((match) => match[1]);
        const missing = ids.filter((id) => !result.shapes.includes(id));
        record(ids.length > 0 && missing.length === 0, `bpmn-js draws a shape for each of the ${ids.length} elements of ${SAMPLE}`, missing.slice(0, 5).join(', '));
        await page.screenshot({ path: path.join(artifacts, `bpmn-${SAMPLE}.png`) });
    } finally {
        await page.close();
    }
}
