/**
 * The marketplace's assets as the chain records them: every DataNFT and ModelNFT (ids 1 … totalMinted), with its
 * URI, store CID, content hash, prices, creator and owner, a model's program hash and parents, and whether the
 * page's account holds a licence. Read through the page's client; nothing here is taken from the store.
 */
import type { MarketClient } from "../../src/market/client.js";
import { AssetKind } from "../../src/market/client.js";

export interface AssetRow {
  readonly kind: "data" | "model";
  readonly id: bigint;
  readonly uri: string;
  readonly cid: string;
  readonly contentHash: string;
  readonly accessPrice: bigint;
  readonly perUseFee: bigint;
  readonly creator: string;
  readonly owner: string;
  readonly licensed: boolean;
  /** Models only. */
  readonly programHash?: string;
  readonly parents?: readonly bigint[];
}

/** A readable name from an asset URI (`encryptai://models/cars-mpg-public?card=…` → "cars-mpg-public"). */
export function assetName(uri: string): string {
  const path = uri.split("?")[0]!.replace(/\/+$/, "");
  const last = path.slice(path.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(last) || uri;
  } catch {
    // a publisher's malformed escape (e.g. "%E0%A4") is shown as written, never a screen that fails to render
    return last || uri;
  }
}

async function rows(client: MarketClient, kind: "data" | "model"): Promise<AssetRow[]> {
  const nft = kind === "data" ? client.dataNft : client.modelNft;
  const me = await client.address();
  const count = Number((await nft.getFunction("totalMinted")()) as bigint);
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const id = BigInt(i + 1);
      const a = (await nft.getFunction("asset")(id)) as { uri: string; cid: string; contentHash: string; accessPrice: bigint; perUseFee: bigint; creator: string };
      const owner = (await nft.getFunction("ownerOf")(id)) as string;
      const licensed = await client.hasLicence(kind === "data" ? AssetKind.Data : AssetKind.Model, id, me);
      const base = { kind, id, uri: a.uri, cid: a.cid, contentHash: a.contentHash, accessPrice: a.accessPrice, perUseFee: a.perUseFee, creator: a.creator, owner, licensed };
      if (kind === "data") return base;
      const programHash = (await client.modelNft.getFunction("programHash")(id)) as string;
      const parents = (await client.modelNft.getFunction("parents")(id)) as bigint[];
      return { ...base, programHash, parents: [...parents] };
    }),
  );
}

export async function catalogue(client: MarketClient): Promise<{ data: AssetRow[]; models: AssetRow[] }> {
  const [data, models] = await Promise.all([rows(client, "data"), rows(client, "model")]);
  return { data, models };
}
