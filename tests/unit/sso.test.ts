import { describe, expect, it } from "vitest";
import { decideSsoSignIn } from "@/lib/domain/sso";

const active = { id: "u1", disabled: false, isPlaceholder: false };

describe("single sign-on policy", () => {
  it("signs a linked identity in to its account, whatever the email now says", () => {
    expect(
      decideSsoSignIn({ linkedUser: active, email: null, emailVerified: false, userByEmail: null }),
    ).toEqual({ kind: "sign-in", userId: "u1" });
  });

  it("refuses a linked identity whose account was disabled", () => {
    expect(
      decideSsoSignIn({
        linkedUser: { ...active, disabled: true },
        email: "a@b.org",
        emailVerified: true,
        userByEmail: null,
      }),
    ).toEqual({
      kind: "refuse",
      code: "disabled",
    });
  });

  it("links a new identity only by a verified email to an existing active account", () => {
    expect(
      decideSsoSignIn({
        linkedUser: null,
        email: "a@b.org",
        emailVerified: true,
        userByEmail: active,
      }),
    ).toEqual({ kind: "link", userId: "u1" });
    expect(
      decideSsoSignIn({
        linkedUser: null,
        email: "a@b.org",
        emailVerified: false,
        userByEmail: active,
      }),
    ).toEqual({ kind: "refuse", code: "unverified" });
    expect(
      decideSsoSignIn({ linkedUser: null, email: null, emailVerified: true, userByEmail: null }),
    ).toEqual({ kind: "refuse", code: "unverified" });
  });

  it("never creates an account: unknown, disabled and placeholder accounts are refused", () => {
    for (const userByEmail of [
      null,
      { ...active, disabled: true },
      { ...active, isPlaceholder: true },
    ]) {
      expect(
        decideSsoSignIn({ linkedUser: null, email: "a@b.org", emailVerified: true, userByEmail }),
      ).toEqual({ kind: "refuse", code: "no-account" });
    }
  });
});
