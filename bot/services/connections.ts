/**
 * Connecting a CRM from the chat: check pasted credentials live, store them
 * encrypted, later open a stored connection as a connector, and renew its
 * credentials when the customer revoked or changed them.
 *
 * The secret arrives sealed (see `secret-intake.ts`), is opened here only for
 * the check, and leaves this file only sealed again (`secretBox.sealJson`). It is
 * never returned, logged or put into an error message; failures come back as a
 * code the chat turns into a text (`connect-errors.ts`).
 */
import type { Connector } from "../../core/connectors/connector.js";
import { isPereezdError, notFound } from "../../core/errors.js";
import { replaceCredentials } from "../../core/service/index.js";
import type { Logger } from "../../core/logger.js";
import type { SecretBox } from "../../core/security/secret-box.js";
import type { Connection, Stores } from "../../core/store/index.js";
import { systemById } from "../systems/registry.js";
import type { SystemRegistry } from "../systems/types.js";
import { connectErrorOf, type ConnectError } from "./connect-errors.js";

/** What the chat shows after a check; JSON-safe (conversations store it). */
export type ConnectOutcome =
  | {
      ok: true;
      connectionId: string;
      label: string;
      accountKey: string;
      userName: string;
      isAdmin: boolean;
    }
  | { ok: false; error: ConnectError };

/** What the chat shows after new credentials for a stored connection; JSON-safe. */
export type RenewOutcome = { ok: true; label: string } | { ok: false; error: ConnectError };

export interface ConnectionService {
  /** Checks `secretText` for `system` and stores the connection of `customerId` when it works. */
  connect(customerId: string, system: string, secretText: string): Promise<ConnectOutcome>;
  /**
   * Checks `secretText` as new credentials of a stored connection (same portal, every
   * scope) and seals them over the old ones (core/service `replaceCredentials`); on a
   * refusal nothing is stored.
   */
  renew(connectionId: string, secretText: string): Promise<RenewOutcome>;
  /** The connector of a stored connection (decrypts its settings). */
  open(connectionId: string): Promise<Connector>;
}

export interface ConnectionServiceDeps {
  stores: Pick<Stores, "connections">;
  systems: SystemRegistry;
  box: SecretBox;
  logger: Pick<Logger, "info" | "warn">;
}

export function createConnectionService(deps: ConnectionServiceDeps): ConnectionService {
  /** The stored settings, for their non-secret choices; undefined when they cannot be opened. */
  const storedSettings = (secret: Connection["secret"]): unknown => {
    try {
      return deps.box.openJson(secret);
    } catch {
      return undefined;
    }
  };

  return {
    async connect(customerId, systemId, secretText) {
      const system = systemById(deps.systems, systemId);
      if (system === undefined || !system.available) {
        return { ok: false, error: { code: "system_unavailable" } };
      }
      let checked;
      try {
        checked = await system.check(secretText);
      } catch (error) {
        const mapped = connectErrorOf(error);
        deps.logger.info(
          {
            system: systemId,
            kind: isPereezdError(error) ? error.kind : "unknown",
            code: mapped.code,
          },
          "credentials refused",
        );
        return { ok: false, error: mapped };
      }
      const { account } = checked;
      if (account.missingScopes.length > 0) {
        return {
          ok: false,
          error: { code: "missing_scopes", scopes: account.missingScopes, label: account.label },
        };
      }
      const connection = await deps.stores.connections.create({
        customerId,
        system: system.id,
        label: account.label,
        secret: deps.box.sealJson(checked.settings),
        meta: { ...account.meta, accountKey: account.accountKey },
      });
      deps.logger.info(
        { system: systemId, connectionId: connection.id, label: account.label },
        "CRM connected",
      );
      return {
        ok: true,
        connectionId: connection.id,
        label: account.label,
        accountKey: account.accountKey,
        userName: account.userName,
        isAdmin: account.isAdmin,
      };
    },
    async renew(connectionId, secretText) {
      const connection = await deps.stores.connections.getById(connectionId);
      const system = connection === null ? undefined : systemById(deps.systems, connection.system);
      if (connection === null || system === undefined || !system.available) {
        return { ok: false, error: { code: "system_unavailable" } };
      }
      try {
        const renewal = system.renew(secretText, storedSettings(connection.secret));
        const renewed = await replaceCredentials({
          stores: deps.stores,
          box: deps.box,
          connectionId,
          settings: renewal.settings,
          connector: renewal.connector,
        });
        deps.logger.info(
          { system: system.id, connectionId, label: renewed.label },
          "credentials renewed",
        );
        return { ok: true, label: renewed.label };
      } catch (error) {
        const mapped = connectErrorOf(error);
        deps.logger.info(
          {
            system: system.id,
            connectionId,
            kind: isPereezdError(error) ? error.kind : "unknown",
            code: mapped.code,
          },
          "new credentials refused",
        );
        return { ok: false, error: mapped };
      }
    },
    async open(connectionId) {
      const connection = await deps.stores.connections.getById(connectionId);
      if (connection === null)
        throw notFound("The connection no longer exists", { code: "connection_missing" });
      const system = systemById(deps.systems, connection.system);
      if (system === undefined)
        throw notFound(`Unknown system ${connection.system}`, { code: "system_unknown" });
      return system.connector(deps.box.openJson(connection.secret));
    },
  };
}
