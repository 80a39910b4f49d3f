/**
 * New credentials for a stored connection, e.g. after the customer revoked the
 * webhook a run was using (the run stopped with an `auth` error naming the
 * portal). The new ones are checked live first and must reach the same account
 * with every scope the migration needs; only then are they sealed over the old
 * ones, so a run resumed afterwards continues where it stopped.
 */
import type { Connector } from "../connectors/connector.js";
import { invalidInput, notFound, PereezdError } from "../errors.js";
import type { SecretBox } from "../security/secret-box.js";
import type { Connection, Stores } from "../store/index.js";

export interface ReplaceCredentialsInput {
  stores: Pick<Stores, "connections">;
  box: SecretBox;
  connectionId: string;
  /** The connector's new settings as plain JSON (secret included), sealed before storing. */
  settings: unknown;
  /** A connector built from `settings`. */
  connector: Connector;
  signal?: AbortSignal;
}

/** Checks and stores the new credentials; the connection is active again afterwards. */
export async function replaceCredentials(input: ReplaceCredentialsInput): Promise<Connection> {
  const { stores, connectionId } = input;
  const connection = await stores.connections.getById(connectionId);
  if (connection === null)
    throw notFound("The CRM connection no longer exists", { code: "connection_missing" });
  const check = await input.connector.check(input.signal);
  const stored =
    typeof connection.meta.portal === "string" ? connection.meta.portal : connection.label;
  if (check.accountName !== stored) {
    throw invalidInput(
      `The new credentials are for ${check.accountName}, but this connection is to ${stored}; give credentials of ${stored}`,
      { code: "different_account", details: { expected: stored, got: check.accountName } },
    );
  }
  if (check.missingScopes.length > 0) {
    throw new PereezdError(
      "auth",
      `The new connection to ${check.accountName} lacks the permissions (scopes) ${check.missingScopes.join(", ")}; grant them and try again`,
      {
        code: "missing_scopes",
        details: { account: check.accountName, missingScopes: check.missingScopes },
      },
    );
  }
  return stores.connections.update(connectionId, {
    secret: input.box.sealJson(input.settings),
    status: "active",
    meta: {
      ...connection.meta,
      scopes: check.scopes,
      user: { id: check.user.id, name: check.user.name, isAdmin: check.user.isAdmin },
    },
  });
}
