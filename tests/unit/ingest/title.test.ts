import { describe, expect, it } from "vitest";
import { withoutSiteSuffix } from "@/lib/domain/ingest/title";

describe("withoutSiteSuffix", () => {
  it.each([
    ["Floods force 12,000 from homes - BBC News", "BBC News", "Floods force 12,000 from homes"],
    ["Markets slide on rate fears | Reuters", "Reuters", "Markets slide on rate fears"],
    ["Minister resigns — The Guardian", "The Guardian", "Minister resigns"],
    ["Minister resigns – Guardian", "The Guardian", "Minister resigns"],
    ["Storm hits coast · Le Monde", "le monde", "Storm hits coast"],
    ["Storm hits coast | bbc.co.uk", "BBC", "Storm hits coast"],
    ["Budget: what it means - Financial-Times", "Financial Times", "Budget: what it means"],
  ])("strips the publisher from %j", (title, publisher, expected) => {
    expect(withoutSiteSuffix(title, publisher)).toBe(expected);
  });

  it.each([
    ["Brexit - what happens next", "BBC News"],
    ["Floods force 12,000 from homes - BBC News", undefined],
    ["Floods - BBC News - live updates", "BBC News"],
    ["BBC News", "BBC News"],
    ["A - BBC", "BBC"],
    ["Well-known - Reuters-style headline", "Reuters"],
  ])("leaves %j alone (publisher %j)", (title, publisher) => {
    expect(withoutSiteSuffix(title, publisher)).toBe(title);
  });
});
