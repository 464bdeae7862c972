import Link from "next/link";
import { signOutAction } from "@/lib/actions/auth";

const item = "block w-full px-3 py-2 text-left text-sm hover:bg-stone-100 focus:bg-stone-100";

/** The account menu: a native disclosure, so it works with the keyboard and without JavaScript. */
export function AccountMenu({
  name,
  email,
  isAdmin,
}: {
  name: string;
  email: string;
  isAdmin: boolean;
}) {
  return (
    <details className="relative">
      <summary className="cursor-pointer list-none rounded-md px-3 py-1.5 text-sm text-stone-700 hover:bg-stone-100">
        <span className="sr-only">Account menu for </span>
        {name}
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-56 rounded-md border border-stone-200 bg-white py-1 shadow-lg">
        <p className="truncate px-3 py-2 text-xs text-stone-500">{email}</p>
        <Link href="/account" className={item}>
          Profile
        </Link>
        <Link href="/account/password" className={item}>
          Password
        </Link>
        <Link href="/account/tokens" className={item}>
          API tokens
        </Link>
        {isAdmin ? (
          <>
            <Link href="/admin/users" className={item}>
              Users
            </Link>
            <Link href="/admin/audit" className={item}>
              Audit log
            </Link>
          </>
        ) : null}
        <form action={signOutAction}>
          <button type="submit" className={item}>
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
