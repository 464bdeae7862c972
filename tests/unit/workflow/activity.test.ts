import { describe, expect, it } from "vitest";
import {
  IDLE_LIMIT_MS,
  MAX_REPORT_MS,
  activeTimeReportSchema,
  creditableMs,
  medianSecondsPerSentence,
  recordActivity,
  recordBlur,
  recordFocus,
  startClock,
  takePending,
  type ActivityClock,
} from "@/lib/domain/workflow";

const s = (n: number) => n * 1000;

function run(clock: ActivityClock, events: Array<["act" | "blur" | "focus", number]>) {
  return events.reduce(
    (c, [kind, at]) =>
      kind === "act"
        ? recordActivity(c, at)
        : kind === "blur"
          ? recordBlur(c, at)
          : recordFocus(c, at),
    clock,
  );
}

describe("the activity clock", () => {
  it("counts the gaps between activity while focused", () => {
    const c = run(startClock(0, true), [
      ["act", s(10)],
      ["act", s(25)],
      ["act", s(30)],
    ]);
    expect(c.pendingMs).toBe(s(30));
  });

  it("leaves out a gap longer than two minutes entirely, and counts on after it", () => {
    const c = run(startClock(0, true), [
      ["act", s(20)],
      ["act", s(20) + IDLE_LIMIT_MS + 1],
      ["act", s(20) + IDLE_LIMIT_MS + 1 + s(5)],
    ]);
    expect(c.pendingMs).toBe(s(25));
    // Exactly the limit still counts.
    expect(run(startClock(0, true), [["act", IDLE_LIMIT_MS]]).pendingMs).toBe(IDLE_LIMIT_MS);
  });

  it("stops at a blur, ignores background activity, and restarts at focus", () => {
    const c = run(startClock(0, true), [
      ["act", s(10)],
      ["blur", s(15)],
      ["act", s(50)],
      ["focus", s(100)],
      ["act", s(104)],
    ]);
    expect(c.pendingMs).toBe(s(19));
  });

  it("counts nothing when started unfocused or when the clock goes backwards", () => {
    expect(run(startClock(0, false), [["act", s(10)]]).pendingMs).toBe(0);
    expect(
      run(startClock(s(100), true), [
        ["act", s(40)],
        ["act", s(45)],
      ]).pendingMs,
    ).toBe(s(5));
  });

  it("reports what is pending, capped, and keeps the rest", () => {
    const clock: ActivityClock = {
      focused: true,
      lastActivityAt: 0,
      pendingMs: MAX_REPORT_MS + 1500.5,
    };
    const first = takePending(clock);
    expect(first.reportMs).toBe(MAX_REPORT_MS);
    const second = takePending(first.clock);
    expect(second.reportMs).toBe(1500);
    expect(second.clock.lastActivityAt).toBe(0);
  });
});

describe("server-side crediting", () => {
  it("credits at most the wall-clock time since the previous report", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    expect(creditableMs({ reportedMs: s(30), lastReportAt: null, now })).toBe(s(30));
    expect(
      creditableMs({ reportedMs: s(30), lastReportAt: new Date(now.getTime() - s(10)), now }),
    ).toBe(s(10));
    expect(
      creditableMs({ reportedMs: s(30), lastReportAt: new Date(now.getTime() + s(10)), now }),
    ).toBe(0);
  });

  it("refuses a report over the cap, fractional or negative", () => {
    const documentId = "7b0d3a4e-1c1f-4a53-9f4e-6d3c2b1a0f9e";
    expect(activeTimeReportSchema.safeParse({ documentId, activeMs: s(30) }).success).toBe(true);
    expect(activeTimeReportSchema.safeParse({ documentId, activeMs: 1e12 }).success).toBe(false);
    expect(activeTimeReportSchema.safeParse({ documentId, activeMs: 1.5 }).success).toBe(false);
    expect(activeTimeReportSchema.safeParse({ documentId, activeMs: -5 }).success).toBe(false);
  });
});

describe("medianSecondsPerSentence", () => {
  it("is the median of each document's seconds per tagged sentence", () => {
    expect(
      medianSecondsPerSentence([
        { activeMs: s(100), sentences: 10 }, // 10 s
        { activeMs: s(60), sentences: 2 }, // 30 s
        { activeMs: s(40), sentences: 10 }, // 4 s
      ]),
    ).toBe(10);
    expect(
      medianSecondsPerSentence([
        { activeMs: s(40), sentences: 10 },
        { activeMs: s(100), sentences: 10 },
      ]),
    ).toBe(7);
  });

  it("skips documents without time or tags, and is null when none is left", () => {
    expect(
      medianSecondsPerSentence([
        { activeMs: 0, sentences: 3 },
        { activeMs: s(9), sentences: 0 },
      ]),
    ).toBeNull();
    expect(medianSecondsPerSentence([])).toBeNull();
  });
});
