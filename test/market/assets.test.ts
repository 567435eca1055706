// Token, DataNFT/ModelNFT and factory: every function and revert path.
import { ZeroHash, id, keccak256, toUtf8Bytes } from "ethers";
import { describe, expect, it } from "vitest";
import { AssetKind } from "../../src/market/client.js";
import { EAI, publishPair, useWorld } from "./fixture.js";

const w = useWorld();
const pub = (h: string, price = EAI(1)) => ({ uri: "ipfs://m", cid: "bafy", contentHash: id(h), accessPrice: price, perUseFee: 0n });

describe("EncryptAIToken", () => {
  it("has a cap, role-gated minting and a bounded local faucet", async () => {
    expect(await w.admin.token.getFunction("cap")()).toBe(EAI(1e9));
    await w.admin.mint(await w.user.address(), EAI(5));
    await expect(w.user.mint(await w.user.address(), EAI(5))).rejects.toThrow(/lacks the role/);
    await expect(w.user.faucet(EAI(10_001))).rejects.toThrow(/FaucetAmountTooLarge/);
    await expect(w.admin.mint(await w.user.address(), EAI(1e9))).rejects.toThrow(/ERC20ExceededCap/);
  });
  it("supports EIP-2612 permit", async () => {
    const owner = w.user.signer;
    const spender = await w.stranger.address();
    const token = w.user.token;
    const deadline = 2n ** 40n;
    const nonce = (await token.getFunction("nonces")(await owner.getAddress())) as bigint;
    const { chainId } = await w.chain.provider.getNetwork();
    const sig = await owner.signTypedData(
      { name: "EncryptAI", version: "1", chainId, verifyingContract: w.deployment.addresses.token },
      { Permit: [{ name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" }, { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" }] },
      { owner: await owner.getAddress(), spender, value: EAI(7), nonce, deadline },
    );
    const { r, s, v } = (await import("ethers")).Signature.from(sig);
    await (await w.stranger.token.getFunction("permit")(await owner.getAddress(), spender, EAI(7), deadline, v, r, s)).wait();
    expect(await token.getFunction("allowance")(await owner.getAddress(), spender)).toBe(EAI(7));
  });
});

describe("publishing (factory, DataNFT, ModelNFT)", () => {
  it("mints data sets to their publisher with URI, CID and plaintext hash", async () => {
    const t = await w.provider.publishDataset(pub("cars.csv plaintext"));
    expect(t).toBe(1n);
    const a = (await w.provider.dataNft.getFunction("asset")(t)) as unknown[];
    expect(a[0]).toBe("ipfs://m");
    expect(a[2]).toBe(id("cars.csv plaintext"));
    expect(a[5]).toBe(await w.provider.address());
    expect(await w.provider.dataNft.getFunction("tokenURI")(t)).toBe("ipfs://m");
    expect(await w.provider.dataNft.getFunction("ownerOf")(t)).toBe(await w.provider.address());
  });
  it("rejects duplicates of the same plaintext, empty hashes, and non-publishers", async () => {
    await w.provider.publishDataset(pub("same"));
    await expect(w.engineer.publishDataset(pub("same"))).rejects.toThrow(/already published as token #1/);
    await expect(w.provider.publishDataset({ ...pub("x"), contentHash: ZeroHash })).rejects.toThrow(/content hash must not be zero/);
    await expect(w.stranger.publishDataset(pub("y"))).rejects.toThrow(/lacks the role/);
  });
  it("only the factory mints NFTs directly", async () => {
    const asset = ["u", "c", id("direct"), 1n, 0n, await w.stranger.address()];
    await expect(w.stranger.dataNft.getFunction("mint")(await w.stranger.address(), asset)).rejects.toThrow();
    await expect(w.admin.modelNft.getFunction("mint")(await w.admin.address(), asset, id("p"), [])).rejects.toThrow();
  });
  it("a model needs a licence to each parent data set and a program hash", async () => {
    const d = await w.provider.publishDataset(pub("d", EAI(3)));
    const model = { ...pub("model file"), programHash: id("prog"), parents: [d] };
    await expect(w.engineer.publishModel(model)).rejects.toThrow(/needs a licence to data set #1: buy access to it first/);
    await w.engineer.buyAccess(AssetKind.Data, d, EAI(3));
    await expect(w.engineer.publishModel({ ...model, programHash: ZeroHash })).rejects.toThrow(/EmptyProgramHash/);
    const m = await w.engineer.publishModel(model);
    expect(await w.engineer.modelNft.getFunction("parents")(m)).toEqual([d]);
    expect(await w.engineer.modelNft.getFunction("programHash")(m)).toBe(id("prog"));
    await expect(w.engineer.publishModel({ ...model, contentHash: id("other"), parents: [99n] })).rejects.toThrow(/token #99 does not exist/);
  });
  it("pricing changes only by the owner; unknown tokens are named", async () => {
    const { modelId } = await publishPair(w);
    await expect(w.stranger.setPricing(AssetKind.Model, modelId, 1n, 1n)).rejects.toThrow(/only the owner of token #1/);
    await w.engineer.setPricing(AssetKind.Model, modelId, EAI(60), EAI(11));
    expect(((await w.admin.modelNft.getFunction("asset")(modelId)) as bigint[])[3]).toBe(EAI(60));
    await expect(w.admin.dataNft.getFunction("asset")(42n)).rejects.toThrow();
  });
  it("the factory admin moves only by a two-step transfer after a delay", async () => {
    const f = w.admin.factory;
    const next = await w.stranger.address();
    await (await f.getFunction("beginDefaultAdminTransfer")(next)).wait();
    await expect(w.stranger.factory.getFunction("acceptDefaultAdminTransfer")()).rejects.toThrow();
    await w.chain.increaseTime(2 * 24 * 3600 + 1);
    await (await w.stranger.factory.getFunction("acceptDefaultAdminTransfer")()).wait();
    expect(await f.getFunction("defaultAdmin")()).toBe(next);
    expect(keccak256(toUtf8Bytes("PUBLISHER_ROLE"))).toBe(await f.getFunction("PUBLISHER_ROLE")());
  });
});
