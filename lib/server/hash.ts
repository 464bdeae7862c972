import "server-only";
import { createHash } from "node:crypto";

/**
 * SHA-256 of the text's UTF-8 bytes, as lowercase hex: the one hash in the
 * app. Dedupe compares stored content and sentence hashes with fresh ones, so
 * every writer must hash exactly this way; tokens are hashed the same way only
 * because one definition is easier to trust than several.
 */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
