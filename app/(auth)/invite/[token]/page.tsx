import type { Metadata } from "next";
import Link from "next/link";
import { checkInvite } from "@/lib/server/accounts/invites";
import { InviteForm } from "./invite-form";
import { loadForPage } from "@/lib/server/page-errors";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await loadForPage(() => checkInvite(token));
  if (!invite) {
    return (
      <>
        <h1 className="mb-4 text-xl font-semibold">This link cannot be used</h1>
        <p className="text-sm text-stone-700">
          It has expired or has already been used. Ask an administrator for a new one.
        </p>
        <Link href="/login" className="mt-6 inline-block text-sm underline">
          Go to sign in
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Welcome, {invite.name}</h1>
      <p className="mb-6 text-sm text-stone-600">Choose a password for {invite.email}.</p>
      <InviteForm token={token} email={invite.email} />
    </>
  );
}
