/**
 * One engine command: a SchemaEngine on schema.prisma over a fresh adapter
 * factory, freed and closed afterwards, with the engine's errors turned into
 * MigrationErrors a user can read.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemasContainer } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { MigrationAdapterFactory } from "./adapter";
import { MigrationError } from "./migration-error";
import { engineCrashed, loadRuntime, recordCrash, watchForPanic } from "./wasm-runtime";

export interface SessionOptions {
  schemaPath: string;
  /** The engine's own log lines (JSON), for debugging. */
  log?: (line: string) => void;
  /** The caller holds the migration lock (migration-lock.ts): the engine's own lock is skipped. */
  lockHeld?: boolean;
}

export async function withEngine<T>(
  url: string,
  options: SessionOptions,
  fn: (engine: SchemaEngine, schema: SchemasContainer) => Promise<T>,
): Promise<T> {
  const wasm = await loadRuntime();
  const schemaPath = path.resolve(options.schemaPath);
  const content = await readFile(schemaPath, "utf8");
  const factory = new MigrationAdapterFactory(url, options.lockHeld);
  const log = options.log;
  const crash = watchForPanic();
  let engine: SchemaEngine | undefined;
  try {
    const run = async () => {
      engine = await wasm.SchemaEngine.new(
        { datamodels: [[schemaPath, content]] },
        (line: string) => log?.(line),
        bindMigrationAwareSqlAdapterFactory(factory),
      );
      return fn(engine, { files: [{ path: schemaPath, content }] });
    };
    return await Promise.race([run(), crash.promise]);
  } catch (error) {
    throw toMigrationError(error, factory);
  } finally {
    crash.dispose();
    // After a panic the instance is unusable (wasm-runtime.ts): leave it be.
    if (!engineCrashed()) engine?.free();
    await factory.close();
  }
}

function toMigrationError(error: unknown, factory: MigrationAdapterFactory): Error {
  if (error instanceof MigrationError) return error;
  if (error instanceof WebAssembly.RuntimeError) {
    return new MigrationError(`Prisma's schema engine crashed: ${recordCrash(error)}`);
  }
  // Errors thrown by our adapter code reach the engine as "GenericJs" with an
  // id; show the original instead.
  const original = factory.lastJsError;
  // The engine appends a Rust span trace ("   0: schema_engine_wasm::…"): not for users.
  const message =
    (error instanceof Error ? error.message : String(error))
      .split(/\n\s*0: /)[0]
      ?.replace(/^external connector error\n/, "")
      .trim() ?? "";
  if (original && /GenericJs/.test(message)) {
    return original instanceof MigrationError ? original : new MigrationError(original.message);
  }
  return new MigrationError(message);
}
