/**
 * User: a private prediction, with the secret key never leaving the browser (thesis §3.3, done where the user is).
 * Pick a model; generate or unlock an LWE key (key-vault.ts); fill a row (a form from the manifest's features and
 * its quantisers' ranges); encrypt and store it and request a STARK job; watch the job's events; verify the proof
 * in the worker against the statement built from the chain; decrypt; show the prediction in the target's units
 * beside the float model's (from the model's checked card).
 */
import { assetName, catalogue } from "../catalogue.js";
import type { AppContext } from "../context.js";
import { type KeyFiles, type Vault, VaultError, forgetVault, open, parseVault, seal, storeVault, storedVault } from "../key-vault.js";
import type { ModelInfo } from "../protocol.js";
import { act, describeFailure, download, eai, errorText, h, parseEai, say, short } from "../ui.js";
import { run } from "../worker-client.js";
import { predictFloat } from "../../../src/regression/train.js";

const NODE_FEE_DEFAULT = "20";

interface UserState {
  modelId?: string | undefined;
  info?: ModelInfo | undefined;
  keys?: (KeyFiles & { params: string; keyId: string }) | undefined;
}

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(2));

export async function renderUser(root: HTMLElement, ctx: AppContext): Promise<void> {
  const state: UserState = {};
  const client = await ctx.client();
  const { models } = await catalogue(client);
  if (models.length === 0) {
    root.append(h("section", {}, h("h2", {}, "No model yet"), "Publish one on the Provider / engineer screen."));
    return;
  }

  const modelSelect = h("select", { id: "model-select" }, ...models.map((m) => h("option", { value: String(m.id) }, `#${m.id} ${assetName(m.uri)} — ${eai(m.perUseFee)} per use`)));
  const modelBox = h("div", { id: "model-info", class: "muted" });
  const keyBox = h("div", { id: "key-status" });
  const passphrase = h("input", { type: "password", id: "passphrase", autocomplete: "new-password", placeholder: "at least 8 characters" });
  const formBox = h("div", { id: "row-form", class: "row" });
  const nodeFee = h("input", { type: "text", id: "node-fee", value: NODE_FEE_DEFAULT });
  const requestButton = h("button", { id: "request-job" }, "Encrypt and request a proved job");
  const jobBox = h("div", { id: "job" });
  const myJobs = h("div", { id: "my-jobs" });

  root.append(
    h("section", {}, h("h2", {}, "1 · Model"), modelSelect, modelBox),
    h(
      "section",
      {},
      h("h2", {}, "2 · Your LWE key (generated here, kept in this browser, sealed with your passphrase)"),
      keyBox,
      h("div", { class: "row" }, h("label", {}, "passphrase", passphrase)),
      h(
        "div",
        {},
        h("button", { id: "key-generate", onclick: (e: Event) => void act(e.target as HTMLButtonElement, "generate a key", generateKey) }, "Generate a new key"),
        " ",
        h("button", { id: "key-unlock", onclick: (e: Event) => void act(e.target as HTMLButtonElement, "unlock the key", unlockKey) }, "Unlock"),
        " ",
        h("button", { id: "key-export", onclick: (e: Event) => void act(e.target as HTMLButtonElement, "export the key", exportKey) }, "Export"),
        " ",
        h("label", { class: "inline" }, "import a key vault", h("input", { type: "file", id: "key-import", accept: ".json,application/json", onchange: (e: Event) => void act(null, "import the key", () => importKey(e.target as HTMLInputElement)) })),
        " ",
        h("button", { id: "key-forget", onclick: () => void act(null, "forget the key", forgetKey) }, "Forget"),
      ),
    ),
    h("section", {}, h("h2", {}, "3 · Your row (quantised and encrypted in this browser)"), formBox),
    h("section", {}, h("h2", {}, "4 · Request"), h("div", { class: "row" }, h("label", {}, "node fee (EAI)", nodeFee), requestButton), h("div", { class: "muted" }, "Tier: STARK (the node proves; two watchers attest; you verify the proof yourself below).")),
    jobBox,
    h("section", {}, h("h2", {}, "Your jobs"), h("button", { id: "my-jobs-refresh", onclick: () => void act(null, "list your jobs", listJobs) }, "Refresh"), myJobs),
  );

  const params = (): string => state.info?.params ?? ctx.config.defaultParams;

  function showKeyStatus(): void {
    const p = params();
    let stored: Vault | undefined;
    try {
      stored = storedVault(p);
    } catch (e) {
      keyBox.replaceChildren(`a stored key for ${p} is unreadable: ${(e as Error).message}`);
      return;
    }
    if (state.keys && state.keys.params === p) keyBox.replaceChildren(h("span", { "data-key": "unlocked" }, `key ${short(state.keys.keyId, 8)} for ${p}: unlocked`));
    else if (stored) keyBox.replaceChildren(h("span", { "data-key": "locked" }, `key ${short(stored.keyId, 8)} for ${p}: stored, locked — enter the passphrase and unlock`));
    else keyBox.replaceChildren(h("span", { "data-key": "none" }, `no key for ${p} in this browser: generate one (or import a vault)`));
  }

  /** A stored key is never replaced silently: the user exports and forgets it first. */
  function refuseToReplace(p: string, keyId?: string): void {
    const stored = storedVault(p);
    if (stored && stored.keyId !== keyId)
      throw new VaultError(`a key for ${p} is already stored (${short(stored.keyId, 8)}): export it, then forget it, before replacing it — its jobs can only be decrypted with it`);
  }

  async function generateKey(): Promise<void> {
    const p = params();
    if (passphrase.value.length < 8) throw new VaultError("choose a passphrase of at least 8 characters first");
    refuseToReplace(p);
    say(`generating an LWE key for ${p} …`);
    const k = await run("keygen", { paramsId: p });
    storeVault(await seal(k, { params: p, keyId: k.keyId }, passphrase.value));
    state.keys = { secretKey: k.secretKey, publicKey: k.publicKey, params: p, keyId: k.keyId };
    showKeyStatus();
    say(`key ${short(k.keyId, 8)} generated in ${k.ms.toFixed(0)} ms and stored sealed with your passphrase`);
  }

  async function unlockKey(): Promise<void> {
    const p = params();
    const v = storedVault(p);
    if (!v) throw new VaultError(`there is no stored key for ${p}: generate or import one`);
    const files = await open(v, passphrase.value);
    const checked = await run("checkKey", files);
    if (checked.paramsId !== p) throw new VaultError(`the stored key is for parameter set ${checked.paramsId}, the model runs on ${p}`);
    state.keys = { ...files, params: p, keyId: checked.keyId };
    showKeyStatus();
    say(`key unlocked (its public matrix expanded in ${checked.expandMs.toFixed(0)} ms, once per key)`);
  }

  async function exportKey(): Promise<void> {
    const v = storedVault(params());
    if (!v) throw new VaultError(`there is no stored key for ${params()} to export`);
    download(`encryptai-lwe-key-${v.params}-${v.keyId.slice(0, 8)}.json`, JSON.stringify(v, null, 1), "application/json");
    say("the sealed key was saved as a file (it opens only with your passphrase)");
  }

  async function importKey(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    const v = parseVault(await file.text());
    if (v.params !== params()) throw new VaultError(`the imported key is for parameter set ${v.params}; model #${state.modelId} runs on ${params()}: import a key for ${params()}`);
    refuseToReplace(v.params, v.keyId);
    const files = await open(v, passphrase.value);
    const checked = await run("checkKey", files);
    if (checked.keyId !== v.keyId) throw new VaultError("the vault's label does not match the key inside it");
    storeVault(v);
    state.keys = { ...files, params: v.params, keyId: checked.keyId };
    showKeyStatus();
    say(`key ${short(checked.keyId, 8)} imported`);
  }

  let forgetArmed = 0;
  async function forgetKey(): Promise<void> {
    const stored = storedVault(params());
    if (!stored) throw new VaultError(`there is no stored key for ${params()}`);
    // two clicks within 5 s: a stray click (or a framing page) does not destroy the key
    if (Date.now() - forgetArmed > 5000) {
      forgetArmed = Date.now();
      say(`click Forget again within 5 s to remove key ${short(stored.keyId, 8)} from this browser (export it first: without it, its jobs cannot be decrypted)`);
      return;
    }
    forgetArmed = 0;
    forgetVault(params());
    state.keys = undefined;
    showKeyStatus();
    say(`the key for ${params()} was removed from this browser`);
  }

  async function selectModel(): Promise<void> {
    state.modelId = modelSelect.value;
    state.info = undefined;
    modelBox.replaceChildren("reading the model's manifest …");
    formBox.replaceChildren();
    const info = await run("modelInfo", { endpoints: ctx.endpoints, modelId: state.modelId });
    state.info = info;
    if (state.keys && state.keys.params !== info.params) state.keys = undefined;
    modelBox.replaceChildren(
      `parameter set ${info.params} · weights ${info.weights} · ${info.features.length} features · `,
      "card" in info.card && "missing" in info.card ? `no float reference (${info.card.missing})` : `target "${(info.card as { target: string }).target}", float model from the checked card`,
    );
    formBox.replaceChildren(
      ...info.features.map((f, j) => {
        const r = info.ranges[j]!;
        const hint = "target" in info.card ? [info.card.inputMin[j]!, info.card.inputMax[j]!] : [r.min, r.max];
        const mid = (hint[0]! + hint[1]!) / 2;
        return h("label", {}, `${f} (${+r.min.toPrecision(4)} … ${+r.max.toPrecision(4)})`, h("input", { type: "number", step: "any", name: f, "data-feature": String(j), value: String(+mid.toPrecision(4)) }));
      }),
    );
    showKeyStatus();
  }

  function readRow(info: ModelInfo): number[] {
    return info.features.map((f, j) => {
      const input = formBox.querySelector<HTMLInputElement>(`input[data-feature="${j}"]`)!;
      const x = input.value.trim() === "" ? NaN : Number(input.value);
      const r = info.ranges[j]!;
      if (!Number.isFinite(x)) throw new RangeError(`${f}: "${input.value}" is not a number`);
      if (x < r.min || x > r.max) throw new RangeError(`${f}: ${x} is outside the quantiser's range [${+r.min.toPrecision(6)}, ${+r.max.toPrecision(6)}] (the model was not trained for it)`);
      return x;
    });
  }

  async function requestJob(): Promise<void> {
    const info = state.info;
    if (!info || state.modelId === undefined) throw new Error("choose a model first");
    // a classifier leaves one score per class, each with its own scale: the page reads regressions only
    if (info.classes) throw new RangeError(`model #${state.modelId} is a classifier (${info.classes.length} classes): the page requests regressions only; use the command line (\`encryptai market request-job\`, then \`encryptai verify --job … --decrypt\`)`);
    const row = readRow(info);
    const fee = parseEai(nodeFee.value, "node fee");
    const keys = state.keys;
    if (!keys) throw new VaultError(`unlock or generate your key for ${info.params} first`);
    if (keys.params !== info.params) throw new VaultError(`your key is for parameter set ${keys.params}; model #${state.modelId} runs on ${info.params}`);
    const modelId = BigInt(state.modelId);
    const model = models.find((m) => m.id === modelId)!;
    say("encrypting your row in this browser …");
    const prepared = await run("prepareInput", { endpoints: ctx.endpoints, modelId: state.modelId, row, publicKey: keys.publicKey });
    say(`encrypted in ${prepared.encryptMs.toFixed(0)} ms (${prepared.bytes} bytes, stored as ${short(prepared.inputCid)}); requesting the job — confirm in your wallet …`);
    const me = await ctx.client();
    // nothing is approved for a job the account cannot pay for
    const balance = await me.balance();
    if (balance < fee + model.perUseFee) throw new RangeError(`insufficient balance: the job escrows ${eai(fee + model.perUseFee)} (node fee and use fee); this account holds ${eai(balance)}`);
    const now = BigInt((await ctx.provider.getBlock("latest"))!.timestamp);
    const jobId = await me.requestJob({ modelId, inputCommitment: prepared.commitment, inputCid: prepared.inputCid, nodeFee: fee, maxUseFee: model.perUseFee, deadline: now + 3600n, verifier: "stark" });
    say(`job #${jobId} requested: ${eai(fee)} node fee and ${eai(model.perUseFee)} use fee in escrow`);
    rowsOfJobs.set(jobId, row);
    startWatching(jobId, keys, prepared.encryptMs);
    // the job list is a convenience: an outage now is the watch's to report, not a failure of the request
    void listJobs().catch(() => undefined);
  }

  /** This session's rows by job (the float model's prediction needs the row; a resumed job shows without it). */
  const rowsOfJobs = new Map<bigint, number[]>();
  /** How long a job may wait for a node before the page says so and offers to cancel it (s). */
  const NO_NODE_AFTER_S = 60;

  /** Watches a job in the background; even its set-up failing is a message on the page. */
  function startWatching(jobId: bigint, keys: KeyFiles, encryptMs?: number): void {
    watchJob(jobId, keys, encryptMs).catch((e: unknown) => say(`job #${jobId}: ${errorText(e)}`, "error"));
  }

  async function watchJob(jobId: bigint, keys: KeyFiles, encryptMs?: number): Promise<void> {
    const status = h("span", { id: "job-status", "data-status": "…" }, "…");
    const events = h("ol", { id: "job-events", class: "steps" });
    const progress = h("progress", { id: "verify-progress", max: 1, value: 0 });
    const progressText = h("div", { id: "verify-step", class: "muted" });
    const result = h("div", { id: "result", class: "result" });
    const finaliseButton = h("button", { id: "finalise", disabled: true }, "Finalise (after the challenge window)");
    const cancelButton = h("button", { id: "cancel-job", disabled: true }, "Cancel (refund the escrow)");
    const health = h("div", { id: "job-health", class: "muted" });
    jobBox.replaceChildren(
      h("section", { "data-job": String(jobId) }, h("h2", {}, `5 · Job #${jobId}: `, status), health, events, cancelButton, h("h2", {}, "6 · Verify in this browser, then decrypt"), progress, progressText, result, finaliseButton),
    );
    const c = await ctx.client();
    const window = (await c.jobs.getFunction("challengeWindow")()) as bigint;
    const seen = new Set<string>();
    let verified = false;
    let rejected = false;
    let outage: HTMLElement | undefined | false = false;
    const requestedAt = Date.now();
    finaliseButton.addEventListener("click", () =>
      void act(finaliseButton, `finalise job #${jobId}`, async () => {
        await (await ctx.client()).finalise(jobId);
        say(`job #${jobId} finalised: the node, the model owner and the data owner are paid`);
      }),
    );
    cancelButton.addEventListener("click", () =>
      void act(cancelButton, `cancel job #${jobId}`, async () => {
        await (await ctx.client()).cancelJob(jobId);
        say(`job #${jobId} cancelled: its escrow is refunded`);
      }),
    );
    for (let polls = 0; polls < 3600 && jobBox.isConnected; polls++) {
      try {
        const view = await c.job(jobId);
        if (outage !== false) {
          // the outage is over: its error is withdrawn, and the page says so
          outage?.remove();
          outage = false;
          health.textContent = "";
          say(`job #${jobId}: the chain answers again`);
        }
        status.textContent = view.status;
        status.setAttribute("data-status", view.status);
        for (const e of (await c.jobEvents()).filter((x) => x.jobId === jobId)) {
          const key = `${e.name}@${e.block}`;
          if (seen.has(key)) continue;
          seen.add(key);
          events.append(h("li", { class: "done", "data-event": e.name }, `${e.name} (block ${e.block})`));
        }
        cancelButton.disabled = view.status !== "Requested";
        if (view.status === "Requested" && Date.now() - requestedAt > NO_NODE_AFTER_S * 1000)
          health.textContent = `no node has accepted job #${jobId} after ${Math.round((Date.now() - requestedAt) / 1000)} s: the nodes may be offline. You can cancel it (the escrow is refunded), or wait.`;
        else if (view.status !== "Requested") health.textContent = "";
        if ((view.status === "Submitted" || view.status === "Finalised") && !verified) {
          verified = true;
          const r = await act(null, `verify job #${jobId}`, () =>
            run("verifyAndDecrypt", { endpoints: ctx.endpoints, jobId: String(jobId), secretKey: keys.secretKey, policy: "default" }, (step, fraction) => {
              progress.value = fraction;
              progressText.textContent = step;
            }),
          );
          progress.value = 1;
          if (r === undefined) verified = false; // the check could not run (an outage): try again on the next poll
          else if (r.valid) await showResult(jobId, view.modelId, r, result, progressText, encryptMs);
          else {
            rejected = true;
            progressText.textContent = "the proof is rejected";
            result.replaceChildren(h("div", { "data-rejected": r.check }, `the proof is REJECTED (${r.check}): ${r.reason} — the result is not decrypted; the watchers challenge such a result within the window`));
            say(`job #${jobId}: the proof is rejected (${r.check}): ${r.reason}`, "error");
          }
        }
        if (view.status === "Submitted" && !rejected) {
          // anvil's clock moves only when a block is mined: the window is counted on the later of its clock and ours
          const now = BigInt(Math.max((await ctx.provider.getBlock("latest"))!.timestamp, Math.floor(Date.now() / 1000)));
          const left = view.submittedAt + window - now;
          finaliseButton.disabled = left > 0n;
          finaliseButton.textContent = left > 0n ? `Finalise (challenge window: ${left} s left)` : "Finalise";
        } else {
          finaliseButton.disabled = true;
          if (rejected) finaliseButton.textContent = "Finalise (refused: your check rejected the proof)";
        }
        if (["Finalised", "Slashed", "Cancelled", "Refunded"].includes(view.status) && (verified || view.status === "Cancelled")) return;
      } catch (e) {
        const why = await describeFailure(e);
        if (outage === false) outage = say(`job #${jobId}: ${why} — still watching, retrying every few seconds`, "error");
        health.textContent = `lost contact: ${why}; retrying`;
      }
      await new Promise((res) => setTimeout(res, outage === false ? 700 : 2000));
    }
  }

  async function showResult(
    jobId: bigint,
    modelId: bigint,
    r: { reason: string; securityBits: number; provenBits: number; verifyMs: number; rows: { accumulator: string; prediction: number }[] },
    result: HTMLElement,
    progressText: HTMLElement,
    encryptMs?: number,
  ): Promise<void> {
    const info = String(modelId) === state.modelId && state.info ? state.info : await run("modelInfo", { endpoints: ctx.endpoints, modelId: String(modelId) });
    const row = rowsOfJobs.get(jobId);
    const pred = r.rows[0]!.prediction;
    const card = "target" in info.card ? info.card : undefined;
    const float = card && row ? predictFloat(card, row) : undefined;
    const unit = card ? card.target : "(in the target's units)";
    progressText.textContent = `verified in ${r.verifyMs.toFixed(0)} ms — ${r.reason}`;
    result.replaceChildren(
      h("div", { "data-prediction": String(pred) }, "prediction on your encrypted row: ", h("strong", {}, `${fmt(pred)} ${unit}`)),
      float !== undefined
        ? h("div", { "data-float": String(float) }, `the float model says ${fmt(float)} ${unit} (from the model's card, checked against its commitment; the target's name is the publisher's)`)
        : h("div", { class: "muted" }, card ? "the row of a resumed job is not kept: no float reference" : "no float reference for this model"),
      h("div", { class: "muted" }, `decrypted accumulator ${r.rows[0]!.accumulator}; STARK ${r.securityBits} bits conjectured, ${r.provenBits} proven; ${encryptMs !== undefined ? `encryption took ${encryptMs.toFixed(0)} ms, ` : ""}verification ${r.verifyMs.toFixed(0)} ms`),
    );
    result.setAttribute("data-verify-ms", String(r.verifyMs));
    if (encryptMs !== undefined) result.setAttribute("data-encrypt-ms", String(encryptMs));
  }

  /** The account's jobs, each resumable: watched, verified and decrypted again with the unlocked key. */
  async function listJobs(): Promise<void> {
    const c = await ctx.client();
    const me = ctx.account().toLowerCase();
    const ids = [...new Set((await c.jobEvents()).filter((e) => e.name === "JobRequested").map((e) => e.jobId))];
    const mine = (await Promise.all(ids.map(async (id) => ({ id, view: await c.job(id) })))).filter((j) => j.view.user.toLowerCase() === me);
    myJobs.replaceChildren(
      mine.length === 0
        ? h("div", { class: "muted" }, "no job requested from this account yet")
        : h(
            "table",
            {},
            h("tr", {}, h("th", {}, "job"), h("th", {}, "model"), h("th", {}, "status"), h("th", {}, "")),
            ...mine.map((j) =>
              h(
                "tr",
                { "data-my-job": String(j.id) },
                h("td", {}, `#${j.id}`),
                h("td", {}, `#${j.view.modelId}`),
                h("td", {}, j.view.status),
                h("td", {}, h("button", { onclick: () => void act(null, `watch job #${j.id}`, async () => {
                  if (!state.keys) throw new VaultError("unlock the key the job's input was encrypted with first");
                  startWatching(j.id, state.keys);
                }) }, "watch, verify, decrypt")),
              ),
            ),
          ),
    );
  }

  modelSelect.addEventListener("change", () => void act(null, "read the model", selectModel));
  requestButton.addEventListener("click", () => void act(requestButton, "request a job", requestJob));
  await selectModel();
  await listJobs();
}
