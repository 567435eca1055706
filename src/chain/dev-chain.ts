/**
 * The development chain's public facts (Hardhat's and anvil's): its chain id, its mnemonic and the private keys
 * derived from it. They are public knowledge, so `connect` (src/market) and `connectRpcChain` refuse them on any
 * other chain. Chain is the lower layer: src/market imports these, src/chain never imports src/market (issue 12,
 * item 4).
 */
import { HDNodeWallet, Mnemonic } from "ethers";

/** Chain id of Hardhat's and anvil's dev chains. */
export const DEV_CHAIN_ID = 31337;

/** The standard dev mnemonic of Hardhat and anvil: its keys are public knowledge. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

let devKeys: string[] | undefined;
/** Private keys of the dev mnemonic's first 20 accounts (m/44'/60'/0'/0/i), derived once. */
export function wellKnownDevKeys(): readonly string[] {
  if (!devKeys) {
    const root = HDNodeWallet.fromSeed(Mnemonic.fromPhrase(DEV_MNEMONIC).computeSeed());
    devKeys = Array.from({ length: 20 }, (_, i) => root.derivePath(`m/44'/60'/0'/0/${i}`).privateKey.toLowerCase());
  }
  return devKeys;
}
