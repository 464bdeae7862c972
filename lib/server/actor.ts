import "server-only";

/** The signed-in user as every lib/server function receives it: loaded fresh on each request. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}

/** A user row (with its role) as the Actor the lib/server functions receive. */
export function actorOf(user: { id: string; email: string; name: string; role: string }): Actor {
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.role === "ADMIN" };
}

/** The server's operator at the shell (`npm run user`, `import`, `export`): trusted, audited with no user id. */
export interface CliOperator {
  cli: true;
}

export const CLI_OPERATOR: CliOperator = { cli: true };

/** Who may call the lib/server functions the CLI shares with the web: a signed-in user, or the operator. */
export type Operator = Actor | CliOperator;

export function isCliOperator(op: Operator): op is CliOperator {
  return "cli" in op;
}

/** The user id an audit event records: none for the operator. */
export function operatorUserId(op: Operator): string | null {
  return isCliOperator(op) ? null : op.id;
}
