/**
 * What the engine tells its caller while it runs, besides progress: things a
 * user should hear about at once (DESIGN.md §1 step 7). The worker forwards
 * them to the `notifications` queue; a failing listener never breaks a run.
 */
import type { EntityKind } from "../model/canonical.js";
import type { EngineLogger } from "./types.js";
import type { Phase, ProgressSnapshot } from "./progress.js";

export type EngineEvent =
  | { type: "phase"; phase: Phase; entity: EntityKind | null }
  /** Custom fields created in the target during setup. */
  | { type: "fields_created"; entity: EntityKind; fields: Array<{ code: string; label: string }> }
  /** List items (enum values, pipelines, stages) added to a target field. */
  | { type: "items_created"; entity: EntityKind; fieldCode: string; labels: string[] }
  /** Records of one chunk or page that were not written, with a few examples. */
  | {
      type: "records_failed";
      entity: EntityKind;
      count: number;
      examples: Array<{ sourceId: string; code: string | undefined; message: string }>;
    }
  /** Records found in the target by their origin stamp after a crash, recorded instead of written again. */
  | { type: "records_recovered"; entity: EntityKind; count: number }
  /** Records written without some value (dropped link, unknown item...), counted by problem code. */
  | { type: "warnings"; entity: EntityKind; count: number; codes: Record<string, number> };

export interface Emitter {
  progress(snapshot: ProgressSnapshot): void;
  event(event: EngineEvent): void;
}

/** Calls the listeners, swallowing (and logging) their errors: a chat hiccup must not stop a migration. */
export function createEmitter(
  onProgress: ((snapshot: ProgressSnapshot) => void) | undefined,
  onEvent: ((event: EngineEvent) => void) | undefined,
  logger: EngineLogger | undefined,
): Emitter {
  const safely = (what: string, call: () => void) => {
    try {
      call();
    } catch (error) {
      logger?.warn({ err: error }, `engine ${what} listener failed`);
    }
  };
  return {
    progress: (snapshot) => {
      if (onProgress) safely("progress", () => onProgress(snapshot));
    },
    event: (event) => {
      if (onEvent) safely("event", () => onEvent(event));
    },
  };
}
