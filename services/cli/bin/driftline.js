#!/usr/bin/env -S node --conditions=source --disable-warning=TimeoutNegativeWarning
// Runs the TypeScript sources directly (Node >= 22.18 strips types). Use through npm/npx so the
// project's Node 24 is first on PATH.
import '../src/main.ts';
