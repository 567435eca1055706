/**
 * Deployment files (deployments/<chainId>.json): the addresses and parameters of one deployment, written
 * atomically and validated on load.
 */
import { readFile } from "node:fs/promises";
import { isAddress } from "ethers";
import { writeFileAtomic } from "../io/atomic-write.js";
import type { Deployment } from "./contracts.js";
import { MarketError } from "./errors.js";

const ADDRESS_KEYS = ["token", "dataNft", "modelNft", "marketplace", "factory", "staking", "jobManager", "validityVerifier", "starkVerifier", "onchainVerifier"] as const;

export async function saveDeployment(path: string, d: Deployment): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(d, null, 2)}\n`);
}

export function parseDeployment(text: string, source: string): Deployment {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new MarketError(`${source} is not JSON: ${(e as Error).message}`);
  }
  if (!Number.isSafeInteger(o.chainId)) throw new MarketError(`${source}: field "chainId" must be an integer`);
  const addresses = (o.addresses ?? {}) as Record<string, unknown>;
  for (const k of ADDRESS_KEYS)
    if (typeof addresses[k] !== "string" || !isAddress(addresses[k])) throw new MarketError(`${source}: field "addresses.${k}" is not an address`);
  return o as unknown as Deployment;
}

export async function loadDeployment(path: string): Promise<Deployment> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new MarketError(`cannot read deployment file ${path}: ${(e as Error).message} (deploy first: encryptai deploy)`);
  }
  return parseDeployment(text, path);
}
