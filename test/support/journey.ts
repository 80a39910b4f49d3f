/**
 * The wizard's happy path as test steps, shared by the flow, feature and
 * end-to-end tests: from /start to the estimate, with the Russian labels.
 */

/** What a journey needs from a chat: send text, press a button by label, restart. */
export interface JourneyChat {
  send(text: string): Promise<void>;
  press(label: string): Promise<void>;
  said(since?: number): string;
  mark(): number;
}

export interface Webhooks {
  source: string;
  target: string;
}

/** /start → both portals connected. */
export async function connectBoth(chat: JourneyChat, hooks: Webhooks): Promise<void> {
  await chat.send("/start");
  await chat.press("Новый перенос");
  await chat.press("Битрикс24");
  await chat.send(hooks.source);
  await chat.press("Битрикс24");
  await chat.send(hooks.target);
}

/** Everything accepted as proposed, up to the estimate with its buttons. */
export async function acceptAll(chat: JourneyChat, entities = 4): Promise<void> {
  await chat.press("Дальше");
  for (let i = 0; i < entities; i++) await chat.press("Принять");
}

export async function walkToEstimate(chat: JourneyChat, hooks: Webhooks): Promise<void> {
  await connectBoth(chat, hooks);
  await acceptAll(chat);
}
