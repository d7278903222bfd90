/** The compiler: the one mapping from the Langium AST to the compiled model. */
export { compileModel, type CompileOptions } from './compile-model.js';
