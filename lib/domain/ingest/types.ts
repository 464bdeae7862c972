export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One document read from an upload, before normalisation and segmentation. */
export interface ParsedDocument {
  text: string;
  title?: string;
  byline?: string;
  publisher?: string;
  /** yyyy-mm-dd, the calendar date as the source wrote it (no time-zone shift). */
  publishedAt?: string;
  /** An absolute http(s) URL. */
  sourceUrl?: string;
  /**
   * A headline the reader sees above the text but the text lacks (a web
   * page's: Readability takes it out of the body); stored as the first unit
   * where the project keeps headlines as units (see withHeadline).
   */
  headline?: string;
  metadata: Record<string, JsonValue>;
}

/**
 * A JSON Lines record that could not be read. `error` is the full message
 * shown to the user, already starting with "line N: ".
 */
export interface LineError {
  line: number;
  error: string;
}

export type ParseResult =
  | {
      ok: true;
      documents: ParsedDocument[];
      lineErrors: LineError[];
      /** Set for a Sourcelight JSONL export (documents are then empty): restored whole, annotations included. */
      dataset?: string;
      /** Facts about the whole file the user should know, such as the encoding it was read in. */
      notices?: string[];
    }
  | { ok: false; error: string; lineErrors?: LineError[] };

export type Failure = { ok: false; error: string };

export const fail = (error: string): Failure => ({ ok: false, error });
