#!/usr/bin/env node
// The `studio` command. The workspace ships TypeScript sources, so tsx compiles them on load.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
