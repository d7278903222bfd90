import { Ajv2020 } from 'ajv/dist/2020.js';
import * as formats from 'ajv-formats';

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
// ajv-formats is CommonJS: depending on the interop its plugin is the module's default export or the default's default.
const module = formats as unknown as { default: FormatsPlugin | { default: FormatsPlugin } };
const addFormats: FormatsPlugin = typeof module.default === 'function' ? module.default : module.default.default;

/** Ajv for JSON Schema 2020-12 in strict mode, with the standard formats (date-time, uri-reference, …). */
export function strictAjv(): Ajv2020 {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    return ajv;
}
