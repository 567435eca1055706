/**
 * Small DOM helpers for the page's screens (no UI framework: the screens are forms, tables and a few charts, and a
 * framework would add more bundle than it saves code): element building, the message area that names every
 * problem, and number/token formatting.
 */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

/** Creates an element: attributes (`on…` are listeners, `true` booleans set empty attributes) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "value" && "value" in el) (el as HTMLInputElement).value = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

/** Shows a message above the screen (errors stay until the next action; info lines replace each other). */
export function say(text: string, kind: "error" | "info" = "info"): HTMLElement | undefined {
  const box = document.getElementById("messages");
  if (!box) return undefined;
  if (kind === "info") box.querySelectorAll(".message.info").forEach((m) => m.remove());
  const line = h("div", { class: `message ${kind}`, "data-kind": kind }, text);
  box.append(line);
  return line;
}

/** Clears the message area (before a new action). */
export function clearMessages(): void {
  document.getElementById("messages")?.replaceChildren();
}

/** The message of anything thrown, without ethers' long appendices. */
export function errorText(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/ \(action="[^]*$/, "").replace(/\n[^]*$/, "");
}

let diagnosis: ((e: unknown) => Promise<string | undefined>) | undefined;

/**
 * Sets how a failure is explained when its own message misleads: ethers reports any failed eth_call as a revert
 * ("reverted without saying why"), also when the chain did not answer at all; the page then asks the chain itself.
 */
export function setFailureDiagnosis(f: (e: unknown) => Promise<string | undefined>): void {
  diagnosis = f;
}

/** The message for a failure: the diagnosis's when it has one, else the error's own. */
export async function describeFailure(e: unknown): Promise<string> {
  return (await diagnosis?.(e).catch(() => undefined)) ?? errorText(e);
}

/**
 * Runs a user action: clears old messages, disables `button` meanwhile, shows any error on the page (and returns
 * undefined) — an action never fails silently and never leaves its button stuck.
 */
export async function act<T>(button: HTMLButtonElement | null, what: string, f: () => Promise<T>): Promise<T | undefined> {
  clearMessages();
  if (button) button.disabled = true;
  try {
    return await f();
  } catch (e) {
    say(`${what}: ${await describeFailure(e)}`, "error");
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

/** 10^18 units as EAI with up to 4 decimals. */
export function eai(units: bigint): string {
  const whole = units / 10n ** 18n;
  const frac = (units % 10n ** 18n).toString().padStart(18, "0").slice(0, 4).replace(/0+$/, "");
  return `${whole}${frac ? `.${frac}` : ""} EAI`;
}

/** A whole number of EAI from a form field, in units; RangeError naming the field. */
export function parseEai(text: string, field: string): bigint {
  const t = text.trim();
  if (!/^\d{1,12}(\.\d{1,18})?$/.test(t)) throw new RangeError(`${field}: "${text}" is not an amount of EAI (e.g. 50 or 12.5)`);
  const [w, f = ""] = t.split(".");
  return BigInt(w!) * 10n ** 18n + BigInt(f.padEnd(18, "0"));
}

export const short = (s: string, n = 10): string => (s.length > 2 * n + 1 ? `${s.slice(0, n)}…${s.slice(-6)}` : s);

/** Saves bytes or text as a file the user downloads. */
export function download(name: string, data: Uint8Array | string, type = "application/octet-stream"): void {
  const blob = new Blob([typeof data === "string" ? data : new Uint8Array(data)], { type });
  const a = h("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
