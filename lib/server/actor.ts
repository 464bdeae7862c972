import "server-only";

/** The signed-in user as every lib/server function receives it: loaded fresh on each request. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
}
