import "server-only";
import { putAnnotation } from "./annotation-save-route";

/*
 * The hot routes the production entry point serves without Next's router
 * (scripts/lib/fast-route.mjs). A save through Next cost about 8× the
 * database's own time in routing, request and response adaptation, tracing
 * and compression; the entry point calls the very handler the route file
 * exports, with Next's configured headers, and leaves every other request —
 * and any it is not sure of — to Next. Registered on globalThis at start-up
 * (instrumentation.ts), the only object the entry point and Next's bundles share.
 */
const REGISTRY = Symbol.for("sourcelight.fastRoutes");

export interface FastRoutes {
  /** PUT /api/projects/{slug}/annotations. */
  annotationSave: (request: Request, slug: string) => Promise<Response>;
}

export function registerFastRoutes(): void {
  const routes: FastRoutes = { annotationSave: putAnnotation };
  Reflect.set(globalThis, REGISTRY, routes);
}
