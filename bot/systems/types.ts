/**
 * A CRM "system" as the chat sees it: whether it can be chosen yet, how its
 * credentials are asked for and checked, and how a stored connection becomes a
 * connector. The journey is written against this interface, so amoCRM, Jira and
 * Google Sheets plug in by adding one file each (DESIGN.md §1 step 2).
 */
import type { Connector } from "../../core/connectors/connector.js";
import type { CrmSystem } from "../../core/store/index.js";

/** What a live check of the credentials learned; nothing here is secret. */
export interface ConnectedAccount {
  /** Shown to the user and stored as the connection's label, e.g. the portal host. */
  label: string;
  /** Identity of the account, to notice the same portal chosen as source and target. */
  accountKey: string;
  userName: string;
  isAdmin: boolean;
  /** Permissions the migration needs that the credentials lack. */
  missingScopes: string[];
  /** Non-secret facts kept with the connection (portal, scopes, cloud or on-premise). */
  meta: Record<string, unknown>;
}

/** A successful check: what to show, and the settings to store encrypted. */
export interface CheckedCredentials {
  account: ConnectedAccount;
  /** JSON the system's `connector()` takes back after decryption (carries the secret). */
  settings: unknown;
}

export interface SystemSpec {
  id: CrmSystem;
  /** False: listed as "coming soon" and refused when chosen. */
  available: boolean;
  /** Locale key of the prompt that asks for the credentials. */
  credentialPrompt: string;
  /** Text that certainly carries this system's secret, sealed even when pasted at the wrong step. */
  secretPattern?: RegExp;
  /** Checks pasted credentials live; throws `PereezdError`s whose `code`/`kind` the chat explains. */
  check(text: string, signal?: AbortSignal): Promise<CheckedCredentials>;
  /** A connector for stored settings (as `check` returned them). */
  connector(settings: unknown): Connector;
  /**
   * New credentials for a stored connection, not yet checked: the settings to seal
   * and a connector built from them (core/service `replaceCredentials` checks it).
   * `stored` is the connection's current settings; their non-secret choices (e.g.
   * cloud or on-premise) are kept. Throws like `check` for malformed text.
   */
  renew(text: string, stored: unknown): Renewal;
}

/** What `renew` gives `replaceCredentials`. */
export interface Renewal {
  /** JSON the system's `connector()` takes back after decryption (carries the secret). */
  settings: unknown;
  connector: Connector;
}

/** Every system in the order the chat lists them. */
export type SystemRegistry = readonly SystemSpec[];
