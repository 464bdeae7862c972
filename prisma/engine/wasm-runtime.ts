/**
 * Loads Prisma's schema engine (`@prisma/schema-engine-wasm`) and keeps track
 * of whether it is still usable. The package's default entry imports the .wasm
 * as an ES module, which Node cannot do, so the module is compiled and
 * instantiated here beside its wasm-bindgen glue (schema_engine_bg.js).
 * UPGRADING.md lists what this relies on in the package.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import * as runtime from "@prisma/schema-engine-wasm/schema_engine_bg";
import { MigrationError } from "./migration-error";

export type SchemaEngineRuntime = typeof runtime;

let runtimeReady: Promise<SchemaEngineRuntime> | undefined;

declare global {
  // wasm-bindgen glue reports a Rust panic here before the wasm traps.
  var PRISMA_WASM_PANIC_REGISTRY: { set_message(message: string): void } | undefined;
}

let lastPanic: string | undefined;
// After a panic the wasm instance is unusable, and the wasm-bindgen glue
// cannot be pointed at a fresh one: later commands in this process must fail.
let crashed: string | undefined;

/** Whether the engine panicked earlier in this process (it cannot be used again). */
export function engineCrashed(): boolean {
  return crashed !== undefined;
}

/** Marks the engine unusable after a trap; returns the panic message to show. */
export function recordCrash(error: WebAssembly.RuntimeError): string {
  crashed = lastPanic ?? error.message;
  return crashed;
}

function installPanicRegistry(): void {
  const previous = globalThis.PRISMA_WASM_PANIC_REGISTRY;
  globalThis.PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      lastPanic = message;
      previous?.set_message(message);
    },
  };
}

/**
 * The glue module, bound to a started wasm instance. Loaded once per process:
 * the glue keeps the instance in module state.
 */
export function loadRuntime(): Promise<SchemaEngineRuntime> {
  if (crashed) {
    return Promise.reject(
      new MigrationError(`Prisma's schema engine crashed earlier in this process: ${crashed}`),
    );
  }
  runtimeReady ??= (async () => {
    installPanicRegistry();
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmModule = await WebAssembly.compile(
      await readFile(gluePath.replace(/\.js$/, ".wasm")),
    );
    const glue: WebAssembly.ModuleImports = {};
    for (const [name, value] of Object.entries(runtime)) {
      if (typeof value === "function") glue[name] = value;
    }
    // The engine races its advisory lock against a 10 s setTimeout that it
    // never clears; unref it, or every command would linger for 10 s.
    for (const name of Object.keys(glue).filter((n) => n.startsWith("__wbg_setTimeout_"))) {
      glue[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const imports: WebAssembly.Imports = {};
    for (const { module } of WebAssembly.Module.imports(wasmModule)) imports[module] = glue;
    const instance = await WebAssembly.instantiate(wasmModule, imports);
    runtime.__wbg_set_wasm(instance.exports);
    const start = instance.exports["__wbindgen_start"];
    if (typeof start !== "function")
      throw new Error("schema engine: __wbindgen_start is missing from the wasm");
    // A wasm export is typed as a bare Function; the bindgen start entry takes no arguments.
    Reflect.apply(start, undefined, []);
    return runtime;
  })();
  return runtimeReady;
}

/**
 * A Rust panic traps inside a callback the engine scheduled, so it surfaces
 * as an uncaught exception rather than as a rejection: turn it into one while
 * an engine command runs.
 */
export function watchForPanic(): { promise: Promise<never>; dispose(): void } {
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<never>((_, r) => {
    reject = r;
  });
  const listener = (error: Error) => {
    if (error instanceof WebAssembly.RuntimeError) {
      reject(error);
      return;
    }
    // Not ours: leave it to the process's other handlers, or to Node's
    // default (print and exit) when there are none.
    if (process.listenerCount("uncaughtException") > 1) return;
    process.off("uncaughtException", listener);
    process.nextTick(() => {
      throw error;
    });
  };
  process.on("uncaughtException", listener);
  return { promise, dispose: () => process.off("uncaughtException", listener) };
}
