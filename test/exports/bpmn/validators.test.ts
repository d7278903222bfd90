// Outside checkers on the BPMN export of every sample: bpmn-moddle with the Zeebe extension
// parses it without warnings, and bpmnlint's recommended rules and camunda-compat's rules for
// Camunda 8.8 report nothing, not even a warning.
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { exportedSamples } from './samples.js';

const require = createRequire(import.meta.url);
const { BpmnModdle } = require('bpmn-moddle');
const zeebe = require('zeebe-bpmn-moddle/resources/zeebe.json');
const Linter = require('bpmnlint/lib/linter');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

// A linter per file: some bpmnlint rules keep what they saw between runs (no-duplicate-sequence-flows).
const newLinter = () => new Linter({ config: { extends: ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-8'] }, resolver: new NodeResolver() });

describe('BPMN export, checked by bpmn-moddle and bpmnlint', async () => {
    const { samples } = await exportedSamples();

    test.each(samples.map((s) => [s.sample, s] as const))('%s: bpmn-moddle with zeebe-bpmn-moddle parses it without warnings', async (_, { xml }) => {
        const { rootElement, warnings } = await new BpmnModdle({ zeebe }).fromXML(xml);
        expect(warnings.map((warning: { message: string }) => warning.message)).toEqual([]);
        expect(rootElement.rootElements.some((element: { $type: string }) => element.$type === 'bpmn:Process')).toBe(true);
    });

    test.each(samples.map((s) => [s.sample, s] as const))('%s: bpmnlint (recommended, camunda-cloud-8-8) reports nothing', async (_, { xml }) => {
        const { rootElement } = await new BpmnModdle({ zeebe }).fromXML(xml);
        const reports: Record<string, Array<{ id: string; message: string }>> = await newLinter().lint(rootElement);
        const found = Object.entries(reports).flatMap(([rule, list]) => list.map((report) => `${rule} ${report.id}: ${report.message}`));
        expect(found).toEqual([]);
    });
});
