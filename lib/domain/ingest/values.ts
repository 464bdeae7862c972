import type { JsonValue } from "./types";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Copies a parsed JSON or YAML value into a JsonValue, dropping what JSON
 * cannot hold (NaN and infinities from YAML's .nan/.inf, undefined).
 * Objects are rebuilt with Object.fromEntries so that a "__proto__" key stays
 * an ordinary property instead of replacing the prototype.
 */
export function toJsonValue(value: unknown): JsonValue | undefined {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : undefined;
    case "object":
      if (value === null) return null;
      if (Array.isArray(value)) return value.map((item: unknown) => toJsonValue(item) ?? null);
      if (isRecord(value)) return toJsonObject(value);
      return undefined;
    default:
      return undefined;
  }
}

export function toJsonObject(record: Record<string, unknown>): Record<string, JsonValue> {
  const entries: Array<[string, JsonValue]> = [];
  for (const [key, item] of Object.entries(record)) {
    const converted = toJsonValue(item);
    if (converted !== undefined) entries.push([key, converted]);
  }
  return Object.fromEntries(entries);
}

/** Collapses runs of whitespace so that metadata read from markup is one clean line. */
export function cleanLine(value: string | null | undefined): string | undefined {
  const cleaned = value?.replace(/[\s\u00a0]+/g, " ").trim();
  return cleaned ? cleaned : undefined;
}

/**
 * Accepts only absolute http(s) URLs: source URLs are shown as links, and a
 * javascript: or data: URL there would be an injection vector. A valid
 * absolute URL is returned as written (an IDN host stays readable); a relative
 * one is resolved against `base` when there is one.
 */
export function toHttpUrl(value: string | null | undefined, base?: string): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  const isHttp = (url: URL) => url.protocol === "http:" || url.protocol === "https:";
  try {
    const absolute = new URL(trimmed);
    return isHttp(absolute) ? trimmed : undefined;
  } catch {
    // Not absolute: try the base below.
  }
  if (!base) return undefined;
  try {
    const resolved = new URL(trimmed, base);
    return isHttp(resolved) ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}
