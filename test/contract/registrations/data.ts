import { makeBlobs, matrixToArrays } from 'segmentkit';

/** Shared training rows for contract registrations: 120 rows, 3 blobs, 3 columns. */
export const CONTRACT_BLOBS: number[][] = matrixToArrays(makeBlobs({ nSamples: 120, centers: 3, nFeatures: 3, seed: 42 }).X);
