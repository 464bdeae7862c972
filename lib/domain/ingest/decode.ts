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

/**
 * Turns an upload's bytes into text, or says in words a user can act on why
 * the file is not UTF-8 text. A UTF-8 byte order mark is dropped.
 *
 * `htmlCharset` reports the charset an HTML page declares, so that a page
 * saved in a legacy encoding is named as such instead of just "not UTF-8".
 */
export function decodeUpload(
  bytes: Uint8Array,
  htmlCharset?: (bytes: Uint8Array) => string | undefined,
  maxBytes = MAX_UPLOAD_BYTES,
): { ok: true; text: string } | Failure {
  if (bytes.length === 0) return fail("The file is empty.");
  if (bytes.length > maxBytes) {
    return fail(
      `The file is too large (${bytes.length.toLocaleString("en")} bytes); the limit is ${megabytes(maxBytes)} (${maxBytes.toLocaleString("en")} bytes). Split it into smaller files.`,
    );
  }
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    return fail(`The file is UTF-16 encoded. UTF-16 is not supported; ${SAVE_AS_UTF8}.`);
  }
  const binary = describeBinary(bytes);
  if (binary) return fail(binary);

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const where =
      offset === undefined
        ? ""
        : ` (line ${lineAt(bytes, offset)} has a byte sequence that is not UTF-8)`;
    const declared = htmlCharset?.(bytes);
    const hint =
      declared && !/^utf-?8$/i.test(declared)
        ? `The page declares the ${declared} encoding; ${SAVE_AS_UTF8}.`
        : `It was probably saved in a legacy encoding such as Windows-1252 or Latin-1; ${SAVE_AS_UTF8}.`;
    return fail(`The file is not valid UTF-8 text${where}. ${hint}`);
  }
  if (text.trim() === "") return fail("The file is empty (it contains only whitespace).");
  return { ok: true, text };
}

function describeBinary(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return "The file is a PDF document, not text. Copy its text into a .txt file and upload that.";
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return "The file is a ZIP archive (Word .docx and OpenDocument files are ZIP archives), not text. Save the document as plain text (.txt) and upload that.";
  }
  if (bytes.indexOf(0) !== -1) {
    if (looksLikeUtf16(bytes)) {
      return `The file looks UTF-16 encoded (without a byte order mark). UTF-16 is not supported; ${SAVE_AS_UTF8}.`;
    }
    return "The file contains binary data (NUL bytes), not text. Upload a text file: .txt, .md, .html or .jsonl.";
  }
  let controls = 0;
  for (const b of bytes) {
    if (
      (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d) ||
      b === 0x7f
    ) {
      controls++;
    }
  }
  if (controls / bytes.length > MAX_CONTROL_SHARE) {
    return "The file contains binary data (many control characters), not text. Upload a text file: .txt, .md, .html or .jsonl.";
  }
  return undefined;
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
