/**
 * Operating readings of one method and whether the cloud policy (480 s, margin
 * max(5 s, 2 × largest step)) blocks it after the last one. Both limiter
 * implementations run this table, so memory and Redis (Lua) stay consistent.
 */
export const OPERATING_READINGS: ReadonlyArray<{
  name: string;
  readings: readonly number[];
  blocked: boolean;
}> = [
  { name: "first reading below limit − 5 s", readings: [474], blocked: false },
  { name: "first reading at limit − 5 s", readings: [475], blocked: true },
  { name: "2.5 s steps keep the 5 s floor", readings: [467.5, 470, 472.5], blocked: false },
  { name: "2.5 s steps, at the floor", readings: [470, 472.5, 475], blocked: true },
  { name: "20 s steps keep 40 s", readings: [400, 420, 439.5], blocked: false },
  { name: "20 s steps, at limit − 40 s", readings: [400, 420, 440], blocked: true },
  { name: "the largest step is kept", readings: [380, 410, 411, 421], blocked: true },
  { name: "a rise after a window slide is a step", readings: [430, 431, 400, 431], blocked: true },
];
