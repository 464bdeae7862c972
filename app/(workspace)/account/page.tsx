import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/action-button";
import { ProfileForm } from "@/components/shell/account-forms";
import { requireUserPage } from "@/lib/auth";
import { profileAction, signOutEverywhereAction } from "@/lib/actions/accounts";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const user = await requireUserPage("/account");
  return (
    <>
      <p className="mb-4 text-sm text-stone-600">
        Signed in as {user.email}
        {user.isAdmin ? " · administrator" : ""}
      </p>
      <ProfileForm action={profileAction} name={user.name} />
      <section aria-labelledby="sessions-heading" className="mt-10 max-w-md">
        <h2 id="sessions-heading" className="font-medium">
          Sessions
        </h2>
        <p className="mt-1 mb-3 text-sm text-stone-600">
          Ends your session in every browser where you are signed in, this one included. API tokens
          are not affected: revoke them under Tokens.
        </p>
        <ActionButton
          action={signOutEverywhereAction}
          fields={{}}
          label="Sign out of all devices"
          variant="danger"
        />
      </section>
    </>
  );
}
