// Typed access to test/reference/drift.json (written by test/reference/scripts/drift.py).
import { loadReference } from '../helpers/reference';

/** A JSON number as the script writes it: null for NaN, "Infinity" / "-Infinity" for ±∞. */
export type JsonNumber = number | null | 'Infinity' | '-Infinity';

export function decode(value: JsonNumber): number {
  if (value === null) return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return value;
}

export interface KsCase {
  name: string;
  a: number[];
  b: number[];
  method: 'auto' | 'exact' | 'asymptotic';
  statistic: number;
  pValue: JsonNumber;
}

export interface ReportColumn {
  column: string;
  type: 'numeric' | 'categorical';
  referenceMissing: number;
  currentMissing: number;
  ks?: { statistic: number; pValue: number };
  wassersteinNormed?: number;
  chiSquare?: { statistic: number; pValue: number };
  jensenShannon?: number;
  psi: number;
}

export interface ReportCase {
  name: string;
  reference: Record<string, (number | string | null)[]>;
  current: Record<string, (number | string | null)[]>;
  columns: ReportColumn[];
  bonferroni: number[];
  fdr: number[];
}

export interface DriftReferenceFile {
  kstwoSf: [number, number, JsonNumber][];
  smirnov: [number, number, JsonNumber][];
  gammaincc: [number, number, JsonNumber][];
  chi2Sf: [number, number, JsonNumber][];
  ksSquare: [number, number, number][];
  ks2samp: KsCase[];
  ks2sampLarge: { n1: number; n2: number; method: 'auto' | 'exact'; statistic: number; pValue: JsonNumber }[];
  chi2Contingency: {
    name: string;
    table: number[][];
    correction: boolean;
    statistic: number;
    pValue: number;
    dof: number;
    expected: number[][];
  }[];
  chi2Samples: {
    reference: string[];
    current: string[];
    categories: string[];
    table: number[][];
    statistic: number;
    pValue: number;
    dof: number;
  };
  jensenShannon: { p: number[]; q: number[]; base: number; distance: number }[];
  wasserstein: { name: string; a: number[]; b: number[]; weightsA: number[] | null; weightsB: number[] | null; distance: number }[];
  psiNumeric: {
    name: string;
    reference: number[];
    current: number[];
    bins: number;
    epsilon: number;
    psi: number;
    edges: number[];
    referenceShares: number[];
    currentShares: number[];
    contributions: number[];
  }[];
  psiCategorical: {
    reference: string[];
    current: string[];
    psi: number;
    categories: string[];
    referenceShares: number[];
    currentShares: number[];
    contributions: number[];
  };
  driftReport: ReportCase[];
  segmentDrift: {
    reference: number[];
    current: number[];
    segments: number[];
    referenceShares: number[];
    currentShares: number[];
    contributions: number[];
    psi: number;
    chiSquare: { statistic: number; pValue: number; dof: number };
  };
  centroidDrift: {
    centroids: number[][];
    reference: number[][];
    current: number[][];
    segments: {
      referenceCount: number;
      currentCount: number;
      spread: number;
      currentCentre: number[];
      shift: number;
      relativeShift: number;
      currentSpread: number;
    }[];
  };
}

export const driftReference: DriftReferenceFile = loadReference<DriftReferenceFile>('drift.json');

/** |actual − expected| ≤ rtol · |expected| (exact equality also for ±∞ and 0; NaN matches NaN). */
export function closeTo(actual: number, expected: number, rtol: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= rtol * Math.abs(expected);
}
