import type { Metadata } from "next";
import { ProfileForm } from "@/components/shell/account-forms";
import { requireUserPage } from "@/lib/auth";
import { profileAction } from "@/lib/actions/accounts";

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
    </>
  );
}
