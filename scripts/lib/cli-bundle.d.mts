// Types of cli-bundle.mjs, which stays plain JavaScript: it runs before (and instead of) tsx.
/** The bundle of `entry` (relative to the project root) when it is up to date, else undefined. */
export function freshBundle(entry: string): string | undefined;
/** Builds the bundle of `entry`; resolves with its file path. */
export function buildBundle(entry: string): Promise<string>;
