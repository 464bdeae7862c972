import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/domain/redirects";
import { SSO_REFUSALS } from "@/lib/domain/sso";
import { enabledSsoProviders } from "@/lib/server/accounts/sso";
import { hasAnyUser } from "@/lib/server/accounts/users";
import { ssoSignInAction } from "@/lib/actions/auth";
import { LoginForm } from "./login-form";
import { loadForPage } from "@/lib/server/page-errors";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[]; sso?: string | string[] }>;
}) {
  if (!(await loadForPage(hasAnyUser))) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const providers = enabledSsoProviders();
  // Only known codes are shown: the message text never comes from the URL.
  const refusal =
    typeof params.sso === "string" && params.sso in SSO_REFUSALS
      ? SSO_REFUSALS[params.sso as keyof typeof SSO_REFUSALS]
      : null;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in</h1>
      {refusal ? (
        <p
          role="alert"
          className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {refusal}
        </p>
      ) : null}
      <LoginForm callbackUrl={callbackUrl} />
      {providers.length > 0 ? (
        <div className="mt-6 space-y-2 border-t border-stone-200 pt-6">
          {providers.map((p) => (
            <form key={p.id} action={ssoSignInAction}>
              <input type="hidden" name="provider" value={p.id} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <button
                type="submit"
                className="w-full rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium hover:bg-stone-100"
              >
                Sign in with {p.name}
              </button>
            </form>
          ))}
        </div>
      ) : null}
    </>
  );
}
