/** A migration could not be created or applied; the message is the engine's, for the user. */
export class MigrationError extends Error {
  override name = "MigrationError";
}
