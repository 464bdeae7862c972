"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface ProjectNavItem {
  href: string;
  label: string;
}

/** Section tabs of a project; which ones appear is decided on the server from the member's role. */
export function ProjectNav({ items }: { items: ProjectNavItem[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Project" className="mt-4 border-b border-stone-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {items.map((item) => {
          const current =
            item === items[0]
              ? pathname === item.href || pathname.startsWith(`${item.href}/documents`)
              : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className="inline-block border-b-2 border-transparent px-3 py-2 text-sm text-stone-600 hover:text-stone-900 aria-[current=page]:border-stone-900 aria-[current=page]:font-medium aria-[current=page]:text-stone-900"
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
