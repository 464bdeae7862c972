import "server-only";
import type { JsonReply } from "../results";
import { saveReply, type SaveRequest } from "./annotation-save-route";

/*
 * The hot routes the production entry point serves without Next's router
 * (scripts/lib/fast-route.mjs). Through Next a save cost about 8× the
 * database's own time, spent in routing, request and response adaptation,
 * tracing and compression. The entry point calls the very function the route
 * file answers with, and skips the Web Request and Response too (half a
 * millisecond a save on this loaded machine, against 20 µs for the headers and
 * JSON alone); it adds Next's configured headers, and leaves every other
 * request, and any it is not sure of, to Next. Registered on globalThis at
 * start-up (instrumentation.ts): the one object the entry point and Next's
 * bundles share.
 */
const REGISTRY = Symbol.for("sourcelight.fastRoutes");

export interface FastRoutes {
  /** PUT /api/projects/{slug}/annotations. */
  annotationSave: (request: SaveRequest, slug: string) => Promise<JsonReply>;
}

export function registerFastRoutes(): void {
  const routes: FastRoutes = { annotationSave: saveReply };
  Reflect.set(globalThis, REGISTRY, routes);
}
