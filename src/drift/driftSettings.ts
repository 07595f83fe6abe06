import { describeValue } from '../core/describeValue';
import { setField } from '../core/recordField';
import { SegmentkitError } from '../core/SegmentkitError';
import { MAX_BUCKETS } from '../core/sizeLimits';
import { assertKnownOptions, requireInteger, requireNumber, requireOneOf } from '../core/validateOptions';
import type { PValueCorrection } from './adjustPValues';
import { DEFAULT_THRESHOLDS, type DriftTestName, type DriftThresholds, type ResolvedThresholds } from './compareColumns';
import type { DriftColumnType } from './readDriftData';

// Validation of the options driftReport and DriftMonitor share.

/** @internal */
export const TEST_NAMES: readonly DriftTestName[] = ['ks', 'wasserstein', 'psi', 'jensen-shannon', 'chi-square'];

const ALLOWED: Record<DriftColumnType, readonly DriftTestName[]> = {
  numeric: ['ks', 'wasserstein', 'psi', 'jensen-shannon'],
  categorical: ['chi-square', 'jensen-shannon', 'psi'],
};

/** @internal Thresholds with defaults, each checked. */
export function resolveThresholds(context: string, thresholds: DriftThresholds | undefined): ResolvedThresholds {
  assertKnownOptions(`${context}: thresholds`, thresholds, Object.keys(DEFAULT_THRESHOLDS));
  const t = {
    ...DEFAULT_THRESHOLDS,
    ...Object.fromEntries(Object.entries(thresholds ?? {}).filter(([, v]) => v !== undefined)),
  } as ResolvedThresholds;
  for (const key of ['ks', 'chiSquare'] as const)
    requireNumber(context, `thresholds.${key}`, t[key], { min: 0, max: 1, exclusiveMin: true });
  for (const key of ['wasserstein', 'jensenShannon', 'psi'] as const) requireNumber(context, `thresholds.${key}`, t[key], { min: 0 });
  requireNumber(context, 'thresholds.driftShare', t.driftShare, { min: 0, max: 1, exclusiveMin: true });
  requireNumber(context, 'thresholds.missingShare', t.missingShare, { min: 0, max: 1 });
  const bands = t.psiBands as unknown;
  if (
    !Array.isArray(bands) ||
    bands.length !== 2 ||
    !(typeof bands[0] === 'number' && typeof bands[1] === 'number' && bands[0] >= 0 && bands[0] <= bands[1])
  ) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: thresholds.psiBands must be [moderate, significant] with 0 ≤ moderate ≤ significant, e.g. [0.1, 0.25]`,
    );
  }
  return Object.freeze({ ...t, psiBands: [bands[0], bands[1]] as const });
}

/** @internal `tests` checked: one test name, or a map from column to test name. */
export function validateTests(context: string, tests: unknown): DriftTestName | Readonly<Record<string, DriftTestName>> | undefined {
  if (tests === undefined) return undefined;
  if (typeof tests === 'string') return requireOneOf(context, 'tests', tests, TEST_NAMES);
  if (typeof tests !== 'object' || tests === null || Array.isArray(tests)) {
    throw new SegmentkitError('E_PARAM', `${context}: tests must be a test name (${TEST_NAMES.join(', ')}) or an object { column: test }`);
  }
  const out: Record<string, DriftTestName> = {};
  for (const [column, name] of Object.entries(tests)) setField(out, column, requireOneOf(context, `tests['${column}']`, name, TEST_NAMES));
  return Object.freeze(out);
}

/** @internal `types` checked: a map from column to 'numeric' | 'categorical'. */
export function validateTypes(context: string, types: unknown): Readonly<Record<string, DriftColumnType>> {
  if (types === undefined) return {};
  if (typeof types !== 'object' || types === null || Array.isArray(types)) {
    throw new SegmentkitError('E_PARAM', `${context}: types must be an object { column: 'numeric' | 'categorical' }`);
  }
  const out: Record<string, DriftColumnType> = {};
  for (const [column, type] of Object.entries(types))
    setField(out, column, requireOneOf(context, `types['${column}']`, type, ['numeric', 'categorical'] as const));
  return out;
}

/** @internal The test chosen for a column must suit its type. */
export function checkTestForType(context: string, column: string, type: DriftColumnType, test: DriftTestName): void {
  if (!ALLOWED[type].includes(test)) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: test '${test}' does not apply to the ${type} column '${column}'; use one of ${ALLOWED[type].map((t) => `'${t}'`).join(', ')}`,
    );
  }
}

/** @internal Names in a per-column option that are not compared are a typo: E_PARAM. */
export function checkColumnKeys(context: string, option: string, keys: readonly string[], columns: readonly string[]): void {
  for (const key of keys) {
    if (!columns.includes(key)) {
      throw new SegmentkitError(
        'E_PARAM',
        `${context}: ${option} names column '${key}', which is not compared (columns: ${columns.slice(0, 12).join(', ')})`,
      );
    }
  }
}

/** @internal Shared scalar options. */
export function resolveBinning(context: string, bins: unknown, epsilon: unknown): { bins: number; epsilon: number } {
  return {
    bins: requireInteger(context, 'bins', bins ?? 10, { min: 1, max: MAX_BUCKETS }),
    epsilon: requireNumber(context, 'epsilon', epsilon ?? 1e-4, { min: 0, max: 1, exclusiveMin: true }),
  };
}

/** @internal */
export function resolveCorrection(context: string, correction: unknown): PValueCorrection {
  return requireOneOf(context, 'correction', correction ?? 'none', ['none', 'bonferroni', 'fdr'] as const);
}

/** @internal Check a `columns` option: undefined, or a list of distinct column names (non-empty strings). */
export function readColumnNames(context: string, columns: unknown): readonly string[] | undefined {
  if (columns === undefined) return undefined;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string' && c !== '')) {
    throw new SegmentkitError(
      'E_PARAM',
      `${context}: columns must be a list of column names (non-empty strings), got ${describeValue(columns)}`,
    );
  }
  return columns as readonly string[];
}
