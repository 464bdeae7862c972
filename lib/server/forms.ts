import "server-only";

/** Reads the named text fields of a form; files and missing fields become undefined for the schema to reject. */
export function formFields<K extends string>(
  formData: FormData,
  names: readonly K[],
): Record<K, string | undefined> {
  const out = {} as Record<K, string | undefined>;
  for (const name of names) {
    const value = formData.get(name);
    out[name] = typeof value === "string" ? value : undefined;
  }
  return out;
}
