import type { AbortSignalLike } from '../../core/abort';
import { MODE_EUCLIDEAN, MODE_MANHATTAN } from '../dbscan/KDTree';
import { clusterFacts, clusterPersistence, labelRows, outlierScores, selectClusters, type ClusterFacts } from './clusterSelection';
import { condensedTree, type CondensedTree } from './condensedTree';
import type { HDBSCANProgress } from './hdbscanParams';
import type { HDBSCANFittedParams } from './HDBSCANModel';
import { mutualReachabilityTree } from './mutualReachabilityTree';

/** @internal Everything a fit derives from the rows and the parameters. */
export interface HierarchyFit {
  readonly coreDistances: Float64Array;
  readonly tree: CondensedTree;
  readonly facts: ClusterFacts;
  readonly selected: Int32Array;
  readonly labels: Int32Array;
  readonly probabilities: Float64Array;
  readonly outlierScores: Float64Array;
  readonly clusterPersistence: Float64Array;
}

/** @internal The whole HDBSCAN computation on checked rows (row-major, n × d). Deterministic: a function of the rows and params. */
export function fitHierarchy(
  data: Float64Array,
  n: number,
  d: number,
  params: HDBSCANFittedParams,
  context: string,
  signal?: AbortSignalLike,
  onProgress?: (event: HDBSCANProgress) => void,
): HierarchyFit {
  const mode = params.metric === 'manhattan' ? MODE_MANHATTAN : MODE_EUCLIDEAN;
  const spanning = mutualReachabilityTree(data, n, d, mode, params.minSamples, params.alpha, context, signal, onProgress);
  const tree = condensedTree(spanning, n, params.minClusterSize);
  const facts = clusterFacts(tree, n);
  const options = {
    method: params.clusterSelectionMethod,
    allowSingleCluster: params.allowSingleCluster,
    clusterSelectionEpsilon: params.clusterSelectionEpsilon,
    maxClusterSize: params.maxClusterSize,
  };
  const selected = selectClusters(facts, options);
  const { labels, probabilities } = labelRows(tree, facts, selected, n, options);
  onProgress?.({ phase: 'condense', done: 1, total: 1 });
  return {
    coreDistances: spanning.coreDistances,
    tree,
    facts,
    selected,
    labels,
    probabilities,
    outlierScores: outlierScores(tree, facts, n),
    clusterPersistence: clusterPersistence(facts, selected, labels),
  };
}
