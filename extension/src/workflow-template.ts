// The template of "hitl: New workflow" (templates/new-workflow.hitl) is a workflow that checks
// clean as it stands, named NewWorkflow; its own declarations carry the name as a prefix, so
// that renaming the workflow keeps them apart from the workspace's.

const TEMPLATE_NAME = 'NewWorkflow';
const TEMPLATE_TITLE = '"New workflow"';

/** The words of a name as typed ("customer onboarding", "KYC-check 2"); none when it does not start with a letter. */
function wordsOf(typed: string): string[] {
    const words = typed.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
    return words.length > 0 && /^[A-Za-z]/.test(words[0]) ? words : [];
}

/** Why a typed name cannot name a workflow, or undefined when it can. */
export function workflowNameProblem(typed: string): string | undefined {
    return wordsOf(typed).length === 0 ? 'Start with a letter; letters, digits and spaces make the name.' : undefined;
}

export interface NewWorkflow {
    /** The workflow's identifier: the words capitalised and joined (CustomerOnboarding). */
    readonly name: string;
    /** A file name for it: the words in lower case joined by dashes (customer-onboarding.hitl). */
    readonly fileName: string;
    readonly text: string;
}

/** The template filled in for a name as typed; undefined when the name cannot name a workflow. */
export function fillTemplate(template: string, typed: string): NewWorkflow | undefined {
    const words = wordsOf(typed);
    if (words.length === 0) return undefined;
    const name = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
    // The title is a hitl string: no quotes or backslashes to escape.
    const title = JSON.stringify(typed.trim().replace(/["\\]/g, ''));
    const text = template.replaceAll(TEMPLATE_TITLE, title).replace(new RegExp(`\\b${TEMPLATE_NAME}`, 'g'), name);
    return { name, fileName: `${words.map((word) => word.toLowerCase()).join('-')}.hitl`, text };
}
