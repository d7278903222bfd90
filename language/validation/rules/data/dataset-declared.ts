import { defineRule } from '../../rule.js';

export const datasetsMustBeDeclared = defineRule({
    code: 'data/dataset-declared',
    title: 'Datasets that AI steps read declare a version, validation checks and their fields',
    severity: 'error',
    requirements: ['G29'],
    checks: {
        AiStep: (step, report) => {
            step.inputs.forEach((input, index) => {
                const dataset = input.ref;
                if (!dataset) return;
                const missing: string[] = [];
                if (!dataset.version?.trim()) missing.push('version "<yyyy.mm.dd>"');
                if (dataset.checks.filter((check) => check.trim()).length === 0) missing.push('checks "<validation check>"');
                if (dataset.fields.length === 0) missing.push("its fields ('field <name>', marking personal data 'personal')");
                if (missing.length === 0) return;
                report({
                    node: step,
                    property: 'inputs',
                    index,
                    message: `Dataset '${dataset.name}', input of AI step '${step.name}', does not declare ${missing.join(', ')}; add them to the dataset so its version, validation and personal data are on record.`,
                    related: [{ node: dataset, message: `dataset '${dataset.name}'` }],
                });
            });
        },
    },
});
