/**
 * Choosing a system and connecting it (DESIGN.md §1 step 2): the system from the
 * registry, then its credentials, checked live at once. The credential message
 * is sealed and deleted before the dialog sees it (secret-intake.ts); a refusal
 * says what is wrong and asks again, and nothing is stored until a check passes.
 */
import { t } from "../../i18n.js";
import type { ConnectOutcome } from "../../services/connections.js";
import type { ConnectError } from "../../services/connect-errors.js";
import type { SystemSpec } from "../../systems/types.js";
import { askText, choose, say, type FlowEnv } from "../ask.js";

export type Side = "source" | "target";
export type Connected = Extract<ConnectOutcome, { ok: true }>;

/** Asks which system `side` is; "coming soon" systems are explained and the question repeated. */
export async function chooseSystem(env: FlowEnv, side: Side): Promise<SystemSpec> {
  const { systems } = env.deps;
  const rows = systems.map((s) => [
    {
      text: s.available
        ? t(env.lang, `system.${s.id}`)
        : t(env.lang, "connect.soon_label", { system: t(env.lang, `system.${s.id}`) }),
      data: `w:sys:${s.id}`,
    },
  ]);
  for (;;) {
    const { value } = await choose(env, t(env.lang, `connect.choose_${side}`), rows, "w:sys:");
    const system = systems.find((s) => s.id === value);
    if (system?.available === true) return system;
    await say(env, "connect.soon", { system: t(env.lang, `system.${value}`) });
  }
}

/** The chat's text for a refused check. */
export function connectErrorText(env: FlowEnv, error: ConnectError): string {
  const vars = {
    scopes: (error.scopes ?? []).join(", "),
    portal: error.label ?? "",
    expected: error.expected ?? "",
  };
  return t(env.lang, `connect.error.${error.code}`, vars);
}

/**
 * Asks for `system`'s credentials until a check passes; returns the stored
 * connection. `avoid` is the other side's account: the same portal twice is refused.
 */
export async function connectAccount(
  env: FlowEnv,
  side: Side,
  system: SystemSpec,
  customerId: string,
  avoid: string | null,
): Promise<Connected> {
  const { deps, conversation, chatId } = env;
  for (;;) {
    await conversation.external(() => deps.intake.expect(chatId));
    const answer = await askText(
      env,
      `${t(env.lang, `connect.side_${side}`)}\n\n${t(env.lang, system.credentialPrompt)}`,
    );
    await say(env, "connect.checking");
    const outcome = await conversation.external(async (): Promise<ConnectOutcome> => {
      await deps.intake.clear(chatId);
      const secret = deps.intake.open(answer, chatId) ?? answer;
      const result = await deps.connections.connect(customerId, system.id, secret);
      if (result.ok && avoid !== null && result.accountKey === avoid) {
        await deps.stores.connections.delete(result.connectionId);
        return { ok: false, error: { code: "same_account", label: result.label } };
      }
      return result;
    });
    if (outcome.ok) {
      await say(env, outcome.isAdmin ? "connect.ok_admin" : "connect.ok", {
        portal: outcome.label,
        user: outcome.userName,
      });
      return outcome;
    }
    await env.ctx.reply(connectErrorText(env, outcome.error));
  }
}
