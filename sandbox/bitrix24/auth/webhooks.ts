/**
 * Inbound webhooks of one portal ("application passwords" in the server code): a user
 * id, a secret code and the scopes ticked on the webhook; optionally an expiry.
 *
 * Docs: docs:local-integrations/local-webhooks.md. Lookup mechanics:
 * srv:modules/rest/lib/apauth/auth.php (`check`): the user part must be the numeric id
 * (a login is also accepted there; the sandbox has no logins), the code must belong to
 * an active password of that user.
 */
import type { Clock } from "../clock.js";
import { randomSecret, safeEqual } from "./secrets.js";

/** One inbound webhook. */
export interface Webhook {
  /** Internal id (the server's PASSWORD_ID); keys the operating budget. */
  readonly id: number;
  readonly userId: number;
  readonly code: string;
  scopes: ReadonlySet<string>;
  /** Epoch ms; after it the webhook is refused like a deleted one. */
  expiresAt?: number;
  revoked: boolean;
}

/** What creating a webhook takes. */
export interface NewWebhook {
  /** Defaults to 1, the portal's first administrator. */
  userId?: number;
  scopes: Iterable<string>;
  /** A fixed code (seed files, tests); random 16 characters otherwise. */
  code?: string;
  expiresAt?: number;
}

/** The webhooks of one portal. */
export class WebhookRegistry {
  private readonly items: Webhook[] = [];
  private nextId = 1;

  constructor(private readonly clock: Clock) {}

  add(spec: NewWebhook): Webhook {
    const webhook: Webhook = {
      id: this.nextId++,
      userId: spec.userId ?? 1,
      code: spec.code ?? randomSecret(16),
      scopes: new Set(spec.scopes),
      revoked: false,
      ...(spec.expiresAt === undefined ? {} : { expiresAt: spec.expiresAt }),
    };
    this.items.push(webhook);
    return webhook;
  }

  /** Revoke by code; false when no such webhook exists. */
  revoke(code: string): boolean {
    const webhook = this.items.find((w) => w.code === code);
    if (!webhook) return false;
    webhook.revoked = true;
    return true;
  }

  all(): readonly Webhook[] {
    return this.items;
  }

  /**
   * The active webhook for a URL's `<userId>/<code>` pair. Every candidate's code is
   * compared in constant time so a wrong code costs the same as a right one.
   */
  find(userId: string, code: string): Webhook | undefined {
    const id = /^(?:0|-?[1-9]\d*)$/.test(userId) ? Number(userId) : NaN;
    const now = this.clock.now();
    let found: Webhook | undefined;
    for (const webhook of this.items) {
      const codeMatches = safeEqual(code, webhook.code);
      const active =
        !webhook.revoked && (webhook.expiresAt === undefined || webhook.expiresAt > now);
      if (codeMatches && active && webhook.userId === id) found = webhook;
    }
    return found;
  }
}
