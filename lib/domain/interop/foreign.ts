/**
 * What another annotation tool's export holds, read into one shape before it
 * is mapped onto Sourcelight: tasks (a text each), and per annotator the
 * labels they gave — to the whole text (a choice) or to a span of it.
 */
import { AppError } from "../errors";

export type ForeignFormat = "label-studio" | "doccano";

export const FOREIGN_FORMAT_NAMES: Readonly<Record<ForeignFormat, string>> = {
  "label-studio": "Label Studio JSON export",
  doccano: "doccano JSONL export",
};

/** An annotator as the other tool names them; `key` is what the owner's mapping refers to. */
export interface ForeignPerson {
  key: string;
  email: string | null;
  name: string | null;
  /** The other tool's own user id, when it gives one. */
  externalId: string | null;
}

/**
 * A label on the whole text, or on [start, end) of it in UTF-16 code units
 * over the task's text as the file has it (before Sourcelight normalises it).
 */
export type ForeignMark =
  { kind: "choice"; label: string } | { kind: "span"; label: string; start: number; end: number };

export interface ForeignAnnotation {
  annotator: ForeignPerson;
  marks: ForeignMark[];
}

export interface ForeignTask {
  /** Where the task is in the file, for messages: "task 12" or "line 3". */
  ref: string;
  /** The other tool's id of the task, kept in the document's metadata. */
  externalId: string | null;
  text: string;
  title: string | null;
  annotations: ForeignAnnotation[];
}

export interface ForeignFile {
  format: ForeignFormat;
  tasks: ForeignTask[];
  /** What the file holds that is not imported (predictions, cancelled annotations, other result types). */
  notImported: string[];
}

export const MAX_REPORTED_PROBLEMS = 10;

/** Collects problems with a file; the file is refused whole when there is any. */
export class Problems {
  private readonly list: string[] = [];
  private more = 0;

  add(problem: string): void {
    if (this.list.length < MAX_REPORTED_PROBLEMS) this.list.push(problem);
    else this.more++;
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  /** Throws one VALIDATION error naming every problem (the first few, and how many more). */
  throwIfAny(what: string): void {
    if (!this.any) return;
    const all = this.more > 0 ? [...this.list, `… and ${this.more} more problems.`] : this.list;
    throw new AppError("VALIDATION", `${what} was not imported: ${all.join(" ")}`, {
      file: all,
    });
  }
}

const isHigh = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/**
 * UTF-16 offset of a code-point offset in `text` (Python counts code points;
 * a tool may give offsets either way), or null past the end.
 */
export function codePointToUtf16(text: string, codePoint: number): number | null {
  let units = 0;
  for (let cp = 0; cp < codePoint; cp++) {
    if (units >= text.length) return null;
    units += isHigh(text.charCodeAt(units)) ? 2 : 1;
  }
  return units <= text.length ? units : null;
}

/**
 * Checks a span against its text: whole numbers, start before end, inside the
 * text. Returns the problem, or null when the span is usable.
 */
export function spanProblem(text: string, start: number, end: number): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end))
    return "its offsets are not whole numbers";
  if (start < 0 || end > text.length) {
    return `${start}–${end} is outside the text (${text.length} characters)`;
  }
  if (start >= end) return `it starts at ${start} and ends at ${end}`;
  return null;
}
