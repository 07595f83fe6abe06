import { Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';
import { makeBlobs, PCA } from 'segmentkit';
import { describe, expect, it } from 'vitest';

// An independent reference from another library: ml-matrix's SVD (a port of JAMA's Golub–Kahan–Reinsch) of
// the centred data gives the explained variances (σ² / (n − 1)) and the principal axes up to sign.
describe('PCA against ml-matrix SVD (independent implementation)', () => {
  for (const [n, d] of [
    [500, 6],
    [200, 12],
  ] as const) {
    it(`${n} × ${d}: same explained variances and axes (up to sign)`, () => {
      const { X } = makeBlobs({ nSamples: n, nFeatures: d, centers: 4, clusterStd: 1.5, seed: 11 });
      const model = new PCA().fit(X);
      const rows = Array.from({ length: n }, (_, i) => Array.from(X.data.subarray(i * d, (i + 1) * d)));
      const means = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
      const centred = new MlMatrix(rows.map((r) => r.map((v, j) => v - means[j]!)));
      const svd = new SingularValueDecomposition(centred, { autoTranspose: true });
      const variances = svd.diagonal.map((s) => (s * s) / (n - 1));
      model.explainedVariance.forEach((v, i) => {
        expect(Math.abs(v - variances[i]!) / variances[i]!).toBeLessThan(1e-10);
      });
      const axes = svd.rightSingularVectors;
      model.components.forEach((component, i) => {
        // |⟨ours, theirs⟩| = 1 for the same unit axis, whatever the sign convention
        const dot = component.reduce((s, v, j) => s + v * axes.get(j, i), 0);
        expect(Math.abs(Math.abs(dot) - 1)).toBeLessThan(1e-8);
      });
    });
  }
});
