#!/usr/bin/env node
// Entry of the `gongkai` command. The sources are TypeScript run through tsx, so no
// build step stands between a clone and a running server.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
