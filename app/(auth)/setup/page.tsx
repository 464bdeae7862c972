import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { hasAnyUser } from "@/lib/server/accounts/users";
import { SetupForm } from "./setup-form";
import { loadForPage } from "@/lib/server/page-errors";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage() {
  // First-run only: once an account exists this page does not exist either.
  if (await loadForPage(hasAnyUser)) notFound();
  return (
    <>
      <h1 className="text-xl font-semibold">Welcome to Sourcelight</h1>
      <p className="mt-1 mb-6 text-sm text-stone-600">
        Create the first administrator account. You can invite analysts afterwards.
      </p>
      <SetupForm />
    </>
  );
}
