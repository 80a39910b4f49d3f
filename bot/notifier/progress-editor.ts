/**
 * One progress message per migration, edited in place, at most one edit per chat
 * every `intervalMs` (Telegram tolerates ~1 message/s per chat and fewer edits in
 * groups; libraries.md §1.6). Snapshots that arrive faster are coalesced: the
 * latest text per migration waits for the chat's next slot. Unchanged text and
 * snapshots older than the one shown are skipped.
 */
import type { ChatRef } from "../../core/store/index.js";
import type { Keyboard, NotifierClock } from "./types.js";

export interface ProgressEdit {
  chat: ChatRef;
  migrationId: string;
  text: string;
  keyboard?: Keyboard;
  /** Producer time of the snapshot. */
  at: number;
}

/** Puts `edit` on the chat (send or edit); returns false when nothing was sent (unchanged). */
export type ApplyEdit = (edit: ProgressEdit) => Promise<boolean>;

interface ChatState {
  lastEditAt: number | null;
  pending: Map<string, ProgressEdit>;
  cancelTimer?: () => void;
  busy: boolean;
}

export interface ProgressEditor {
  /** Offers a new text; resolves once it was shown, or queued for the chat's next slot. */
  submit(edit: ProgressEdit): Promise<void>;
  /** Texts waiting for a slot (for tests and shutdown logs). */
  pendingCount(): number;
  /** Cancels timers; pending texts are dropped (the next snapshot brings them back). */
  close(): void;
}

export function createProgressEditor(deps: {
  apply: ApplyEdit;
  clock: NotifierClock;
  intervalMs: number;
  onError: (error: unknown, edit: ProgressEdit) => void;
}): ProgressEditor {
  const chats = new Map<string, ChatState>();
  const shown = new Map<string, { text: string; at: number }>();
  const keyOf = (chat: ChatRef) => `${chat.channel}/${chat.chatId}`;

  const stateOf = (chat: ChatRef) => {
    let s = chats.get(keyOf(chat));
    if (s === undefined)
      chats.set(keyOf(chat), (s = { lastEditAt: null, pending: new Map(), busy: false }));
    return s;
  };

  const schedule = (s: ChatState) => {
    if (s.cancelTimer !== undefined || s.busy || s.pending.size === 0) return null;
    const wait = s.lastEditAt === null ? 0 : s.lastEditAt + deps.intervalMs - deps.clock.now();
    if (wait <= 0) return drain(s);
    s.cancelTimer = deps.clock.setTimer(wait, () => void drain(s));
    return null;
  };

  async function drain(s: ChatState): Promise<void> {
    s.cancelTimer = undefined;
    const next = s.pending.values().next();
    if (next.done === true) return;
    const edit = next.value;
    s.pending.delete(edit.migrationId);
    s.busy = true;
    try {
      const previous = shown.get(edit.migrationId);
      if (previous !== undefined && previous.text === edit.text) return;
      s.lastEditAt = deps.clock.now();
      const sent = await deps.apply(edit);
      if (sent) s.lastEditAt = deps.clock.now();
      shown.set(edit.migrationId, { text: edit.text, at: edit.at });
    } catch (error) {
      deps.onError(error, edit);
    } finally {
      s.busy = false;
      await schedule(s);
    }
  }

  return {
    async submit(edit) {
      const previous = shown.get(edit.migrationId);
      if (previous !== undefined && edit.at < previous.at) return;
      const s = stateOf(edit.chat);
      const queued = s.pending.get(edit.migrationId);
      if (queued !== undefined && edit.at < queued.at) return;
      if (previous?.text === edit.text && queued === undefined) return;
      s.pending.set(edit.migrationId, edit);
      await schedule(s);
    },
    pendingCount: () => [...chats.values()].reduce((n, s) => n + s.pending.size, 0),
    close() {
      for (const s of chats.values()) {
        s.cancelTimer?.();
        s.cancelTimer = undefined;
        s.pending.clear();
      }
    },
  };
}
