import { toMatrix, type MatrixLike } from '../../core/Matrix';
import { SegmentkitError } from '../../core/SegmentkitError';

/** @internal Validate explicit initial centroids against the data: k rows of d finite numbers. */
export function readInitialCentroids(init: MatrixLike, k: number, d: number, context: string): Float64Array {
  const centers = toMatrix(init, context, { name: 'init' });
  if (centers.rows !== k) {
    throw new SegmentkitError('E_PARAM', `${context}: init has ${centers.rows} centroids but nClusters = ${k}`);
  }
  if (centers.cols !== d) {
    throw new SegmentkitError('E_SHAPE', `${context}: init has ${centers.cols} columns but X has ${d}`);
  }
  return Float64Array.from(centers.data);
}
