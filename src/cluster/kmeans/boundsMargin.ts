/**
 * @internal
 * Relative safety margin for bound tests. Bounds are updated with rounded arithmetic, so a row is only skipped
 * when its bound wins by more than any accumulated rounding error (about iterations × 1e-16); near-ties are
 * always resolved by computing distances exactly as Lloyd does. This is what keeps Hamerly and Elkan
 * label-for-label identical to Lloyd.
 */
export const BOUND_SLACK: number = 1 + 1e-10;
