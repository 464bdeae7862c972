import { CREDIBILITY_VALUES, type Credibility } from "../sources/grades";
import { LABELS, type Label } from "./labels";

/** What a key press in the workspace asks for; `null` means the key is not ours. */
export type KeyCommand =
  | { kind: "label"; label: Label }
  | { kind: "clear" }
  | { kind: "move"; delta: 1 | -1; extend: boolean }
  | { kind: "repeat-source" }
  | { kind: "help" }
  | { kind: "escape" }
  | { kind: "focus-source" }
  | { kind: "focus-note" }
  | { kind: "toggle-unsure" }
  | { kind: "choose-words" }
  | { kind: "accept-suggestion" }
  | { kind: "next-suggestion" }
  | { kind: "grade-credibility" }
  | { kind: "submit-document" }
  | { kind: "next-document" };

/** Keys while choosing source words (after W). */
export type WordKeyCommand =
  | { kind: "word-move"; delta: 1 | -1; extend: boolean }
  | { kind: "word-set" }
  | { kind: "word-cancel" };

/** Keys after C, while the credibility of the information is being given; null clears it. */
export type CredibilityKeyCommand =
  { kind: "credibility-set"; credibility: Credibility | null } | { kind: "credibility-cancel" };

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export interface KeyHelp {
  keys: string;
  action: string;
}

/** The key map, also rendered by the help overlay (see keyHelp for the assistant's keys). */
export const KEY_HELP: readonly KeyHelp[] = [
  { keys: "1 / 2 / 3 / 4", action: "Sourced fact / Unverified claim / Opinion / Not a claim" },
  { keys: "0 or Backspace", action: "Clear the tag" },
  { keys: "J or ↓, K or ↑", action: "Next / previous sentence (collapsed boilerplate is skipped)" },
  {
    keys: "Shift + J/K or Shift + ↓/↑, Shift-click",
    action: "Extend the selection to tag a range at once",
  },
  { keys: "R", action: "Repeat the previous sentence's source" },
  { keys: "S", action: "Edit the source" },
  { keys: "N", action: "Edit the note" },
  {
    keys: "Esc (in a field)",
    action: "Back to the sentences, keeping what you typed (source, note, credibility…)",
  },
  { keys: "U", action: "Toggle “unsure”" },
  {
    keys: "C, then 1–6 (0: not graded)",
    action:
      "Credibility of the information: 1 confirmed … 5 improbable, 6 cannot be judged (Esc cancels)",
  },
  { keys: "Select words", action: "Set the source span from the selected words" },
  {
    keys: "W, then ← / → (Shift extends), Enter",
    action: "Choose the source words with the keyboard (Esc cancels)",
  },
  { keys: "Shift + Enter", action: "Submit the document" },
  { keys: "Shift + N", action: "Next document that needs you" },
  { keys: "?", action: "Show or hide this help" },
  { keys: "Esc", action: "Close help, collapse the selection to one sentence" },
];

/** The attribution assistant's keys, listed only while the project's assistant is on. */
export const ASSISTANT_KEY_HELP: readonly KeyHelp[] = [
  {
    keys: "A",
    action:
      "Accept the suggested source (adds it to the registry if new); on an untagged sentence also the suggested label",
  },
  { keys: "Shift + A", action: "Show the sentence’s next suggested source" },
];

/** The help overlay's rows: the assistant's keys only when it is on, before `?` and Esc. */
export function keyHelp(options: { assistant: boolean }): readonly KeyHelp[] {
  if (!options.assistant) return KEY_HELP;
  const tail = KEY_HELP.findIndex((k) => k.keys === "?");
  return [...KEY_HELP.slice(0, tail), ...ASSISTANT_KEY_HELP, ...KEY_HELP.slice(tail)];
}

export function commandForKey(press: KeyPress): KeyCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const key = press.key;
  const index = ["1", "2", "3", "4"].indexOf(key);
  const label = LABELS[index];
  if (index >= 0 && label && !press.shiftKey) return { kind: "label", label };
  switch (key) {
    case "0":
    case "Backspace":
    case "Delete":
      return { kind: "clear" };
    case "j":
    case "J":
    case "ArrowDown":
      return { kind: "move", delta: 1, extend: press.shiftKey };
    case "k":
    case "K":
    case "ArrowUp":
      return { kind: "move", delta: -1, extend: press.shiftKey };
    case "r":
    case "R":
      return { kind: "repeat-source" };
    case "?":
      return { kind: "help" };
    case "Escape":
      return { kind: "escape" };
    case "s":
    case "S":
      return { kind: "focus-source" };
    case "Enter":
      return press.shiftKey ? { kind: "submit-document" } : null;
    case "n":
    case "N":
      // As with A: Caps Lock gives "N" without Shift, which still means the note.
      return press.shiftKey ? { kind: "next-document" } : { kind: "focus-note" };
    case "u":
    case "U":
      return { kind: "toggle-unsure" };
    case "w":
    case "W":
      return { kind: "choose-words" };
    case "c":
    case "C":
      return { kind: "grade-credibility" };
    case "a":
    case "A":
      // Caps Lock gives "A" without Shift: only Shift itself asks for the next suggestion.
      return press.shiftKey ? { kind: "next-suggestion" } : { kind: "accept-suggestion" };
    default:
      return null;
  }
}

/**
 * The next taggable position from `from` by `delta`, skipping indices that are
 * not taggable (collapsed boilerplate). Stays put at either end.
 */
export function step(taggable: readonly boolean[], from: number, delta: 1 | -1): number {
  for (let i = from + delta; i >= 0 && i < taggable.length; i += delta) {
    if (taggable[i]) return i;
  }
  return from;
}

/** The inclusive range between anchor and focus, in order. */
export function rangeBetween(anchor: number, focus: number): [number, number] {
  return anchor <= focus ? [anchor, focus] : [focus, anchor];
}

export function wordKeyCommand(press: KeyPress): WordKeyCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  switch (press.key) {
    case "ArrowLeft":
    case "h":
    case "H":
      return { kind: "word-move", delta: -1, extend: press.shiftKey };
    case "ArrowRight":
    case "l":
    case "L":
      return { kind: "word-move", delta: 1, extend: press.shiftKey };
    case "Enter":
      return { kind: "word-set" };
    case "Escape":
      return { kind: "word-cancel" };
    default:
      return null;
  }
}

export function credibilityKeyCommand(press: KeyPress): CredibilityKeyCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === "Escape") return { kind: "credibility-cancel" };
  if (press.key === "0" || press.key === "Backspace" || press.key === "Delete")
    return { kind: "credibility-set", credibility: null };
  const credibility = CREDIBILITY_VALUES.find((n) => String(n) === press.key);
  return credibility ? { kind: "credibility-set", credibility } : null;
}

/**
 * Where the keys start when a document opens: the first untagged sentence
 * after the one worked on last (resuming there), else the first untagged one,
 * else the one worked on last, else the first taggable sentence.
 */
export function startPosition(args: {
  taggable: readonly boolean[];
  tagged: readonly boolean[];
  /** Position of the sentence saved most recently, or null. */
  last: number | null;
}): number {
  const { taggable, tagged } = args;
  const open = (i: number) => taggable[i] === true && tagged[i] !== true;
  const last = args.last !== null && taggable[args.last] ? args.last : null;
  if (last !== null) {
    for (let i = last + 1; i < taggable.length; i++) if (open(i)) return i;
  }
  for (let i = 0; i < taggable.length; i++) if (open(i)) return i;
  if (last !== null) return last;
  return Math.max(0, taggable.indexOf(true));
}
