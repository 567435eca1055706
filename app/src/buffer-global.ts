// Node's Buffer for the src/ modules the page and its worker bundle (the `buffer` package, a well-kept port of it).
// Imported first by each entry point, so it is set before any of them runs.
import { Buffer } from "buffer";

(globalThis as { Buffer?: typeof Buffer }).Buffer ??= Buffer;
