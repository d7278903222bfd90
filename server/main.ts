import { startLanguageServer } from 'langium/lsp';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { BoundedNodeFileSystemProvider } from '../cli/node-file-system.js';
import { createHitlServices, HITL_SERVICE_REQUIREMENTS } from '../language/lsp/lsp-module.js';

// The language server: Langium's LSP over stdio or IPC, with the same services as the CLI.
const connection = createConnection(ProposedFeatures.all);

// A bug in one request must not take the editor's diagnostics down with it.
process.on('uncaughtException', (error) => connection.console.error(`hitl: uncaught ${error.stack ?? error}`));
process.on('unhandledRejection', (reason) => connection.console.error(`hitl: unhandled rejection ${String(reason)}`));

// Every read is bounded and stays in the workspace: a committed FIFO or link to /dev/zero cannot hang the server.
const { shared } = createHitlServices({ now: () => new Date(), connection, fileSystemProvider: () => new BoundedNodeFileSystemProvider() });
startLanguageServer(shared, HITL_SERVICE_REQUIREMENTS);
