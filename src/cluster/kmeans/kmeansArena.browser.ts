// The browser build's stand-in for kmeansArena.ts (tsup.config.ts swaps it in for dist/browser/): the default
// browser build keeps to one thread and a byte budget, without the SIMD kernels, so a fit never has an arena; the
// scalar kernels give the same results. (No parameters: callers pass kmeansArena's, which this ignores, and the
// budget counts every byte.)
import type { HamerlyBounds } from './assignHamerly';
import type { KMeansArena } from './kmeansArena';
import type { KMeansState } from './KMeansState';

export { createKMeansState as createArenaState } from './KMeansState';

/** @internal Always null in the browser build. */
export function kmeansArena(): { readonly arena: KMeansArena; readonly magnitude: number } | null {
  return null;
}

/** @internal Never reached in the browser build (there are no arenas). */
export function releaseArena(): void {}

/** @internal The bounds as they are in the browser build. */
export function arenaHamerlyBounds(_state: KMeansState, bounds: HamerlyBounds): HamerlyBounds {
  return bounds;
}
