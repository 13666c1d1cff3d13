// Entry of a mapping worker started from the TypeScript sources (tsx in development, vitest):
// Node cannot load mapping-worker.ts by itself, so tsx is registered in this thread first.
// Built installs start dist/mappings/mapping-worker.js directly and never load this file.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./mapping-worker.ts', import.meta.url).href);
