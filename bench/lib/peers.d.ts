// Minimal types for the benchmark peers that ship none.
declare module 'skmeans' {
  interface SkmeansResult {
    it: number;
    k: number;
    idxs: number[];
    centroids: number[][] | number[];
  }
  function skmeans(data: number[][] | number[], k: number, initial?: number[][] | 'kmrand' | 'kmpp', maxit?: number): SkmeansResult;
  export default skmeans;
}

declare module 'density-clustering' {
  export class DBSCAN {
    run(dataset: number[][], epsilon: number, minPts: number, distanceFunction?: (a: number[], b: number[]) => number): number[][];
    noise: number[];
  }
}
