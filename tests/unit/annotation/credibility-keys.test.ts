import { describe, expect, it } from "vitest";
import { commandForKey, credibilityKeyCommand, KEY_HELP } from "@/lib/domain/annotation";

const press = (key: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean }> = {}) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe("credibility by keyboard", () => {
  it("C starts grading; it is no other command's key", () => {
    expect(commandForKey(press("c"))).toEqual({ kind: "grade-credibility" });
    expect(commandForKey(press("C", { shiftKey: true }))).toEqual({ kind: "grade-credibility" });
    expect(KEY_HELP.filter((k) => /^C\b/.test(k.keys))).toHaveLength(1);
  });

  it("then 1–6 set the grade, 0 or Backspace clear it, Esc cancels, other keys do nothing", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => credibilityKeyCommand(press(String(n))))).toEqual(
      [1, 2, 3, 4, 5, 6].map((credibility) => ({ kind: "credibility-set", credibility })),
    );
    expect(credibilityKeyCommand(press("0"))).toEqual({
      kind: "credibility-set",
      credibility: null,
    });
    expect(credibilityKeyCommand(press("Backspace"))).toEqual({
      kind: "credibility-set",
      credibility: null,
    });
    expect(credibilityKeyCommand(press("Escape"))).toEqual({ kind: "credibility-cancel" });
    for (const key of ["7", "9", "j", "1.5"]) expect(credibilityKeyCommand(press(key))).toBeNull();
    expect(credibilityKeyCommand(press("2", { ctrlKey: true }))).toBeNull();
  });
});
