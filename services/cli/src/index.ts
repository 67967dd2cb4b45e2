// The CLI's public surface for other workspaces (docs checks); the command itself is src/main.ts.
export { cliConfigSchema, loadConfig, triggerClientConfigSchema } from './config.ts';
export type { CliConfig } from './config.ts';
export { subjectClientConfigSchema } from './subject/subject-client.ts';
