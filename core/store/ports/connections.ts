/**
 * CRM connections: which portal a customer connected and its sealed credentials.
 *
 * The repository stores the secret as an opaque blob (see core/security/secret-box);
 * it never encrypts, decrypts or logs it.
 */
import { z } from "zod";
import { sealedSecretSchema } from "../../security/secret-box.js";
import { idSchema } from "./common.js";

export const crmSystemSchema = z.enum(["bitrix24", "amocrm", "jira", "gsheets"]);
export type CrmSystem = z.infer<typeof crmSystemSchema>;

export const connectionStatusSchema = z.enum(["active", "revoked"]);
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

export const connectionSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  system: crmSystemSchema,
  /** Human label such as the portal host; never a secret. */
  label: z.string().min(1).max(256),
  secret: sealedSecretSchema,
  /** Non-secret, JSON-compatible facts: portal name, scopes, cloud/box. */
  meta: z.record(z.string(), z.unknown()),
  status: connectionStatusSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const newConnectionSchema = connectionSchema
  .pick({ customerId: true, system: true, label: true, secret: true })
  .extend({
    meta: connectionSchema.shape.meta.default({}),
    status: connectionStatusSchema.default("active"),
  });
/** Input of `create`: `meta` defaults to `{}`, `status` to "active". */
export type NewConnection = z.input<typeof newConnectionSchema>;

export const connectionPatchSchema = connectionSchema
  .pick({ label: true, secret: true, meta: true, status: true })
  .partial();
/** What may change after creation, e.g. a new secret after re-auth. */
export type ConnectionPatch = z.infer<typeof connectionPatchSchema>;

/** A customer's CRM connections. */
export interface ConnectionRepository {
  /** Stores a new connection and returns it with its id. */
  create(input: NewConnection): Promise<Connection>;
  /** The connection with this id, or null. */
  getById(id: string): Promise<Connection | null>;
  /** A customer's connections, oldest first. */
  listByCustomer(customerId: string): Promise<Connection[]>;
  /** Applies `patch`; `not_found` if there is no such connection. */
  update(id: string, patch: ConnectionPatch): Promise<Connection>;
  /** Removes the connection; false if it did not exist. */
  delete(id: string): Promise<boolean>;
}
