/**
 * Provider / engineer (thesis §3.1–3.2): publish a data set (sealed with AES-256-GCM in the worker, stored by CID,
 * minted as a DataNFT; the data key is handed to the provider as a file), buy access to a data set or a model,
 * publish a model from a model file (compiled, committed and stored in the worker; private weights sealed to the
 * node; minted as a ModelNFT with its parent data sets), and set an owned asset's prices.
 */
import { AssetKind } from "../../../src/market/client.js";
import { PRESETS } from "../../../src/lwe/presets.js";
import { type AssetRow, assetName, catalogue } from "../catalogue.js";
import type { AppContext } from "../context.js";
import { act, download, eai, h, parseEai, say, short } from "../ui.js";
import { run } from "../worker-client.js";

/** Largest data set file the page seals (bytes): the store's blobs are chunked, but the page holds the file in memory. */
const MAX_DATASET_BYTES = 64 << 20;
const MAX_MODEL_FILE_BYTES = 1 << 20;
/** A URI path segment: letters, digits, dot, dash, underscore. */
const NAME = /^[A-Za-z0-9._-]{1,64}$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw new RangeError(`name "${name}": use 1–64 letters, digits, ".", "-" or "_"`);
  return name;
}

function fileOf(input: HTMLInputElement, what: string, max: number): File {
  const f = input.files?.[0];
  if (!f) throw new Error(`choose ${what} first`);
  if (f.size > max) throw new RangeError(`${what} has ${f.size} bytes, over the page's cap of ${max}`);
  return f;
}

export async function renderProvider(root: HTMLElement, ctx: AppContext): Promise<void> {
  const client = await ctx.client();
  const me = ctx.account();
  const { data, models } = await catalogue(client);
  const owned = [...data, ...models].filter((a) => a.owner.toLowerCase() === me.toLowerCase());
  const licensedData = data.filter((d) => d.licensed || d.owner.toLowerCase() === me.toLowerCase());

  // --- publish a data set ----------------------------------------------------------------------------------
  const dataFile = h("input", { type: "file", id: "dataset-file" });
  const dataName = h("input", { type: "text", id: "dataset-name", value: "my-data" });
  const dataPrice = h("input", { type: "text", id: "dataset-price", value: "100" });
  const dataFee = h("input", { type: "text", id: "dataset-fee", value: "0" });
  const dataButton = h("button", { id: "dataset-publish" }, "Seal, store and publish");
  dataButton.addEventListener("click", () =>
    void act(dataButton, "publish the data set", async () => {
      const name = checkName(dataName.value.trim());
      const accessPrice = parseEai(dataPrice.value, "access price");
      const perUseFee = parseEai(dataFee.value, "per-use fee");
      const file = fileOf(dataFile, "a data set file", MAX_DATASET_BYTES);
      say("sealing the data set in this browser and storing it …");
      const sealed = await run("sealDataset", { endpoints: ctx.endpoints, bytes: new Uint8Array(await file.arrayBuffer()) });
      // the key is the provider's: saved before anything goes on chain, so a failed mint loses nothing
      download(`encryptai-data-key-${name}.hex`, sealed.key, "text/plain");
      say("publishing (commit, then reveal) — confirm in your wallet …");
      const id = await (await ctx.client()).publishDataset({ uri: `encryptai://datasets/${name}`, cid: sealed.sealedCid, contentHash: sealed.contentHash, accessPrice, perUseFee });
      say(`data set #${id} published (${short(sealed.sealedCid)}); its data key was saved as a file: keep it to release to buyers`);
      await rerender();
    }),
  );

  // --- buy access ----------------------------------------------------------------------------------------------
  const buyable = [...data, ...models].filter((a) => !a.licensed && a.owner.toLowerCase() !== me.toLowerCase());
  const buySelect = h("select", { id: "buy-asset" }, ...buyable.map((a) => h("option", { value: `${a.kind}-${a.id}` }, `${a.kind} #${a.id} ${assetName(a.uri)} — ${eai(a.accessPrice)}`)));
  const buyMax = h("input", { type: "text", id: "buy-max", value: buyable[0] ? String(Number(buyable[0].accessPrice / 10n ** 18n)) : "0" });
  const buyButton = h("button", { id: "buy-access", disabled: buyable.length === 0 }, "Buy access");
  buyButton.addEventListener("click", () =>
    void act(buyButton, "buy access", async () => {
      const a = buyable.find((x) => `${x.kind}-${x.id}` === buySelect.value);
      if (!a) throw new Error("choose an asset");
      const max = parseEai(buyMax.value, "maximum price");
      await (await ctx.client()).buyAccess(a.kind === "data" ? AssetKind.Data : AssetKind.Model, a.id, max);
      say(`licence to ${a.kind} #${a.id} bought for ${eai(a.accessPrice)}`);
      await rerender();
    }),
  );

  // --- publish a model -----------------------------------------------------------------------------------------
  const modelFile = h("input", { type: "file", id: "model-file", accept: ".json,application/json" });
  const modelName = h("input", { type: "text", id: "model-name", value: "my-model" });
  const modelParams = h("select", { id: "model-params" }, ...Object.keys(PRESETS).map((id) => h("option", { value: id, ...(id === ctx.config.defaultParams ? { selected: true } : {}) }, id)));
  const modelWeights = h("select", { id: "model-weights" }, h("option", { value: "private" }, "private (sealed to the node)"), h("option", { value: "public" }, "public"));
  const modelCard = h("input", { type: "checkbox", id: "model-card" });
  const modelParents = h("select", { id: "model-parents", multiple: true, size: Math.max(2, Math.min(5, licensedData.length)) }, ...licensedData.map((d) => h("option", { value: String(d.id) }, `data #${d.id} ${assetName(d.uri)}`)));
  const modelPrice = h("input", { type: "text", id: "model-price", value: "50" });
  const modelFee = h("input", { type: "text", id: "model-fee", value: "10" });
  const modelButton = h("button", { id: "model-publish" }, "Compile, commit and publish");
  modelButton.addEventListener("click", () =>
    void act(modelButton, "publish the model", async () => {
      const name = checkName(modelName.value.trim());
      const accessPrice = parseEai(modelPrice.value, "access price");
      const perUseFee = parseEai(modelFee.value, "per-use fee");
      const weights = modelWeights.value as "public" | "private";
      if (modelCard.checked && weights === "private") throw new RangeError("a card publishes the float model: choose public weights, or no card");
      const text = await fileOf(modelFile, "a model file", MAX_MODEL_FILE_BYTES).text();
      const parents = [...modelParents.selectedOptions].map((o) => BigInt(o.value));
      say("compiling and committing the model in this browser …");
      const prepared = await run("prepareModel", { endpoints: ctx.endpoints, modelFile: text, paramsId: modelParams.value, weights, nodes: ctx.config.nodes.map((n) => ({ ...n })), card: modelCard.checked });
      const base = `encryptai://models/${name}`;
      const uri = prepared.cardCid ? `${base}?card=${encodeURIComponent(prepared.cardCid)}` : base;
      say("publishing (commit, then reveal) — confirm in your wallet …");
      const id = await (await ctx.client()).publishModel({ uri, cid: prepared.manifestCid, contentHash: prepared.contentHash, programHash: prepared.programHash, parents, accessPrice, perUseFee });
      say(`model #${id} published: ${prepared.features.length} features → ${prepared.target}, program hash ${short(prepared.programHash)}`);
      await rerender();
    }),
  );

  // --- set prices ----------------------------------------------------------------------------------------------
  const priceSelect = h("select", { id: "pricing-asset" }, ...owned.map((a: AssetRow) => h("option", { value: `${a.kind}-${a.id}` }, `${a.kind} #${a.id} ${assetName(a.uri)} — ${eai(a.accessPrice)} / ${eai(a.perUseFee)}`)));
  const newPrice = h("input", { type: "text", id: "pricing-price", value: "" , placeholder: "access price" });
  const newFee = h("input", { type: "text", id: "pricing-fee", value: "", placeholder: "per use" });
  const priceButton = h("button", { id: "pricing-set", disabled: owned.length === 0 }, "Set prices");
  priceButton.addEventListener("click", () =>
    void act(priceButton, "set prices", async () => {
      const a = owned.find((x) => `${x.kind}-${x.id}` === priceSelect.value);
      if (!a) throw new Error("choose an asset you own");
      const price = parseEai(newPrice.value, "access price");
      const fee = parseEai(newFee.value, "per-use fee");
      await (await ctx.client()).setPricing(a.kind === "data" ? AssetKind.Data : AssetKind.Model, a.id, price, fee);
      say(`${a.kind} #${a.id}: access ${eai(price)}, per use ${eai(fee)}`);
      await rerender();
    }),
  );

  const balance = await client.balance();
  root.append(
    h("div", { class: "muted", id: "balance" }, `account ${me} · ${eai(balance)}`),
    h("section", {}, h("h2", {}, "Publish a data set"), h("div", { class: "row" }, h("label", {}, "file", dataFile), h("label", {}, "name", dataName), h("label", {}, "access price (EAI)", dataPrice), h("label", {}, "per use (EAI)", dataFee), dataButton)),
    h("section", {}, h("h2", {}, "Buy access"), buyable.length ? h("div", { class: "row" }, h("label", {}, "asset", buySelect), h("label", {}, "pay at most (EAI)", buyMax), buyButton) : h("div", { class: "muted" }, "nothing left to buy: you hold or own every asset")),
    h(
      "section",
      {},
      h("h2", {}, "Publish a model (from a model file: `encryptai train … --out model.json`)"),
      h(
        "div",
        { class: "row" },
        h("label", {}, "model file", modelFile),
        h("label", {}, "name", modelName),
        h("label", {}, "parameter set", modelParams),
        h("label", {}, "weights", modelWeights),
        h("label", {}, "publish the model file as its card", modelCard),
        h("label", {}, "parents (data sets you hold)", modelParents),
        h("label", {}, "access price (EAI)", modelPrice),
        h("label", {}, "per use (EAI)", modelFee),
        modelButton,
      ),
    ),
    h("section", {}, h("h2", {}, "Set prices"), owned.length ? h("div", { class: "row" }, h("label", {}, "asset you own", priceSelect), h("label", {}, "access price (EAI)", newPrice), h("label", {}, "per use (EAI)", newFee), priceButton) : h("div", { class: "muted" }, "you own no asset yet")),
  );

  /** Shows the screen again with the chain's new state (the messages stay). */
  async function rerender(): Promise<void> {
    const fresh = h("div", { "data-screen-root": "provider" });
    root.replaceWith(fresh);
    await renderProvider(fresh, ctx);
  }
}
