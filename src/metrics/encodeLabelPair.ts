import { SegmentkitError } from '../core/SegmentkitError';
import { assertKnownOptions } from '../core/validateOptions';
import {
  checkLabels,
  encodeLabels,
  isNoise,
  readNoise,
  type EncodedLabels,
  type Label,
  type LabelsLike,
  type NoiseHandling,
} from './encodeLabels';

/** Options shared by the metrics that compare two labellings. */
export interface LabelComparisonOptions {
  /**
   * `'include'` (default): −1 is an ordinary label, as in scikit-learn. `'exclude'`: rows where either labelling
   * is −1 (noise, e.g. from DBSCAN) are left out before scoring.
   */
  readonly noise?: NoiseHandling;
}

/** @internal Two labellings of the same rows, encoded. */
export interface EncodedPair {
  readonly a: EncodedLabels;
  readonly b: EncodedLabels;
  readonly n: number;
}

/**
 * @internal
 * Validate two labellings of the same rows (same length), drop noise rows if asked, and encode both.
 * @throws {@link SegmentkitError} `E_SHAPE` for different lengths, `E_LABELS` for a bad label, `E_PARAM` for a bad option.
 */
export function encodeLabelPair(
  labelsA: LabelsLike,
  labelsB: LabelsLike,
  context: string,
  options: object = {},
  allowed: readonly string[] = ['noise'],
): EncodedPair {
  assertKnownOptions(context, options, allowed);
  const noise = readNoise(context, (options as LabelComparisonOptions).noise);
  const a = checkLabels(labelsA, context, 'labelsTrue');
  const b = checkLabels(labelsB, context, 'labelsPred');
  if (a.length !== b.length) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: labelsTrue has ${a.length} entries but labelsPred has ${b.length}; pass two labellings of the same rows`,
    );
  }
  let keptA: ArrayLike<Label> = a;
  let keptB: ArrayLike<Label> = b;
  if (noise === 'exclude') {
    // validate first, so an error names the row as the caller numbers it
    encodeLabels(a, context, 'labelsTrue');
    encodeLabels(b, context, 'labelsPred');
    const outA: Label[] = [];
    const outB: Label[] = [];
    for (let i = 0; i < a.length; i++) {
      if (isNoise(a[i]!) || isNoise(b[i]!)) continue;
      outA.push(a[i]!);
      outB.push(b[i]!);
    }
    keptA = outA;
    keptB = outB;
  }
  return { a: encodeLabels(keptA, context, 'labelsTrue'), b: encodeLabels(keptB, context, 'labelsPred'), n: keptA.length };
}
