import { describe, expect, it } from "vitest";
import { pageContentSecurityPolicy } from "@/lib/domain/security-headers";

const directives = (policy: string) =>
  new Map(
    policy.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

describe("pageContentSecurityPolicy", () => {
  it("runs only scripts with this response's nonce, and frames nothing", () => {
    const csp = directives(pageContentSecurityPolicy({ nonce: "abc123", dev: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
  });

  it("allows eval only in development, and SSO providers as form targets", () => {
    const dev = directives(
      pageContentSecurityPolicy({
        nonce: "n",
        dev: true,
        formActionOrigins: ["https://github.com"],
      }),
    );
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("form-action")).toEqual(["'self'", "https://github.com"]);
  });
});
