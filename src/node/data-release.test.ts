// The data-key release checks the licence on chain (issue 12, item 4): the provider's release encrypts the key to a
// public key only when that key's address holds a licence to the data set; before, the key went to whatever public
// key the provider was handed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FsBlockstore } from "../storage/index.js";
import { addressOfPublicKey, releaseDataKey } from "./data-release.js";
import { NodeError } from "./errors.js";
import { openData, receiveKey } from "./formats.js";
import { type PublishedData, type World, licenceAndRelease, publishDataset, setUpWorld } from "./marketplace-flow.js";

/** Temp folders made here, removed after this file's tests (issue 18, item 5: no encryptai-* folders left behind). */
const tempFolders: string[] = [];
function tempFolder(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  tempFolders.push(d);
  return d;
}
afterAll(() => {
  for (const d of tempFolders) rmSync(d, { recursive: true, force: true });
});

let w: World;
let data: PublishedData;
beforeAll(async () => {
  w = await setUpWorld(new FsBlockstore(tempFolder("encryptai-release-")));
  data = await publishDataset(w);
}, 120_000);
afterAll(async () => w?.chain.close());

describe("releasing a data key", () => {
  it("data key released to an address without a licence: refused", async () => {
    // the user never bought access; neither did a fresh account
    for (const who of [w.wallets.user, Wallet.createRandom()]) {
      const p = releaseDataKey(w.clients.provider, data.dataId, data.key, who.signingKey.publicKey);
      await expect(p).rejects.toBeInstanceOf(NodeError);
      await expect(releaseDataKey(w.clients.provider, data.dataId, data.key, who.signingKey.publicKey)).rejects.toThrow(
        `data set #${data.dataId}: ${who.address} (the address of the public key to release to) holds no licence to it on chain; the data key is not released`,
      );
    }
  }, 60_000);
  it("data key released to the licensed buyer's address but another public key: refused", async () => {
    await licenceAndRelease(w, data); // the engineer buys access
    // the engineer is licensed; a public key handed over "for the engineer" that is not the engineer's is refused
    const other = Wallet.createRandom();
    await expect(releaseDataKey(w.clients.provider, data.dataId, data.key, other.signingKey.publicKey)).rejects.toThrow(`${other.address} (the address of the public key to release to) holds no licence`);
    // the engineer's own key: released, and it opens the data set
    const { buyer, release } = await releaseDataKey(w.clients.provider, data.dataId, data.key, w.wallets.engineer.signingKey.publicKey);
    expect(buyer).toBe(w.wallets.engineer.address);
    expect(openData(await w.store.get(data.sealedCid), receiveKey(release, w.wallets.engineer.privateKey)).length).toBeGreaterThan(0);
  }, 60_000);
  it("a public key that is not a secp256k1 key: refused, naming it", () => {
    expect(() => addressOfPublicKey("0x1234")).toThrow(NodeError);
    expect(() => addressOfPublicKey("0x1234")).toThrow('"0x1234" is not a secp256k1 public key');
    expect(addressOfPublicKey(w.wallets.engineer.signingKey.compressedPublicKey)).toBe(w.wallets.engineer.address);
  });
});
