/**
 * Browse: the data sets and models on chain — name, prices, parameter set and weights (from the manifest bound to
 * the ModelNFT, checked in the worker), program hash, parents, and whether the page's account holds a licence.
 */
import { type AssetRow, assetName, catalogue } from "../catalogue.js";
import type { AppContext } from "../context.js";
import { eai, h, short } from "../ui.js";
import { run } from "../worker-client.js";

function licenceCell(a: AssetRow, me: string): string {
  if (a.owner.toLowerCase() === me.toLowerCase()) return "owner";
  return a.licensed ? "licensed" : "none";
}

export async function renderBrowse(root: HTMLElement, ctx: AppContext): Promise<void> {
  const client = await ctx.client();
  const { data, models } = await catalogue(client);
  const me = ctx.account();
  root.append(
    h(
      "section",
      { id: "datasets" },
      h("h2", {}, `Data sets (${data.length})`),
      h(
        "table",
        {},
        h("tr", {}, ...["#", "name", "access price", "per use", "content hash", "CID", "owner", "your licence"].map((t) => h("th", {}, t))),
        ...data.map((d) =>
          h("tr", { "data-asset": `data-${d.id}` }, h("td", {}, String(d.id)), h("td", {}, assetName(d.uri)), h("td", {}, eai(d.accessPrice)), h("td", {}, eai(d.perUseFee)), h("td", { class: "mono" }, short(d.contentHash)), h("td", { class: "mono" }, short(d.cid)), h("td", { class: "mono" }, short(d.owner, 6)), h("td", {}, licenceCell(d, me))),
        ),
      ),
    ),
  );
  const paramCells = new Map<bigint, HTMLTableCellElement>();
  root.append(
    h(
      "section",
      { id: "models" },
      h("h2", {}, `Models (${models.length})`),
      h(
        "table",
        {},
        h("tr", {}, ...["#", "name", "access price", "per use", "parameter set · weights", "program hash", "parents", "owner", "your licence"].map((t) => h("th", {}, t))),
        ...models.map((m) => {
          const cell = h("td", { "data-params": String(m.id) }, "…");
          paramCells.set(m.id, cell);
          return h(
            "tr",
            { "data-asset": `model-${m.id}` },
            h("td", {}, String(m.id)),
            h("td", {}, assetName(m.uri)),
            h("td", {}, eai(m.accessPrice)),
            h("td", {}, eai(m.perUseFee)),
            cell,
            h("td", { class: "mono" }, short(m.programHash ?? "")),
            h("td", {}, (m.parents ?? []).map((p) => `data #${p}`).join(", ") || "—"),
            h("td", { class: "mono" }, short(m.owner, 6)),
            h("td", {}, licenceCell(m, me)),
          );
        }),
      ),
    ),
  );
  // each model's manifest, checked against its NFT in the worker; a broken one is named in its row
  await Promise.all(
    models.map(async (m) => {
      const cell = paramCells.get(m.id)!;
      try {
        const info = await run("modelInfo", { endpoints: ctx.endpoints, modelId: String(m.id) });
        cell.textContent = `${info.params} · ${info.weights}${info.classes ? ` · ${info.classes.length} classes` : ""}`;
      } catch (e) {
        cell.textContent = `manifest not usable: ${(e as Error).message}`;
      }
    }),
  );
}
