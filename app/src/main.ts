/**
 * The page's entry: loads the server's configuration, sets up the wallet (the dev account chooser or an injected
 * wallet), and shows one of four screens by the URL's hash — Browse, Provider / engineer, User, Explore. Explore
 * (and plotly) is loaded only when it is opened.
 */
import "./buffer-global.js";
import { type AppContext, createContext, loadConfig } from "./context.js";
import { errorText, h, say, setFailureDiagnosis } from "./ui.js";
import { rpcCall } from "./wallet.js";
import { nameUnreachableServices } from "./fetch-errors.js";
import { renderBrowse } from "./screens/browse.js";
import { renderProvider } from "./screens/provider.js";
import { renderUser } from "./screens/user.js";

const SCREENS: Record<string, (root: HTMLElement, ctx: AppContext) => Promise<void>> = {
  browse: renderBrowse,
  provider: renderProvider,
  user: renderUser,
  explore: async (root, ctx) => (await import("./screens/explore.js")).renderExplore(root, ctx),
};

const ACCOUNT_KEY = "encryptai.account";
nameUnreachableServices(globalThis);

async function start(): Promise<void> {
  const config = await loadConfig();
  let account = localStorage.getItem(ACCOUNT_KEY) ?? "";
  if (config.devChain && !config.accounts.some((a) => a.address === account)) account = config.accounts.find((a) => a.role === "user")?.address ?? config.accounts[0]?.address ?? "";
  const ctx = await createContext(config, { get: () => account, set: (a) => (account = a) });
  // a "revert without reason" from a read may be a chain that did not answer: ask it, and name that instead
  setFailureDiagnosis(async (e) => {
    if (!/reverted without saying why|missing revert data|CALL_EXCEPTION|could not coalesce/i.test(errorText(e))) return undefined;
    try {
      await rpcCall(ctx.endpoints.rpcUrl, "eth_chainId");
      return undefined;
    } catch (down) {
      return errorText(down);
    }
  });
  const box = document.getElementById("account")!;
  if (config.devChain) {
    const select = h(
      "select",
      { id: "account-select", "aria-label": "account", onchange: () => {
        account = select.value;
        localStorage.setItem(ACCOUNT_KEY, account);
        void show();
      } },
      ...config.accounts.map((a) => h("option", { value: a.address, ...(a.address === account ? { selected: true } : {}) }, `${a.role} ${a.address.slice(0, 8)}…`)),
    );
    box.replaceChildren("dev account ", select);
  } else {
    box.replaceChildren(`wallet ${account.slice(0, 8)}… on chain ${config.chainId}`);
  }

  const root = document.getElementById("screen")!;
  let showing = 0;
  async function show(): Promise<void> {
    const name = location.hash.replace(/^#\/?/, "") || "browse";
    const render = SCREENS[name] ?? SCREENS.browse!;
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", a.getAttribute("data-screen") === name));
    const mine = ++showing;
    const fresh = h("div", { "data-screen-root": name });
    root.replaceChildren(fresh);
    try {
      await render(fresh, ctx);
    } catch (e) {
      if (mine === showing) say(`${name}: ${errorText(e)}`, "error");
    }
    if (mine === showing) root.setAttribute("data-ready", name);
  }
  window.addEventListener("hashchange", () => {
    root.removeAttribute("data-ready");
    void show();
  });
  await show();
}

start().catch((e: unknown) => say(`the page cannot start: ${errorText(e)}`, "error"));
