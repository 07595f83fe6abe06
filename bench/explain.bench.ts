// Understanding segments: profileSegments on a million customers against the pandas + scipy equivalent on the
// same bytes (bench/lib/profile_pandas.py).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { makeBlobs } from '../src/datasets/makeBlobs';
import { KMeans } from '../src/cluster/kmeans/KMeans';
import { DecisionTreeClassifier } from '../src/explain/decisionTree/DecisionTreeClassifier';
import { explainSegments } from '../src/explain/explainSegments';
import { profileSegments } from '../src/explain/profileSegments';
import { ms, ratio, timeIt, type BenchSection } from './lib/harness';
import { sklearnUnavailable, writeRaw } from './lib/sklearn';

function pandasProfile(dataFile: string, labelFile: string, rows: number, cols: number, tests: boolean): number | undefined {
  if (sklearnUnavailable() !== undefined) return undefined;
  const script = fileURLToPath(new URL('./lib/profile_pandas.py', import.meta.url));
  const args = [
    script,
    '--data',
    dataFile,
    '--labels',
    labelFile,
    '--rows',
    String(rows),
    '--cols',
    String(cols),
    '--repeat',
    tests ? '1' : '3',
  ];
  if (tests) args.push('--tests');
  const run = spawnSync('/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) {
    console.log(`  pandas profile failed: ${run.stderr.slice(-400)}`);
    return undefined;
  }
  return (JSON.parse(run.stdout.trim().split('\n').pop()!) as { median_s: number }).median_s * 1000;
}

export default function explainBench(): BenchSection[] {
  const rows: (string | number)[][] = [];
  for (const [n, d, k] of [
    [100_000, 20, 8],
    [1_000_000, 20, 8],
  ] as const) {
    const label = `${n.toLocaleString('en-US')} × ${d}, ${k} segments`;
    console.log(`  ${label}`);
    const { X, labels } = makeBlobs({ nSamples: n, nFeatures: d, centers: k, clusterStd: 2, seed: 2026 });
    const featureNames = Array.from({ length: d }, (_, j) => `x${j}`);
    const mwu = timeIt(() => profileSegments(X, labels, { featureNames }), { repeat: 3 });
    const welch = timeIt(() => profileSegments(X, labels, { featureNames, test: 'welch' }), { repeat: 3 });
    const dataFile = writeRaw('profile.f64', X.data);
    const labelFile = writeRaw('profile.i32', Int32Array.from(labels));
    const pandasStats = pandasProfile(dataFile, labelFile, n, d, false);
    const pandasTests = n <= 100_000 ? pandasProfile(dataFile, labelFile, n, d, true) : undefined;
    rows.push([label, 'segmentkit profileSegments (Mann–Whitney tests)', ms(mwu.medianMs), '1×', 'statistics, Cohen’s d, U tests, BH']);
    rows.push([label, 'segmentkit profileSegments (Welch tests)', ms(welch.medianMs), ratio(welch.medianMs, mwu.medianMs), '']);
    rows.push([
      label,
      'pandas group-by statistics + Cohen’s d (no tests)',
      pandasStats === undefined ? 'not run' : ms(pandasStats),
      pandasStats === undefined ? '—' : ratio(pandasStats, mwu.medianMs),
      'pandas 1.5',
    ]);
    rows.push([
      label,
      'pandas + scipy mannwhitneyu per segment × feature',
      pandasTests === undefined ? 'not run' : ms(pandasTests),
      pandasTests === undefined ? '—' : ratio(pandasTests, mwu.medianMs),
      n > 100_000 ? 'run up to 100 000 rows (minutes above)' : 'scipy 1.10, one run',
    ]);
  }
  // explanations: IMM / ExKMC trees of a k-means model, and CART against scikit-learn on the same bytes
  const treeRows: (string | number)[][] = [];
  {
    const { X } = makeBlobs({ nSamples: 100_000, nFeatures: 8, centers: 8, clusterStd: 2, seed: 2026 });
    const model = new KMeans({ nClusters: 8, seed: 1 }).fit(X);
    const imm = timeIt(() => explainSegments(X, model), { repeat: 5 });
    const exkmc = timeIt(() => explainSegments(X, model, { maxLeaves: 16 }), { repeat: 3 });
    treeRows.push([
      '100,000 × 8, k-means k = 8',
      'explainSegments (IMM, 8 leaves)',
      ms(imm.medianMs),
      `fidelity ${imm.result.fidelity.toFixed(4)}, cost ratio ${imm.result.costRatio!.toFixed(4)}`,
    ]);
    treeRows.push([
      '100,000 × 8, k-means k = 8',
      'explainSegments (ExKMC, 16 leaves)',
      ms(exkmc.medianMs),
      `fidelity ${exkmc.result.fidelity.toFixed(4)}, cost ratio ${exkmc.result.costRatio!.toFixed(4)}`,
    ]);
  }
  {
    const { X, labels } = makeBlobs({ nSamples: 100_000, nFeatures: 20, centers: 6, clusterStd: 4, seed: 2027 });
    const tree = timeIt(() => new DecisionTreeClassifier({ maxDepth: 8 }).fit(X, labels), { repeat: 3 });
    const dataFile = writeRaw('tree.f64', X.data);
    const labelFile = writeRaw('tree.i32', Int32Array.from(labels));
    let sk: { median_s: number; leaves: number; feature: number[]; threshold: number[] } | undefined;
    if (sklearnUnavailable() === undefined) {
      const script = fileURLToPath(new URL('./lib/decision_tree_fit.py', import.meta.url));
      const run = spawnSync(
        '/usr/bin/python3',
        [script, '--data', dataFile, '--labels', labelFile, '--rows', String(X.rows), '--cols', String(X.cols), '--max-depth', '8'],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
        },
      );
      if (run.status === 0) sk = JSON.parse(run.stdout.trim().split('\n').pop()!);
    }
    const ours = tree.result;
    const same =
      sk !== undefined &&
      JSON.stringify(Array.from(ours.tree.feature)) === JSON.stringify(sk.feature) &&
      JSON.stringify(Array.from(ours.tree.threshold)) === JSON.stringify(sk.threshold);
    treeRows.push([
      '100,000 × 20, 6 classes, depth 8',
      'segmentkit DecisionTreeClassifier',
      ms(tree.medianMs),
      `${ours.nLeaves} leaves; same tree as scikit-learn: ${sk === undefined ? '—' : same ? 'yes' : 'no'}`,
    ]);
    treeRows.push([
      '100,000 × 20, 6 classes, depth 8',
      'scikit-learn 1.2 DecisionTreeClassifier',
      sk === undefined ? 'not run' : ms(sk.median_s * 1000),
      sk === undefined ? '' : `${sk.leaves} leaves; segmentkit is ${ratio(sk.median_s * 1000, tree.medianMs)} faster`,
    ]);
  }
  return [
    {
      id: 'explain-trees',
      title: 'Explaining segments with trees: IMM / ExKMC and CART against scikit-learn',
      description:
        'makeBlobs (cluster std 2, seed 2026) clustered by k-means (k = 8, seed 1), explained by an IMM threshold tree (one leaf per centre) and its ExKMC expansion to 16 leaves, median of 5 and 3. CART: makeBlobs 100 000 × 20 with 6 centres (std 4, seed 2027) and its labels, depth 8, median of 3 for both contenders on the same bytes (bench/lib/decision_tree_fit.py); "same tree" compares every node\'s feature and threshold.',
      header: ['data', 'contender', 'time', 'notes'],
      rows: treeRows,
    },
    {
      id: 'profile-segments',
      title: 'profileSegments: segment profiles with tests, against pandas and scipy',
      description:
        'makeBlobs (cluster std 2, seed 2026) with its true labels as segments; every feature numeric. segmentkit: the whole profile (per segment and feature: mean, median, quartiles, std, lift, Cohen’s d, a test of segment vs rest, Benjamini–Hochberg), median of 3. pandas: the same statistics by group-by (median of 3); with scipy: plus `mannwhitneyu` per segment × feature (one run). "segmentkit is … faster" compares with the Mann–Whitney profile.',
      header: ['data', 'contender', 'time', 'segmentkit is … faster', 'notes'],
      rows,
    },
  ];
}
