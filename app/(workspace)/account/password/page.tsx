import type { Metadata } from "next";
import { PasswordForm } from "@/components/shell/account-forms";
import { requireUserPage } from "@/lib/auth";
import { passwordAction } from "@/lib/actions/accounts";

export const metadata: Metadata = { title: "Password" };

export default async function PasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUserPage("/account/password");
  const { changed } = await searchParams;
  return <PasswordForm action={passwordAction} email={user.email} changed={changed === "1"} />;
}
