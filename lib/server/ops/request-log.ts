import "server-only";

/*
 * scripts/lib/next-child.mjs writes one log line per request and opens a store for each
 * request on globalThis under this key (an AsyncLocalStorage, so it follows the request
 * through every await). The app fills in what only it knows: who is asking.
 */
const STORE_KEY = Symbol.for("sourcelight.requestLog");

/** Records the signed-in user's id for the current request's log line; a no-op outside one. */
export function noteRequestUser(userId: string): void {
  const storage: unknown = Reflect.get(globalThis, STORE_KEY);
  if (typeof storage !== "object" || storage === null || !("getStore" in storage)) return;
  const getStore = storage.getStore;
  if (typeof getStore !== "function") return;
  const store: unknown = Reflect.apply(getStore, storage, []);
  if (typeof store === "object" && store !== null) Reflect.set(store, "userId", userId);
}
