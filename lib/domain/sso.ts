/**
 * Single sign-on policy. An identity from GitHub or an OIDC provider signs
 * in to the account it was linked to before, or is linked to the existing,
 * active account with the same verified email. SSO never creates accounts
 * (an administrator invites people first) and so never creates an admin.
 */
export interface SsoUser {
  id: string;
  disabled: boolean;
  isPlaceholder: boolean;
}

export const SSO_REFUSALS = {
  disabled: "This account is disabled.",
  unverified: "Your sign-in provider did not confirm a verified email address.",
  "no-account":
    "There is no active Sourcelight account for that email. Ask an administrator to invite you.",
} as const;
export type SsoRefusal = keyof typeof SSO_REFUSALS;

export type SsoDecision =
  | { kind: "sign-in"; userId: string }
  | { kind: "link"; userId: string }
  | { kind: "refuse"; code: SsoRefusal };

export function decideSsoSignIn(input: {
  linkedUser: SsoUser | null;
  email: string | null;
  emailVerified: boolean;
  userByEmail: SsoUser | null;
}): SsoDecision {
  const usable = (u: SsoUser) => !u.disabled && !u.isPlaceholder;
  if (input.linkedUser) {
    return usable(input.linkedUser)
      ? { kind: "sign-in", userId: input.linkedUser.id }
      : { kind: "refuse", code: "disabled" };
  }
  if (!input.email || !input.emailVerified) {
    return { kind: "refuse", code: "unverified" };
  }
  if (!input.userByEmail || !usable(input.userByEmail)) {
    return { kind: "refuse", code: "no-account" };
  }
  return { kind: "link", userId: input.userByEmail.id };
}
