/** Reading what an export produced, for the export tests: the bytes, and zip entries by name. */
import yauzl from "yauzl";
import type { Actor } from "@/lib/server/actor";
import { startExport } from "@/lib/server/export/export";

/** Runs an export as the API would and returns the whole file. */
export async function runExport(
  actor: Actor,
  projectSlug: string,
  input: Record<string, unknown>,
): Promise<Buffer> {
  const job = await startExport({ actor, projectSlug, input, via: "api" });
  const parts: Buffer[] = [];
  for await (const chunk of job.body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** A Buffer's bytes as a standalone ArrayBuffer (hyparquet reads those). */
export function arrayBuffer(b: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(b.length);
  new Uint8Array(copy).set(b);
  return copy;
}

/** Every entry of a zip, by file name. */
export function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const parts: Buffer[] = [];
          stream.on("data", (c: Buffer) => parts.push(c));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(files));
      zip.readEntry();
    });
  });
}
