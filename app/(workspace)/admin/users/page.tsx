import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/admin/action-button";
import { CreateUserForm, ResetLinkButton } from "@/components/admin/create-user-form";
import { requireUserPage } from "@/lib/auth";
import { listUsers } from "@/lib/server/accounts/users";
import {
  createUserAction,
  resetPasswordAction,
  signOutUserAction,
  userStatusAction,
} from "@/lib/actions/admin-users";
import { ListTable } from "@/components/ui/list-table";
import { loadForPage } from "@/lib/server/page-errors";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requireUserPage("/admin/users");
  // listUsers refuses non-administrators itself; the page shows them "not found" rather than an error.
  if (!actor.isAdmin) notFound();
  const users = await loadForPage(() => listUsers({ actor }));
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
      <section
        aria-labelledby="invite-heading"
        className="mt-6 rounded-lg border border-stone-200 bg-white p-5"
      >
        <h2 id="invite-heading" className="mb-4 font-medium">
          Invite someone
        </h2>
        <CreateUserForm action={createUserAction} />
      </section>
      <ListTable
        className="mt-8"
        caption="All accounts"
        columns={["Name", "Email", "Status", "Actions"]}
      >
        {users.map((u) => (
          <tr key={u.id} className="border-b border-stone-100 align-top">
            <td className="py-3 font-medium">{u.name}</td>
            <td className="py-3">{u.email}</td>
            <td className="py-3 text-stone-600">
              {[
                u.isAdmin ? "Administrator" : "User",
                u.disabled ? "disabled" : "active",
                u.pendingInvite ? "invited" : null,
                u.hasPassword ? null : "no password yet",
              ]
                .filter(Boolean)
                .join(" · ")}
            </td>
            <td className="flex flex-wrap gap-2 py-3">
              {u.id === actor.id ? <span className="text-xs text-stone-500">(you)</span> : null}
              <ActionButton
                action={userStatusAction}
                fields={{ userId: u.id, change: u.disabled ? "enable" : "disable" }}
                label={u.disabled ? `Enable` : `Disable`}
                variant={u.disabled ? "secondary" : "danger"}
              />
              <ActionButton
                action={userStatusAction}
                fields={{ userId: u.id, change: u.isAdmin ? "unmake-admin" : "make-admin" }}
                label={u.isAdmin ? "Remove admin" : "Make admin"}
              />
              <ResetLinkButton action={resetPasswordAction} userId={u.id} email={u.email} />
              <ActionButton
                action={signOutUserAction}
                fields={{ userId: u.id }}
                label="Sign out everywhere"
              />
            </td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}
