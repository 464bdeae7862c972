import Link from "next/link";
import type { Actor } from "@/lib/server/actor";
import { AccountMenu } from "./account-menu";

export function AppHeader({ user }: { user: Actor }) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Sourcelight
        </Link>
        <nav aria-label="Account">
          <AccountMenu name={user.name} email={user.email} isAdmin={user.isAdmin} />
        </nav>
      </div>
    </header>
  );
}
