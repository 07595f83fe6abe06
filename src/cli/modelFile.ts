// The file `segmentkit segment --model` writes and `segmentkit score` reads: the columns, the fitted pipeline, the
// k-means model and the segment names, each validated on reading by its own fromJSON.
import { KMeansModel } from '../cluster/kmeans/KMeansModel';
import { SegmentkitError } from '../core/SegmentkitError';
import { FittedFeaturePipeline } from '../features/FittedFeaturePipeline';
import type { Segmentation } from '../report/segmentCustomers';
import { SEGMENTKIT_VERSION } from '../report/version';

/** @internal The kind tag of a segmentation file. */
export const SEGMENTATION_KIND = 'SegmentkitSegmentation';

/** @internal A segmentation read back. */
export interface LoadedSegmentation {
  readonly columns: readonly string[];
  readonly pipeline: FittedFeaturePipeline;
  readonly model: KMeansModel;
  readonly names: ReadonlyMap<number, string>;
}

/** @internal The JSON of a segmentation. */
export function segmentationJson(s: Segmentation, settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return {
    kind: SEGMENTATION_KIND,
    version: 1,
    segmentkit: SEGMENTKIT_VERSION,
    columns: s.columns,
    settings,
    recommendedK: s.choice?.recommendedK ?? null,
    reason: s.choice?.reason ?? null,
    names: Object.fromEntries([...s.displayNames].map(([label, name]) => [String(label), name])),
    pipeline: s.pipeline.toJSON(),
    model: s.model.toJSON(),
  };
}

function fail(message: string): never {
  throw new SegmentkitError('E_MODEL', `segmentation file: ${message}; write it with segmentkit segment --model`);
}

/** @internal Read a segmentation back, checking every part (the pipeline and model through their fromJSON). */
export function readSegmentation(json: unknown): LoadedSegmentation {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) fail('not a JSON object');
  const o = json as Record<string, unknown>;
  if (o.kind !== SEGMENTATION_KIND) fail(`kind is ${JSON.stringify(o.kind)}, not '${SEGMENTATION_KIND}'`);
  if (o.version !== 1) fail(`version ${JSON.stringify(o.version)} is not supported (this segmentkit reads version 1)`);
  const columns = o.columns;
  if (!Array.isArray(columns) || columns.length === 0 || !columns.every((c) => typeof c === 'string'))
    fail('columns must be a list of column names');
  const pipeline = FittedFeaturePipeline.fromJSON(o.pipeline);
  const model = KMeansModel.fromJSON(o.model);
  const inputs = pipeline.toJSON().numeric.map((block) => block.column);
  if (inputs.length !== columns.length || inputs.some((c, i) => c !== columns[i]))
    fail('the pipeline reads other columns than columns lists');
  if (model.nFeatures !== pipeline.featureNames.length)
    fail(`the model takes ${model.nFeatures} features but the pipeline makes ${pipeline.featureNames.length}`);
  const names = new Map<number, string>();
  const given = o.names;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) fail('names must map each segment to its name');
  const k = model.centroids.length;
  for (let label = 0; label < k; label++) {
    const name = (given as Record<string, unknown>)[String(label)];
    if (typeof name !== 'string') fail(`names has no name for segment ${label}`);
    names.set(label, name);
  }
  return { columns: columns as string[], pipeline, model, names };
}
