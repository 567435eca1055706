/**
 * Names the service behind a failed fetch. A browser reports an unreachable server only as "Failed to fetch"; the
 * page and its worker reach two services, so a failure says which: the chain (the JSON-RPC proxy) or the content
 * store (the gateway). Installed once per global scope, before any request.
 */
export function nameUnreachableServices(scope: { fetch: typeof fetch }, rpcPath = "/rpc"): void {
  const plain = scope.fetch.bind(scope);
  scope.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    try {
      return await plain(input, init);
    } catch (e) {
      if ((e as Error).name === "AbortError" || (e as Error).name === "TimeoutError") throw e;
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const path = new URL(url, (globalThis as { location?: { href: string } }).location?.href).pathname;
      const service = path === rpcPath ? "the chain" : path.startsWith("/api/v0/") ? "the content store" : url;
      throw new TypeError(`${service} is unreachable (${url}: ${(e as Error).message})`, { cause: e });
    }
  };
}
