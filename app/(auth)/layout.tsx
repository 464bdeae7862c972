// Every page here depends on who is signed in and on the database: never prerender.
export const dynamic = "force-dynamic";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-2xl font-semibold tracking-tight">Sourcelight</p>
        <div className="rounded-xl border border-stone-200 bg-white p-8 shadow-sm">{children}</div>
      </div>
    </main>
  );
}
