/**
 * Explore: the LWE parameter explorer. Pick a preset, move the sliders (n, m, log2 σ of the errors, log2 t) and see,
 * live, the security per attack and per BKZ cost model (the project's estimator, full attack set, the limiting attack
 * named with its model), the noise budget of linear circuits at failure 2^-40 and the sizes of a ciphertext and the
 * keys — computed in the worker (explore-model.ts), drawn with plotly, which only this screen loads.
 *
 * Slider moves are debounced; at most one request is in the worker at a time and only the latest parameters' answer
 * is shown. After each shown result the screen's root carries `data-explore-ready` = a counter, for browser tests.
 */
import { chart } from "../../../src/notebook/chart.js";
import type { Figure } from "../../../src/notebook/plotly.js";
import { type LweParams, defaultDelta, modulusOf, validateParams } from "../../../src/lwe/params.js";
import { PRESETS } from "../../../src/lwe/presets.js";
import type { AppContext } from "../context.js";
import type { ExploreResult } from "../explore-model.js";
import { clearMessages, errorText, h, say } from "../ui.js";
import { run } from "../worker-client.js";

const DEBOUNCE_MS = 150;
const CLAIM_BITS = 128;
const CUSTOM_ID = "custom";

/** The part of plotly this screen uses (plotly.js-dist-min ships no types). */
interface Plotly {
  react(div: HTMLElement, data: unknown[], layout: unknown, config: unknown): Promise<unknown>;
}

/** plotly, loaded here only (a separate chunk of the bundle). */
async function loadPlotly(): Promise<Plotly> {
  const mod = (await import("plotly.js-dist-min" as string)) as { default?: Plotly } & Partial<Plotly>;
  return mod.default ?? (mod as Plotly);
}

/** The knobs the sliders move; untouched knobs keep the preset's exact values. */
interface Knobs {
  n: number;
  m: number;
  mFollowsN: boolean;
  log2Sigma: number;
  log2T: number;
}

const bitsText = (b: number | null): string => (b === null ? "∞" : b.toFixed(1));
const pow2Text = (x: number | null): string => (x === null ? "∞" : x === 0 ? "0" : `2^${Math.log2(x).toFixed(2)}`);
const bytesText = (b: number): string => (b < 1024 ? `${b} B` : `${(b / 1024).toFixed(1)} KB (${b} B)`);
/** A probability given as its log2 (null: 0). */
const probabilityText = (log2p: number | null): string =>
  log2p === null ? "0" : log2p > -1 ? (2 ** log2p).toPrecision(3) : Math.abs(log2p) < 1e6 ? `2^${log2p.toFixed(1)}` : `2^${log2p.toExponential(3)}`;
const countText = (x: number | null): string => (x === null ? "unlimited" : x < 1e9 ? x.toLocaleString("en") : x.toExponential(2));

/** A dimension slider's range for a preset's n: steps of a power of two, up to 4n. */
function dimensionRange(n: number): { min: number; max: number; step: number } {
  const step = Math.max(1, 2 ** Math.floor(Math.log2(n / 128)));
  return { min: step, max: Math.floor(Math.max(64, 4 * n) / step) * step, step };
}

function knobsOf(p: LweParams): Knobs {
  const sigma = p.keyError.kind === "gaussian" ? p.keyError.stddev : 1;
  return { n: p.n, m: p.m, mFollowsN: p.m === p.n, log2Sigma: Math.log2(sigma), log2T: Math.log2(p.plaintextModulus) };
}

/** The preset itself when no knob moved, else a custom set derived from it (Δ = ⌊q/t⌋ when the preset uses that). */
function paramsOf(preset: LweParams, k: Knobs): LweParams {
  const same = knobsOf(preset);
  if (k.n === same.n && k.m === same.m && k.log2Sigma === same.log2Sigma && k.log2T === same.log2T) return preset;
  const t = 2 ** k.log2T;
  const sigma = 2 ** k.log2Sigma;
  const deltaRule = preset.delta === defaultDelta(preset.modulus, preset.plaintextModulus);
  return validateParams({
    ...preset,
    id: CUSTOM_ID,
    title: `${preset.id} with n = ${k.n}, m = ${k.m}, σ = 2^${k.log2Sigma.toFixed(2)}, t = 2^${k.log2T}`,
    n: k.n,
    m: k.m,
    keyError: { kind: "gaussian", stddev: sigma },
    encError: { kind: "gaussian", stddev: sigma },
    plaintextModulus: t,
    delta: deltaRule ? defaultDelta(preset.modulus, t) : preset.delta,
  });
}

/** A range input with its value shown beside it; `onInput` gets the new number, `set` moves it from code. */
function slider(id: string, label: string, range: { min: number; max: number; step: number }, value: number, show: (v: number) => string, onInput: (v: number) => void): { box: HTMLElement; input: HTMLInputElement; set(v: number): void } {
  const out = h("output", { for: id, id: `${id}-value` }, show(value));
  const input = h("input", { type: "range", id, min: range.min, max: range.max, step: range.step, value, "aria-label": label });
  input.addEventListener("input", () => {
    out.textContent = show(Number(input.value));
    onInput(Number(input.value));
  });
  const set = (v: number): void => {
    input.value = String(v);
    out.textContent = show(v);
  };
  return { box: h("label", {}, label, input, out), input, set };
}

function securityTable(r: ExploreResult): HTMLTableElement {
  const { models, attacks, perAttack, byModel, limiting } = r.security;
  const cell = (attack: string, model: string) => perAttack.find((a) => a.attack === attack && a.model === model)!;
  return h(
    "table",
    { id: "explore-security" },
    h("tr", {}, h("th", {}, "attack (cheaper of the two instances)"), ...models.map((m) => h("th", { title: m.info }, m.model))),
    ...attacks.map((a) =>
      h(
        "tr",
        { "data-attack": a.attack },
        h("td", { title: a.info }, a.attack),
        ...models.map((m) => {
          const c = cell(a.attack, m.model);
          const limits = byModel.find((b) => b.model === m.model)!;
          const isLimit = limits.attack === a.attack && limits.bits === c.bits;
          const headline = isLimit && m.model === limiting.model;
          return h(
            "td",
            { ...(isLimit ? { style: `font-weight:600;background:${headline ? "#ffe08a" : "#fff3c4"}`, "data-limit-of": m.model } : {}) },
            bitsText(c.bits),
            c.bits === null ? "" : h("span", { class: "muted" }, ` ${c.instance === "key" ? "key" : "enc"}`),
          );
        }),
      ),
    ),
    h("tr", {}, h("th", {}, "security (the minimum)"), ...byModel.map((b) => h("th", { title: b.limitedBy }, `${bitsText(b.bits)} — ${b.attack}`))),
  );
}

function factsTable(id: string, rows: [string, string][]): HTMLTableElement {
  return h("table", { id }, ...rows.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", {}, v))));
}

function attackChart(r: ExploreResult): Figure {
  const { models, attacks, perAttack } = r.security;
  return chart({
    title: `Security per attack and cost model (${r.params.id}, estimator's ${r.security.attackSet} attack set; dotted: ${CLAIM_BITS} bits)`,
    data: models.map((m) => ({
      type: "bar",
      name: m.model,
      x: attacks.map((a) => a.attack),
      y: attacks.map((a) => perAttack.find((c) => c.attack === a.attack && c.model === m.model)!.bits),
      hovertemplate: `%{x}<br>${m.model}: %{y:.1f} bits<extra></extra>`,
    })),
    layout: {
      barmode: "group",
      xaxis: { title: { text: "attack (no bar: ∞, the attack does not apply)", standoff: 16 }, tickangle: -35, automargin: true },
      yaxis: { title: "security (bits = log2 of the attack's cost, log scale)", type: "log" },
      margin: { t: 60, l: 80, r: 40, b: 40 },
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: CLAIM_BITS, y1: CLAIM_BITS, line: { dash: "dot", color: "#c0392b" } }],
      legend: { title: { text: "cost model" } },
    },
    height: 420,
  });
}

function versusNChart(r: ExploreResult): Figure {
  const pts = r.versusN.points;
  return chart({
    title: `Security (${r.versusN.model}, ${r.versusN.attackSet} attack set) and noise budget versus n${r.versusN.mFollowsN ? " (m = n)" : ` (m = ${r.params.m})`}`,
    data: [
      { type: "scatter", mode: "lines+markers", name: `security, ${r.versusN.model}`, x: pts.map((p) => p.n), y: pts.map((p) => p.bits), text: pts.map((p) => p.limitedBy), hovertemplate: "n = %{x}: %{y:.1f} bits<br>%{text}<extra></extra>" },
      { type: "scatter", mode: "lines+markers", name: "largest ‖c‖₂ at 2^-40", x: pts.map((p) => p.n), y: pts.map((p) => p.maxCircuitNorm), yaxis: "y2", line: { dash: "dash" } },
      { type: "scatter", mode: "markers", name: `chosen n = ${r.params.n}`, x: [r.params.n], y: [r.security.limiting.bits], marker: { size: 14, symbol: "star" } },
    ],
    layout: {
      xaxis: { title: "n (secret dimension)" },
      margin: { t: 60, l: 80, r: 80, b: 40 },
      yaxis: { title: `security, ${r.versusN.model} (bits)` },
      yaxis2: { title: "largest ‖c‖₂ of a linear circuit (failure 2^-40)", overlaying: "y", side: "right", rangemode: "tozero" },
      shapes: [{ type: "line", xref: "paper", x0: 0, x1: 1, y0: CLAIM_BITS, y1: CLAIM_BITS, line: { dash: "dot", color: "#c0392b" } }],
      legend: { orientation: "h", y: -0.2 },
    },
    height: 420,
  });
}

export async function renderExplore(root: HTMLElement, ctx: AppContext): Promise<void> {
  const plotlyLoading = loadPlotly();
  plotlyLoading.catch(() => undefined); // reported when a chart is drawn
  const ids = Object.keys(PRESETS);
  const startId = ids.includes(ctx.config.defaultParams) ? ctx.config.defaultParams : ids[0]!;
  let preset = PRESETS[startId]!.params;
  let knobs = knobsOf(preset);

  const presetSelect = h("select", { id: "explore-preset", "aria-label": "preset" }, ...ids.map((id) => h("option", { value: id, ...(id === startId ? { selected: true } : {}) }, `${id} — ${PRESETS[id]!.security.bits} bits ${PRESETS[id]!.security.model}`)));
  const sliders = h("div", { class: "row" });
  const paramsLine = h("p", { id: "explore-params", class: "muted" });
  const status = h("p", { id: "explore-status", class: "muted" }, "computing…");
  const headline = h("p", { class: "result" });
  const securityBox = h("div");
  const noiseBox = h("div");
  const sizesBox = h("div");
  const chartAttacks = h("div", { id: "explore-chart-attacks", class: "chart" });
  const chartN = h("div", { id: "explore-chart-n", class: "chart" });

  root.append(
    h("section", {}, h("h2", {}, "LWE parameters"), h("div", { class: "row" }, h("label", {}, "preset", presetSelect)), sliders, paramsLine, status),
    h("section", {}, h("h2", {}, "Security per attack and cost model (both LWE instances: key and encryption)"), headline, securityBox),
    h("section", {}, h("h2", {}, "Noise budget (linear circuits over fresh ciphertexts)"), noiseBox),
    h("section", {}, h("h2", {}, "Sizes"), sizesBox),
    h("section", {}, h("h2", {}, "Charts"), chartAttacks, chartN),
  );

  // ---- requests: debounced, one in the worker at a time, only the latest answer shown
  let wanted = 0;
  let queued: LweParams | undefined;
  let busy = false;
  let shown = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function pump(): Promise<void> {
    if (busy || !queued) return;
    const params = queued;
    const mine = wanted;
    queued = undefined;
    busy = true;
    try {
      const r = await run("explore", { params });
      if (mine === wanted && root.isConnected) await show(r);
    } catch (e) {
      if (mine === wanted && root.isConnected) {
        status.textContent = "not computed";
        say(`explore: ${errorText(e)}`, "error");
      }
    } finally {
      busy = false;
      void pump();
    }
  }

  function request(): void {
    wanted++;
    let params: LweParams;
    try {
      params = paramsOf(preset, knobs);
    } catch (e) {
      queued = undefined;
      status.textContent = "invalid parameters: the figures below are for the last valid choice";
      say(`parameters: ${errorText(e)}`, "error");
      return;
    }
    clearMessages();
    status.textContent = "computing…";
    queued = params;
    void pump();
  }

  function later(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (root.isConnected) request();
    }, DEBOUNCE_MS);
  }

  function buildSliders(): void {
    const nRange = dimensionRange(preset.n);
    const q = modulusOf(preset);
    const n = slider("explore-n", "n (secret dimension)", nRange, knobs.n, String, (v) => {
      knobs.n = v;
      if (knobs.mFollowsN) {
        knobs.m = v;
        m.set(v);
      }
      later();
    });
    const m = slider("explore-m", "m (public-key samples)", nRange, knobs.m, String, (v) => {
      knobs.m = v;
      later();
    });
    m.input.disabled = knobs.mFollowsN;
    const follow = h("input", { type: "checkbox", id: "explore-m-follows", ...(knobs.mFollowsN ? { checked: true } : {}) });
    follow.addEventListener("change", () => {
      knobs.mFollowsN = follow.checked;
      m.input.disabled = follow.checked;
      if (follow.checked && knobs.m !== knobs.n) {
        knobs.m = knobs.n;
        m.set(knobs.n);
        later();
      }
    });
    const sigma = slider("explore-sigma", "log2 σ of the errors e, e2, e3 (Gaussian)", { min: -16, max: Math.min(72, Math.floor(q.log2q) - 4), step: 0.25 }, knobs.log2Sigma, (v) => `σ = 2^${v.toFixed(2)} ≈ ${(2 ** v).toPrecision(3)}`, (v) => {
      knobs.log2Sigma = v;
      later();
    });
    const t = slider("explore-t", "log2 t (plaintext modulus)", { min: 1, max: 48, step: 1 }, knobs.log2T, (v) => `t = 2^${v}`, (v) => {
      knobs.log2T = v;
      later();
    });
    sliders.replaceChildren(n.box, m.box, h("label", {}, "m = n", follow), sigma.box, t.box);
  }

  presetSelect.addEventListener("change", () => {
    preset = PRESETS[presetSelect.value]!.params;
    knobs = knobsOf(preset);
    buildSliders();
    if (timer !== undefined) clearTimeout(timer);
    request();
  });

  async function show(r: ExploreResult): Promise<void> {
    const p = r.params;
    const lim = r.security.limiting;
    paramsLine.textContent = `${p.id}: ${p.title} — q: ${p.modulus} (log2 q = ${p.log2q.toFixed(2)}), secret ${p.secret}, e1 ${p.encRandomness}, errors ${p.keyError} / ${p.encError}, t = ${p.plaintextModulus}, Δ = ${p.delta}, ${p.encoding}`;
    const model = r.security.models.find((m) => m.model === lim.model)!;
    headline.replaceChildren(
      h(
        "span",
        { id: "explore-limiting", "data-limiting": String(lim.bits ?? Infinity), "data-attack": lim.attack, "data-model": lim.model },
        h("strong", {}, `${bitsText(lim.bits)} bits`),
        ` under ${lim.model} (${model.info}), limited by ${lim.limitedBy}`,
        lim.bits !== null && lim.bits < CLAIM_BITS ? ` — below the ${CLAIM_BITS} bits the project's presets claim` : "",
      ),
    );
    securityBox.replaceChildren(
      securityTable(r),
      h("p", { class: "muted" }, `Every attack of the estimator's ${r.security.attackSet} set (lattice-estimator's LWE.estimate and its guessing attacks) on both instances — the key instance (secret s, m samples) and the encryption instance (secret e1, n + 1 samples) — plus exhaustive search over the secret and Gaussian elimination; highlighted: each model's limit (darker: ${lim.model}). Bits are log2 of the attack's cost; ∞: the attack does not apply.`),
    );
    const nz = r.noise;
    noiseBox.replaceChildren(
      factsTable("explore-noise", [
        ["decryption threshold Δ/2", pow2Text(nz.halfDelta)],
        ["fresh noise σ (public-key / secret-key encryption)", `${pow2Text(nz.freshStddevPublic)} / ${pow2Text(nz.freshStddevSecret)}`],
        ["fresh residual bound at 2^-40", pow2Text(nz.freshResidualBound)],
        ["noise budget of a fresh ciphertext", nz.budgetBits === null ? "∞ (no noise)" : `${nz.budgetBits.toFixed(2)} bits (log2 of Δ/2 over the bound)${nz.budgetBits < 0 ? ": fresh ciphertexts do not decrypt reliably" : ""}`],
        ["failure probability of a fresh ciphertext", probabilityText(nz.freshFailureLog2)],
        ["largest ‖c‖₂ of a linear circuit at 2^-40 (public-key / secret-key inputs)", `${nz.maxCircuitNorm === null ? "∞" : nz.maxCircuitNorm.toFixed(1)} / ${nz.maxCircuitNormSecret === null ? "∞" : nz.maxCircuitNormSecret.toFixed(1)}`],
        ["fresh ciphertexts that can be added (coefficients 1)", countText(nz.maxAdditions)],
        ["largest weight one ciphertext can be multiplied by", countText(nz.maxScalar)],
      ]),
      h("p", { class: "muted" }, `Noise model: ${nz.model}.`),
    );
    const s = r.sizes;
    sizesBox.replaceChildren(
      factsTable("explore-sizes", [
        ["ciphertext (n + 1 elements of Z_q)", bytesText(s.ciphertextBytes)],
        ["public key (32-byte seed of A + m elements)", bytesText(s.publicKeyBytes)],
        ["secret key (n coefficients of 4 bytes)", bytesText(s.secretKeyBytes)],
        ["one element of Z_q", bytesText(s.elementBytes)],
        ["ciphertext bytes per plaintext bit", s.ciphertextBytesPerPlaintextBit.toFixed(1)],
      ]),
      h("p", { class: "muted" }, "Payload sizes; key files add a header with the parameter text and a 32-byte checksum."),
    );
    status.textContent = `computed in ${r.ms.toFixed(0)} ms in the worker`;
    try {
      const plotly = await plotlyLoading;
      const config = { displaylogo: false, responsive: true };
      for (const [div, fig] of [[chartAttacks, attackChart(r)], [chartN, versusNChart(r)]] as const) await plotly.react(div, [...fig.data], fig.layout, config);
    } catch (e) {
      say(`charts: ${errorText(e)}`, "error");
    }
    root.setAttribute("data-explore-ready", String(++shown));
  }

  buildSliders();
  request();
}
