// asl-validator 4 ships no type declarations: the part the tests call.
declare module 'asl-validator' {
    interface ValidationResult {
        readonly isValid: boolean;
        readonly errors: readonly unknown[];
        errorsText(separator?: string): string;
    }
    export default function validator(definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }): ValidationResult;
}
