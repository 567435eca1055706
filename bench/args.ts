/**
 * The benchmark runner's command line (`npm run bench [-- <suite…>] [--quick]`), parsed before anything runs: a
 * help flag prints the usage, and an unknown flag or suite is an error naming it — never a silent full run that
 * overwrites reports/bench/*.json (issue 18, "CLI traps").
 */
export type BenchArgs = { readonly kind: "run"; readonly quick: boolean; readonly suites: readonly string[] } | { readonly kind: "help"; readonly usage: string } | { readonly kind: "error"; readonly message: string };

export function benchUsage(suites: readonly string[]): string {
  return [
    "usage: npm run bench [-- <suite…>] [--quick]",
    `  suites: ${suites.join(", ")} (none named: all of them, several minutes)`,
    "  --quick  smaller sizes and fewer runs",
    "  --help   this text",
    "Each suite prints a table and writes reports/bench/<suite>.json.",
  ].join("\n");
}

export function parseBenchArgs(args: readonly string[], suites: readonly string[]): BenchArgs {
  if (args.some((a) => a === "--help" || a === "-h")) return { kind: "help", usage: benchUsage(suites) };
  const flags = args.filter((a) => a.startsWith("-"));
  const unknownFlag = flags.find((f) => f !== "--quick");
  if (unknownFlag !== undefined) return { kind: "error", message: `unknown option "${unknownFlag}": expected --quick or --help\n${benchUsage(suites)}` };
  const names = args.filter((a) => !a.startsWith("-"));
  const unknownSuite = names.find((n) => !suites.includes(n));
  if (unknownSuite !== undefined) return { kind: "error", message: `unknown suite "${unknownSuite}": expected one of ${suites.join(", ")}` };
  return { kind: "run", quick: flags.includes("--quick"), suites: names.length > 0 ? names : suites };
}
