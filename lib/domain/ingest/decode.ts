import { fail, type Failure } from "./types";

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** "5 MB", "12.3 MB": sizes as the error messages state them. */
export function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/**
 * Random binary data has about 10% of its bytes in the C0 control range
 * (tab, newline, form feed and carriage return aside); text has next to none.
 * Half of that separates the two with room to spare either way.
 */
const MAX_CONTROL_SHARE = 0.05;

const SAVE_AS_UTF8 = "save it as UTF-8";

/** The encodings an upload is read in; anything else is refused, named where it can be. */
export type TextEncodingName = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "Windows-1252";

export type Decoded = {
  ok: true;
  text: string;
  encoding: TextEncodingName;
  /** Set when the file was not UTF-8: what was assumed, for the file's result. */
  notice?: string;
};

/**
 * The labels browsers read as Windows-1252 (WHATWG Encoding Standard): a page
 * declaring ISO-8859-1 or ASCII is decoded by every browser as Windows-1252.
 */
const WINDOWS_1252_LABELS = new Set([
  "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591",
  "latin1", "l1", "cp819", "ibm819", "iso-ir-100", "csisolatin1", "us-ascii", "ascii",
  "ansi_x3.4-1968", "iso_8859-1:1987",
]); // prettier-ignore

/**
 * Bytes Windows-1252 leaves undefined. The WHATWG decoder maps them to C1
 * control characters, but no Windows-1252 text contains them: a file with
 * one is in some other encoding, and reading it as Windows-1252 would store
 * mojibake, so it is refused instead.
 */
const WINDOWS_1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Turns an upload's bytes into text, or says in words a user can act on why
 * it cannot. UTF-8 (its byte order mark dropped) and UTF-16 with a byte
 * order mark are read as such; a file that is not UTF-8 but is valid
 * Windows-1252 is read as Windows-1252, and the result says so.
 *
 * `declaredCharset` reports the charset an HTML page (or an HTTP response)
 * declares: a page declaring a legacy encoding other than Windows-1252 is
 * refused with that encoding named rather than guessed at.
 */
export function decodeUpload(
  bytes: Uint8Array,
  declaredCharset?: (bytes: Uint8Array) => string | undefined,
  maxBytes = MAX_UPLOAD_BYTES,
): Decoded | Failure {
  if (bytes.length === 0) return fail("The file is empty.");
  if (bytes.length > maxBytes) {
    return fail(
      `The file is too large (${bytes.length.toLocaleString("en")} bytes); the limit is ${megabytes(maxBytes)} (${maxBytes.toLocaleString("en")} bytes). Split it into smaller files.`,
    );
  }
  const b0 = bytes[0];
  const b1 = bytes[1];
  const decoded =
    b0 === 0xff && b1 === 0xfe
      ? decodeUtf16(bytes, "UTF-16LE")
      : b0 === 0xfe && b1 === 0xff
        ? decodeUtf16(bytes, "UTF-16BE")
        : decodeSingleByte(bytes, declaredCharset);
  if (!decoded.ok) return decoded;
  if (decoded.text.trim() === "") return fail("The file is empty (it contains only whitespace).");
  return decoded;
}

function decodeUtf16(bytes: Uint8Array, encoding: "UTF-16LE" | "UTF-16BE"): Decoded | Failure {
  let text: string;
  try {
    // TextDecoder drops the byte order mark itself.
    text = new TextDecoder(encoding.toLowerCase(), { fatal: true }).decode(bytes);
  } catch {
    const reason =
      bytes.length % 2 === 1 ? "it has an odd number of bytes" : "it has an unpaired surrogate";
    return fail(
      `The file starts with a ${encoding} byte order mark but is not valid ${encoding} (${reason}); ${SAVE_AS_UTF8}.`,
    );
  }
  if (
    text.includes("\0") ||
    controlShare(text.length, (i) => text.charCodeAt(i)) > MAX_CONTROL_SHARE
  ) {
    return fail(BINARY);
  }
  return { ok: true, text, encoding };
}

function decodeSingleByte(
  bytes: Uint8Array,
  declaredCharset: ((bytes: Uint8Array) => string | undefined) | undefined,
): Decoded | Failure {
  const binary = describeBinary(bytes);
  if (binary) return fail(binary);
  try {
    return {
      ok: true,
      text: new TextDecoder("utf-8", { fatal: true }).decode(bytes),
      encoding: "UTF-8",
    };
  } catch {
    // Not UTF-8: below.
  }
  const offset = firstInvalidUtf8(bytes) ?? 0;
  const where = `line ${lineAt(bytes, offset)} has a byte sequence that is not UTF-8`;
  const declared = declaredCharset?.(bytes)?.trim().toLowerCase();
  if (declared && !/^utf-?8$/.test(declared) && !WINDOWS_1252_LABELS.has(declared)) {
    return fail(
      `The file is not valid UTF-8 text (${where}). The page declares the ${declared} encoding, which is not supported; ${SAVE_AS_UTF8}.`,
    );
  }
  const undefinedAt = bytes.findIndex((b) => WINDOWS_1252_UNDEFINED.has(b));
  if (undefinedAt !== -1) {
    const byte = `0x${(bytes[undefinedAt] ?? 0).toString(16).toUpperCase()}`;
    return fail(
      `The file is not valid UTF-8 text (${where}), nor Windows-1252 (line ${lineAt(bytes, undefinedAt)} has the byte ${byte}, which Windows-1252 does not define). Its encoding is not one Sourcelight reads; ${SAVE_AS_UTF8}.`,
    );
  }
  return {
    ok: true,
    text: decodeWindows1252(bytes),
    encoding: "Windows-1252",
    notice: `The file is not valid UTF-8 (${where}); it was read as Windows-1252. Check that accented letters and quotation marks look right.`,
  };
}

/**
 * Windows-1252 is ISO-8859-1 but for 0x80–0x9F. Decoded by hand: Node 20's
 * TextDecoder treats the "windows-1252" label as ISO-8859-1, so “quotes”
 * would come out as C1 control characters. The undefined bytes never get here.
 */
const WINDOWS_1252_HIGH =
  "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
  "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  // In slices: String.fromCharCode takes its codes as arguments, which the stack limits.
  for (let from = 0; from < bytes.length; from += 8192) {
    const codes = Array.from(bytes.subarray(from, from + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH.charCodeAt(b - 0x80) : b,
    );
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join("");
}

const BINARY =
  "The file contains binary data (many control characters), not text. Upload a text file: .txt, .md, .html or .jsonl.";

function describeBinary(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return "The file is a PDF document, not text. Copy its text into a .txt file and upload that.";
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return "The file is a ZIP archive (Word .docx and OpenDocument files are ZIP archives), not text. Save the document as plain text (.txt) and upload that.";
  }
  if (bytes.indexOf(0) !== -1) {
    if (looksLikeUtf16(bytes)) {
      return `The file looks UTF-16 encoded without a byte order mark, so its byte order is unknown; ${SAVE_AS_UTF8} (or as UTF-16 with a byte order mark).`;
    }
    return "The file contains binary data (NUL bytes), not text. Upload a text file: .txt, .md, .html or .jsonl.";
  }
  return controlShare(bytes.length, (i) => bytes[i] ?? 0) > MAX_CONTROL_SHARE ? BINARY : undefined;
}

/** The share of C0 control characters (and DEL), tab, newline, form feed and carriage return aside. */
function controlShare(length: number, codeAt: (i: number) => number): number {
  let controls = 0;
  for (let i = 0; i < length; i++) {
    const c = codeAt(i);
    if (
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) ||
      c === 0x7f
    ) {
      controls++;
    }
  }
  return length === 0 ? 0 : controls / length;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** Mostly-ASCII UTF-16 has a NUL in every other byte, all on the same side. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  return (even > 0.3 * pairs && odd < 0.05 * pairs) || (odd > 0.3 * pairs && even < 0.05 * pairs);
}

/**
 * TextDecoder says only that decoding failed; this finds where, so the user
 * can look at the right line. Well-formed sequences per Unicode table 3-7.
 */
function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  const at = (i: number) => bytes[i] ?? -1;
  const within = (b: number, lo: number, hi: number) => b >= lo && b <= hi;
  let i = 0;
  while (i < bytes.length) {
    const b = at(i);
    let length: number;
    let secondLo = 0x80;
    let secondHi = 0xbf;
    if (b <= 0x7f) length = 1;
    else if (within(b, 0xc2, 0xdf)) length = 2;
    else if (within(b, 0xe0, 0xef)) {
      length = 3;
      if (b === 0xe0) secondLo = 0xa0;
      if (b === 0xed) secondHi = 0x9f;
    } else if (within(b, 0xf0, 0xf4)) {
      length = 4;
      if (b === 0xf0) secondLo = 0x90;
      if (b === 0xf4) secondHi = 0x8f;
    } else return i;
    if (length > 1 && !within(at(i + 1), secondLo, secondHi)) return i;
    for (let k = 2; k < length; k++) if (!within(at(i + k), 0x80, 0xbf)) return i;
    i += length;
  }
  return undefined;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
