import { describe, expect, it } from "vitest";
import { firstAdminSchema, signInSchema } from "@/lib/domain/accounts";
import { safeCallbackPath } from "@/lib/domain/redirects";

const valid = {
  name: "Ada",
  email: " Ada@Example.ORG ",
  password: "a".repeat(12),
  confirmPassword: "a".repeat(12),
};

describe("first admin input", () => {
  it("normalises the email to lower case", () => {
    expect(firstAdminSchema.parse(valid).email).toBe("ada@example.org");
  });

  it("requires 12 characters and the same password twice", () => {
    const short = firstAdminSchema.safeParse({
      ...valid,
      password: "a".repeat(11),
      confirmPassword: "a".repeat(11),
    });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.path).toEqual(["password"]);
    const mismatch = firstAdminSchema.safeParse({ ...valid, confirmPassword: "b".repeat(12) });
    expect(mismatch.error?.issues.map((i) => i.path.join("."))).toEqual(["confirmPassword"]);
  });

  it("rejects missing fields and a bad email with messages", () => {
    const result = firstAdminSchema.safeParse({ email: "not-an-email" });
    expect(result.success).toBe(false);
    const fields = result.error?.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(
      expect.arrayContaining(["name", "email", "password", "confirmPassword"]),
    );
  });
});

describe("sign-in input", () => {
  it("does not judge the length of an existing password", () => {
    expect(signInSchema.safeParse({ email: "a@b.org", password: "x" }).success).toBe(true);
    expect(signInSchema.safeParse({ email: "a@b.org", password: "" }).success).toBe(false);
  });
});

describe("callback paths after sign-in", () => {
  it.each([
    ["/projects/x", "/projects/x"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["\\\\evil.example", "/"],
    // Browsers drop tabs and newlines: "/\t/evil.example/" would become "//evil.example/".
    ["/\t/evil.example/", "/"],
    ["/\n/evil.example/", "/"],
    ["/%09/evil.example/", "/"],
    ["/%0a/evil.example/", "/"],
    ["/%0D%0A/evil.example/", "/"],
    ["/%5c/evil.example/", "/"],
    ["/%5Cevil.example", "/"],
    ["/%2F/evil.example/", "/"],
    ["/%252F/evil.example/", "/"],
    ["/%25252525252F/evil.example/", "/"],
    ["/%E0%A4%A", "/"],
    ["/\u0000/x", "/"],
    ["javascript:alert(1)", "/"],
    [" /projects/x", "/"],
    ["/projects/x?tab=a%20b#s-3", "/projects/x?tab=a%20b#s-3"],
    ["/projects/x/../y", "/projects/y"],
    [undefined, "/"],
    [["/a"], "/"],
  ])("%j → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});
