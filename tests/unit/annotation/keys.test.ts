import { describe, expect, it } from "vitest";
import {
  commandForKey,
  KEY_HELP,
  LABEL_INFO,
  LABELS,
  rangeBetween,
  saveAnnotationSchema,
  startPosition,
  step,
} from "@/lib/domain/annotation";

const press = (
  key: string,
  mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("the keyboard map", () => {
  it("maps 1–4 to the labels in legend order, 0/Backspace to clear, J/K and arrows to moves", () => {
    expect(["1", "2", "3", "4"].map((k) => commandForKey(press(k)))).toEqual(
      LABELS.map((label) => ({ kind: "label", label })),
    );
    expect(LABELS.map((l) => LABEL_INFO[l].key)).toEqual(["1", "2", "3", "4"]);
    expect(commandForKey(press("0"))).toEqual({ kind: "clear" });
    expect(commandForKey(press("Backspace"))).toEqual({ kind: "clear" });
    expect(commandForKey(press("j"))).toEqual({ kind: "move", delta: 1, extend: false });
    expect(commandForKey(press("ArrowUp"))).toEqual({ kind: "move", delta: -1, extend: false });
    expect(commandForKey(press("J", { shiftKey: true }))).toEqual({
      kind: "move",
      delta: 1,
      extend: true,
    });
    expect(commandForKey(press("?", { shiftKey: true }))).toEqual({ kind: "help" });
    expect(commandForKey(press("r"))).toEqual({ kind: "repeat-source" });
  });

  it("leaves browser and OS shortcuts alone", () => {
    expect(commandForKey(press("j", { ctrlKey: true }))).toBeNull();
    expect(commandForKey(press("1", { metaKey: true }))).toBeNull();
    expect(commandForKey(press("x"))).toBeNull();
  });

  it("steps over collapsed boilerplate and stays put at the ends", () => {
    const taggable = [false, true, false, false, true, true, false];
    expect(step(taggable, 1, 1)).toBe(4);
    expect(step(taggable, 4, -1)).toBe(1);
    expect(step(taggable, 5, 1)).toBe(5);
    expect(step(taggable, 1, -1)).toBe(1);
    expect(rangeBetween(5, 2)).toEqual([2, 5]);
  });
});

describe("the save input", () => {
  const base = {
    sentenceId: "7f1d4c1e-8f1a-4b55-9d43-8e6c3c1b2a10",
    label: "OPINION",
    expectedVersion: 0,
  };
  it("trims empty text to null and defaults unsure", () => {
    expect(saveAnnotationSchema.parse({ ...base, sourceText: "  ", note: " ok " })).toMatchObject({
      sourceText: null,
      note: "ok",
      unsure: false,
    });
  });
  it("names the problem with a half span or an unknown label", () => {
    expect(
      saveAnnotationSchema.safeParse({ ...base, sourceStart: 3 }).error?.issues[0]?.message,
    ).toBe("The source span needs both a start and an end.");
    expect(
      saveAnnotationSchema.safeParse({ ...base, label: "FACT" }).error?.issues[0]?.message,
    ).toMatch(/^Unknown label/);
  });
});

describe("document keys", () => {
  it("submits with Shift+Enter and goes to the next document with Shift+N; N alone is the note", () => {
    expect(commandForKey(press("Enter", { shiftKey: true }))).toEqual({ kind: "submit-document" });
    expect(commandForKey(press("Enter"))).toBeNull();
    expect(commandForKey(press("N", { shiftKey: true }))).toEqual({ kind: "next-document" });
    expect(commandForKey(press("n"))).toEqual({ kind: "focus-note" });
    expect(commandForKey(press("N"))).toEqual({ kind: "focus-note" });
  });

  it("lists both in the help", () => {
    const actions = KEY_HELP.map((k) => k.action).join("\n");
    expect(actions).toContain("Submit the document");
    expect(actions).toContain("Next document");
  });
});

describe("where the keys start", () => {
  const taggable = [false, true, true, true, true];
  it("starts on the first untagged sentence of a fresh or partly tagged document", () => {
    expect(startPosition({ taggable, tagged: [], last: null })).toBe(1);
    expect(startPosition({ taggable, tagged: [false, true, true], last: null })).toBe(3);
  });

  it("resumes after the sentence worked on last, skipping what is tagged", () => {
    const tagged = [false, false, false, true, true];
    expect(startPosition({ taggable, tagged, last: 3 })).toBe(1);
    expect(startPosition({ taggable, tagged: [false, true, false, true, false], last: 1 })).toBe(2);
  });

  it("stays on the last one worked on once everything is tagged, and ignores a boilerplate position", () => {
    const tagged = [false, true, true, true, true];
    expect(startPosition({ taggable, tagged, last: 2 })).toBe(2);
    expect(startPosition({ taggable, tagged, last: 0 })).toBe(1);
    expect(startPosition({ taggable: [false, false], tagged: [], last: null })).toBe(0);
  });
});
