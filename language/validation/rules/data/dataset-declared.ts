import { isAiStep, type Dataset } from '../../../generated/ast.js';
import { referencingNodes } from '../../referencing.js';
import { defineRule } from '../../rule.js';
import { quoted } from '../../../util/names.js';
import { joinCapped } from '../../../analysis/caps.js';

/**
 * The finding is on the dataset, the declaration to complete; the AI steps that read it are
 * related locations, wherever they are declared.
 */
export const datasetsMustBeDeclared = defineRule({
    code: 'data/dataset-declared',
    title: 'Datasets that AI steps read declare a version, validation checks and their fields',
    severity: 'error',
    requirements: ['G29'],
    // A dataset's finding comes from the AI steps, in other files, that read it.
    crossFile: { referrersOf: ['Dataset'] },
    checks: (services) => ({
        Dataset: (dataset, report) => {
            const missing = missingFrom(dataset);
            if (missing.length === 0) return;
            const steps = referencingNodes(dataset, services).filter(isAiStep);
            if (steps.length === 0) return;
            const readers = steps.map((step) => `AI step ${quoted(step.name)}`);
            const shown = joinCapped(readers, ', ', 3);
            report({
                node: dataset,
                property: 'name',
                message: `Dataset ${quoted(dataset.name)}, input of ${shown}, does not declare ${missing.join(', ')}; add them to the dataset so its version, validation and personal data are on record.`,
                related: steps.map((step) => ({ node: step, message: `AI step ${quoted(step.name)} reads dataset ${quoted(dataset.name)}` })),
            });
        },
    }),
});

function missingFrom(dataset: Dataset): string[] {
    const missing: string[] = [];
    if (!dataset.version?.trim()) missing.push('version "<yyyy.mm.dd>"');
    if (dataset.checks.filter((check) => check.trim()).length === 0) missing.push('checks "<validation check>"');
    if (dataset.fields.length === 0) missing.push("its fields ('field <name>', marking personal data 'personal')");
    return missing;
}
