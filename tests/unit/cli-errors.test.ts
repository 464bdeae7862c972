import { describe, expect, it } from "vitest";
import { oneLineError } from "@/scripts/lib/cli";

/** An error as Prisma's client throws it: a multi-line message and a code. */
function prismaError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("oneLineError", () => {
  it("tells a busy database's transaction timeout as one line that says nothing was changed", () => {
    const line = oneLineError(
      prismaError(
        "P2028",
        "Transaction API error: Transaction already closed: A commit cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms.\n    at stack…",
      ),
    );
    expect(line).toMatch(/too busy.*nothing was changed/);
    expect(line).not.toContain("\n");
  });

  it("keeps only the first line of anything else, with its code when it has one", () => {
    expect(oneLineError(new Error("\nboom\n    at x (y.ts:1:1)"))).toBe("Failed: boom");
    expect(oneLineError(prismaError("P9999", "odd\nmore"))).toBe("Failed: odd (P9999)");
    expect(oneLineError("plain")).toBe("Failed: plain");
  });
});
