/** Next runs this once when the server starts (not in the browser, not per request). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { registerFastRoutes } = await import("@/lib/server/api/fast-routes");
  registerFastRoutes();
}
