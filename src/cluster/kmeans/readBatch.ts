import { toMatrix, type Matrix, type MatrixLike } from '../../core/Matrix';
import { SegmentkitError } from '../../core/SegmentkitError';

/** @internal Validate a batch of rows against the model's column count. */
export function readBatch(batch: MatrixLike, nFeatures: number, context: string): Matrix {
  const m = toMatrix(batch, context, { name: 'batch' });
  if (m.cols !== nFeatures) {
    throw new SegmentkitError(
      'E_SHAPE',
      `${context}: batch has ${m.cols} columns but the model has ${nFeatures}; pass the same features in the same order`,
    );
  }
  return m;
}
