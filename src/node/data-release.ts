/**
 * Releasing a data set's key to a buyer (thesis §3 step 2; issue 12, item 4): the provider encrypts the data key to
 * the buyer's Ethereum public key (ECIES, formats.ts `releaseKey`) — only after checking ON CHAIN that the address
 * of that very public key holds a licence to the data set (Marketplace.hasLicence: a buyer or the owner). So a key
 * is never released to someone without a licence, nor to a public key that is not the licensed buyer's.
 */
import { computeAddress } from "ethers";
import { AssetKind, type MarketClient } from "../market/client.js";
import { NodeError } from "./errors.js";
import { releaseKey } from "./formats.js";

/** The Ethereum address of a secp256k1 public key (0x04… uncompressed or 0x02/0x03… compressed). */
export function addressOfPublicKey(publicKey: string): string {
  try {
    return computeAddress(publicKey);
  } catch {
    const shown = publicKey.length > 20 ? `${publicKey.slice(0, 20)}…` : publicKey;
    throw new NodeError(`"${shown}" is not a secp256k1 public key (expected 0x04 and 128 hex digits, or a compressed 0x02/0x03 key)`);
  }
}

/**
 * The data key of data set `dataId`, encrypted to `buyerPublicKey` — after `client` (any account: the check is a
 * read) found on chain that the key's address holds a licence to the data set. Throws NodeError otherwise.
 */
export async function releaseDataKey(client: MarketClient, dataId: bigint, key: Uint8Array, buyerPublicKey: string): Promise<{ buyer: string; release: Uint8Array }> {
  const buyer = addressOfPublicKey(buyerPublicKey);
  if (!(await client.hasLicence(AssetKind.Data, dataId, buyer)))
    throw new NodeError(`data set #${dataId}: ${buyer} (the address of the public key to release to) holds no licence to it on chain; the data key is not released`);
  return { buyer, release: releaseKey(key, buyerPublicKey) };
}
