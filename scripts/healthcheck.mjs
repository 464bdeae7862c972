// The container's health check: exit 0 when /api/health on this host answers 200 (the web
// server is up and reaches the database), 1 otherwise. No curl in the image; Node has fetch.
const port = process.env.PORT || "3000";
try {
  const response = await fetch(`http://127.0.0.1:${port}/api/health`, {
    signal: AbortSignal.timeout(4_000),
  });
  if (!response.ok) console.error(`unhealthy: ${JSON.stringify(await response.json())}`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  console.error(`unhealthy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
