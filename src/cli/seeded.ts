/**
 * What the CLI says about seeded mode (issue "Sound from model to payment", item 5): a command run with --seed
 * says on stderr that its output is for experiments only, and a command reading a file produced in seeded mode
 * says so. (Seeded randomness is derived from the seed and the statement or message, so one seed never repeats
 * masks across different statements or messages; it still hides nothing from whoever knows the seed.)
 */

/** The stderr note of a command run with --seed; `what` is what the seed makes reproducible. */
export function seededNote(what: string): string {
  return `note: --seed makes ${what} reproducible by whoever knows the seed — for experiments only, never for real keys or data`;
}

export function warnSeeded(what: string): void {
  process.stderr.write(`${seededNote(what)}\n`);
}

/** The note about an input file produced in seeded mode. */
export function seededFileNote(path: string, what: string): string {
  return `note: ${path} (${what}) was produced in seeded mode (--seed): for experiments only`;
}
