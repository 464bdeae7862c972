import { describe, expect, it } from "vitest";
import {
  commandForKey,
  LABEL_INFO,
  LABELS,
  rangeBetween,
  saveAnnotationSchema,
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
