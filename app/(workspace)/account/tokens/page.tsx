import type { Metadata } from "next";
import { ActionButton } from "@/components/admin/action-button";
import { CreateTokenForm } from "@/components/shell/account-forms";
import { requireUserPage } from "@/lib/auth";
import { listApiTokens, tokenStatus } from "@/lib/server/accounts/tokens";
import { createTokenAction, revokeTokenAction } from "@/lib/actions/accounts";
import { ListTable } from "@/components/ui/list-table";
import { loadForPage } from "@/lib/server/page-errors";

export const metadata: Metadata = { title: "API tokens" };

const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

export default async function TokensPage() {
  const actor = await requireUserPage("/account/tokens");
  const tokens = await loadForPage(() => listApiTokens({ actor }));
  return (
    <>
      <p className="mb-4 max-w-2xl text-sm text-stone-600">
        Tokens let scripts use the JSON API as you: send{" "}
        <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. A read-only token
        cannot change anything; neither kind can do more than you can. The API is described at{" "}
        <a className="underline" href="/api/docs">
          /api/docs
        </a>{" "}
        (OpenAPI: <code className="font-mono">/api/openapi.json</code>).
      </p>
      <CreateTokenForm action={createTokenAction} />
      <ListTable
        className="mt-8"
        caption="Your tokens"
        columns={["Name", "Scope", "Created", "Expires", "Last used", "Status"]}
        empty="No tokens yet."
      >
        {tokens.map((t) => {
          const status = tokenStatus(t);
          return (
            <tr key={t.id} className="border-b border-stone-100">
              <td className="py-2 font-medium">{t.name}</td>
              <td>{t.scope === "READ" ? "read" : "read-write"}</td>
              <td>{date(t.createdAt)}</td>
              <td>{date(t.expiresAt)}</td>
              <td>{date(t.lastUsedAt)}</td>
              <td>
                {status === "active" ? (
                  <ActionButton
                    action={revokeTokenAction}
                    fields={{ tokenId: t.id }}
                    label="Revoke"
                    variant="danger"
                  />
                ) : (
                  status
                )}
              </td>
            </tr>
          );
        })}
      </ListTable>
    </>
  );
}
