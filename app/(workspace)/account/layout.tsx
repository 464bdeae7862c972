import Link from "next/link";

const SECTIONS = [
  { href: "/account", label: "Profile" },
  { href: "/account/password", label: "Password" },
  { href: "/account/tokens", label: "API tokens" },
];

export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
      <nav aria-label="Account sections" className="mt-4 border-b border-stone-200">
        <ul className="-mb-px flex gap-1">
          {SECTIONS.map((s) => (
            <li key={s.href}>
              <Link
                href={s.href}
                className="inline-block px-3 py-2 text-sm text-stone-600 hover:text-stone-900"
              >
                {s.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-6">{children}</div>
    </>
  );
}
