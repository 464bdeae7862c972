import type { Metadata } from "next";
import { PasswordForm } from "@/components/shell/account-forms";
import { requireUserPage } from "@/lib/auth";
import { passwordAction } from "@/lib/actions/accounts";

export const metadata: Metadata = { title: "Password" };

export default async function PasswordPage() {
  const user = await requireUserPage("/account/password");
  return <PasswordForm action={passwordAction} email={user.email} />;
}
