import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/domain/redirects";
import { hasAnyUser } from "@/lib/server/users";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in</h1>
      <LoginForm callbackUrl={callbackUrl} />
    </>
  );
}
