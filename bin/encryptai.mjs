#!/usr/bin/env node
// `npx encryptai …`: runs the TypeScript CLI (src/cli/main.ts) through tsx's loader.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

process.env.ENCRYPTAI_HOME ??= fileURLToPath(new URL("..", import.meta.url));

register();
await import("../src/cli/main.ts");
