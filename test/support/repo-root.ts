import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from this file's location. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
