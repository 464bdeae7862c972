import type { Metadata } from "next";
import { AddMemberForm, MemberRoleForm } from "@/components/admin/member-forms";
import { requireUserPage } from "@/lib/auth";
import { requireProjectAccess } from "@/lib/server/access";
import { listMembers } from "@/lib/server/projects/members";
import { loadForPage } from "@/lib/server/page-errors";
import { addMemberAction, changeMemberAction } from "@/lib/actions/members";
import { ListTable } from "@/components/ui/list-table";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const actor = await requireUserPage(`/projects/${slug}/members`);
  const { project, members } = await loadForPage(async () => {
    const access = await requireProjectAccess(actor, { slug }, "members:manage");
    return {
      project: access.project,
      members: await listMembers({ actor, projectId: access.project.id }),
    };
  });
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Members</h1>
      <AddMemberForm action={addMemberAction} projectId={project.id} />
      <ListTable
        className="mt-8"
        caption={`Members of ${project.name}`}
        columns={["Name", "Email", "Role"]}
      >
        {members.map((m) => (
          <tr key={m.userId} className="border-b border-stone-100">
            <td className="py-2 font-medium">
              {m.name}
              {m.disabled ? <span className="ml-2 text-xs text-stone-500">(disabled)</span> : null}
            </td>
            <td>{m.email}</td>
            <td className="py-2">
              <MemberRoleForm
                action={changeMemberAction}
                projectId={project.id}
                userId={m.userId}
                role={m.role}
                name={m.name}
              />
            </td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}
