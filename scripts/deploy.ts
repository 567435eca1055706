/**
 * Deploys the whole contract set to any EVM chain by RPC URL:
 *   ENCRYPTAI_KEY=0x… npx tsx scripts/deploy.ts --rpc https://sepolia.example/… --key ENCRYPTAI_KEY [--chain-id 11155111]
 * Same as `encryptai deploy` (checks: endpoint reachable, chain id, key set and valid, no well-known dev key off
 * dev chains, gas balance — all before any transaction), writes deployments/<chainId>.json.
 */
process.argv.splice(2, 0, "deploy");
await import("../src/cli/main.js");
