// segmentkit: customer segmentation for TypeScript. Re-exports only, in the order of the pipeline: reading data,
// features, RFM, clustering, evaluation, understanding, monitoring (see docs/ARCHITECTURE.md for the map).

// core: errors, matrices, dates, seeded randomness, the estimator bases and numeric kernels
export { SegmentkitError, isSegmentkitError, SEGMENTKIT_ERROR_CODES } from './core/SegmentkitError';
export type { SegmentkitErrorCode } from './core/SegmentkitError';
export { toMatrix, createMatrix, zerosMatrix, isMatrix, matrixToArrays, matrixRow } from './core/Matrix';
export type { Matrix, MatrixLike, ToMatrixOptions } from './core/Matrix';
export { toVector } from './core/toVector';
export type { ToVectorOptions } from './core/toVector';
export { fromRecords } from './core/fromRecords';
export type { FromRecordsOptions, RecordsMatrix } from './core/fromRecords';
export type { TableInput } from './core/readTable';
export type { Category } from './core/category';
export { toTimestamp } from './core/toTimestamp';
export type { DateLike, ToTimestampOptions } from './core/toTimestamp';
export { DEFAULT_YEAR_RANGE } from './core/dateParser';
export type { DateFormat, DateOptions, YearRange } from './core/dateParser';
export { DEFAULT_MISSING_MARKERS } from './core/missingCells';
export { createRng } from './core/createRng';
export type { MutableList, Rng, Seed } from './core/createRng';
export type { AbortSignalLike, FitControls } from './core/abort';
export type { ParallelControls, WorkersOption } from './parallel/workersOption';
export { startWorkerThreads } from './parallel/threadPool';
export { Displayable } from './core/Displayable';
export { Estimator } from './core/Estimator';
export { FittedModel } from './core/FittedModel';
export { squaredEuclidean } from './core/squaredEuclidean';
export { columnMeans, columnMoments } from './core/columnMeans';
export type { ColumnMoments } from './core/columnMeans';
export { columnVariances } from './core/columnVariances';
export type { ColumnVariancesOptions } from './core/columnVariances';
export { quantile, quantileSorted } from './core/quantile';
export { argmin } from './core/argmin';
export { argmax } from './core/argmax';
export { logSumExp } from './core/logSumExp';
export { normalQuantile } from './core/normalQuantile';
export { minimizeScalar } from './core/minimizeScalar';
export type { MinimizeScalarOptions, ScalarMinimum } from './core/minimizeScalar';

// io: reading real files (CSV text, Blobs and streams; file paths live in segmentkit/fs)
export { parseCsv } from './io/parseCsv';
export type { CsvRecords } from './io/parseCsv';
export type { CsvColumnType, CsvOptions, CsvRecord, CsvRenamedColumn, CsvReport } from './io/CsvReader';
export type { CsvDelimiter } from './io/detectDelimiter';
export { csvBatches } from './io/csvBatches';
export type {
  BlobLike,
  CsvBatches,
  CsvBatchesOptions,
  CsvSource,
  ReadableStreamLike,
  StreamChunk,
  StreamReaderLike,
} from './io/csvBatches';

// datasets: embedded synthetic customers for the demo, examples, tests and benchmarks
export { makeBlobs } from './datasets/makeBlobs';
export type { Blobs, MakeBlobsOptions } from './datasets/makeBlobs';
export { makeCustomers } from './datasets/makeCustomers';
export type { SyntheticCustomer, SyntheticCustomersOptions } from './datasets/makeCustomers';
export { makeTransactions } from './datasets/makeTransactions';
export type { MakeTransactionsOptions, Transaction } from './datasets/makeTransactions';
export { CUSTOMER_ARCHETYPES } from './datasets/customerArchetypes';
export type { ArchetypeSpec, CustomerArchetype, TransactionCategory, TransactionChannel } from './datasets/customerArchetypes';

// features: scaling, transforms, imputation, outliers, encoding and the records → matrix pipeline
export type { FittedTransformer, ModelJSONHeader, Transformer } from './features/Transformer';
export type { TransformerLoader } from './features/transformerModels';
export { AffineColumnsModel } from './features/AffineColumnsModel';
export { StandardScaler } from './features/StandardScaler';
export type { StandardScalerParams } from './features/StandardScaler';
export { StandardScalerModel } from './features/StandardScalerModel';
export type { StandardScalerModelJSON } from './features/StandardScalerModel';
export { MinMaxScaler } from './features/MinMaxScaler';
export type { MinMaxScalerParams } from './features/MinMaxScaler';
export { MinMaxScalerModel } from './features/MinMaxScalerModel';
export type { MinMaxScalerModelJSON } from './features/MinMaxScalerModel';
export { RobustScaler } from './features/RobustScaler';
export type { RobustScalerParams } from './features/RobustScaler';
export { RobustScalerModel } from './features/RobustScalerModel';
export type { RobustScalerModelJSON } from './features/RobustScalerModel';
export { MaxAbsScaler } from './features/MaxAbsScaler';
export { MaxAbsScalerModel } from './features/MaxAbsScalerModel';
export type { MaxAbsScalerModelJSON } from './features/MaxAbsScalerModel';
export { LogTransformer } from './features/LogTransformer';
export { LogTransformerModel } from './features/LogTransformerModel';
export type { LogTransformerModelJSON } from './features/LogTransformerModel';
export { PowerTransformer } from './features/PowerTransformer';
export type { PowerTransformerParams } from './features/PowerTransformer';
export { PowerTransformerModel } from './features/PowerTransformerModel';
export type { PowerTransformerModelJSON } from './features/PowerTransformerModel';
export { SimpleImputer } from './features/SimpleImputer';
export type { SimpleImputerParams } from './features/SimpleImputer';
export { SimpleImputerModel } from './features/SimpleImputerModel';
export type { ImputeStrategy, SimpleImputerModelJSON } from './features/SimpleImputerModel';
export { Winsorizer } from './features/Winsorizer';
export type { WinsorizerParams } from './features/Winsorizer';
export { WinsorizerModel } from './features/WinsorizerModel';
export type { WinsorizerModelJSON } from './features/WinsorizerModel';
export { outlierMask } from './features/outlierMask';
export type { OutlierMaskOptions, OutlierReport } from './features/outlierMask';
export type { CategoricalTable } from './features/categories';
export { OneHotEncoder } from './features/OneHotEncoder';
export type { OneHotEncoderParams } from './features/OneHotEncoder';
export { OneHotEncoderModel } from './features/OneHotEncoderModel';
export type { OneHotDrop, OneHotEncoderModelJSON, OneHotHandleUnknown } from './features/OneHotEncoderModel';
export { OrdinalEncoder } from './features/OrdinalEncoder';
export type { OrdinalEncoderParams } from './features/OrdinalEncoder';
export { OrdinalEncoderModel } from './features/OrdinalEncoderModel';
export type { OrdinalEncoderModelJSON, OrdinalHandleUnknown } from './features/OrdinalEncoderModel';
export { featurePipeline, FeaturePipeline } from './features/featurePipeline';
export type { CategoricalStep, FeaturePipelineSpec, NumericStep } from './features/featurePipeline';
export { FittedFeaturePipeline } from './features/FittedFeaturePipeline';
export type { FeatureMatrix, FittedFeaturePipelineJSON, OriginalUnitsRow } from './features/FittedFeaturePipeline';

// decomposition: PCA
export { PCA } from './decomposition/PCA';
export type { PCAFitOptions, PCAProgress } from './decomposition/PCA';
export type { PCAFittedParams, PCAParams, PowerIterationNormalizer } from './decomposition/pcaParams';
export { PCAModel } from './decomposition/PCAModel';
export type { PCAComponentLoadings, PCAFitStats, PCALoading, PCAModelJSON } from './decomposition/PCAModel';

// decomposition/umap: UMAP (issue 21, non-linear 2-D views of segments)
export { UMAP } from './decomposition/umap/UMAP';
export type { UMAPFitOptions } from './decomposition/umap/UMAP';
export type { UMAPFittedParams, UMAPInit, UMAPMetric, UMAPParams, UMAPProgress } from './decomposition/umap/umapParams';
export { UMAPModel } from './decomposition/umap/UMAPModel';
export type { UMAPFitStats, UMAPModelJSON } from './decomposition/umap/UMAPModel';

// rfm: per-customer recency/frequency/monetary, scores, named segments, behavioural features, SQL pushdown
export { rfmTable } from './rfm/rfmTable';
export type { AsyncTransactionInput, RfmRow, RfmTable, RfmTableOptions, RfmTableReport, TransactionInput } from './rfm/rfmTable';
export type { CustomerId } from './rfm/customerId';
export type { TransactionFieldOptions } from './rfm/transactionFields';
export { rfmScore } from './rfm/rfmScore';
export type {
  RfmLevelCounts,
  RfmPerDimension,
  RfmScoredRow,
  RfmScoredTable,
  RfmScoreOptions,
  RfmScoreReport,
  RfmThresholds,
} from './rfm/rfmScore';
export { DEFAULT_RFM_SEGMENT_RULES, rfmSegments } from './rfm/rfmSegments';
export type { RfmSegmentedRow, RfmSegmentRule, RfmSegmentsOptions, ScoreRange } from './rfm/rfmSegments';
export { rfmSummary } from './rfm/rfmSummary';
export type { RfmSegmentSummary } from './rfm/rfmSummary';
export { customerFeatures } from './rfm/customerFeatures';
export type { CustomerFeatureRow, CustomerFeaturesOptions, CustomerFeaturesReport, CustomerFeatureTable } from './rfm/customerFeatures';
export { rfmSql } from './rfm/rfmSql';
export type { RfmSqlOptions, RfmSqlQuery, SqlDialect } from './rfm/rfmSql';

// cluster, shared: what every centroid model offers
export { CentroidModel } from './cluster/shared/CentroidModel';
export { clusterSizes } from './cluster/shared/clusterSizes';

// cluster, k-means: exact (Lloyd, Hamerly, Elkan) and mini-batch / streaming
export { KMeans, kmeans } from './cluster/kmeans/KMeans';
export type { KMeansFitOptions } from './cluster/kmeans/KMeans';
export type { KMeansAlgorithm, KMeansParams, KMeansProgress, MiniBatchKMeansParams } from './cluster/kmeans/kmeansParams';
export { KMeansModel } from './cluster/kmeans/KMeansModel';
export type { KMeansFitStats, KMeansFittedParams, KMeansModelJSON } from './cluster/kmeans/KMeansModel';
export { MiniBatchKMeans } from './cluster/kmeans/MiniBatchKMeans';
export type { BatchSource } from './cluster/kmeans/MiniBatchKMeans';
export { MiniBatchKMeansModel } from './cluster/kmeans/MiniBatchKMeansModel';
export type { MiniBatchKMeansFittedParams, MiniBatchKMeansModelJSON } from './cluster/kmeans/MiniBatchKMeansModel';
export type { MiniBatchKMeansFitOptions, MiniBatchKMeansProgress } from './cluster/kmeans/miniBatchPartialFit';

// cluster, Gaussian mixtures: soft segments and model selection
export { GaussianMixture } from './cluster/gaussianMixture/GaussianMixture';
export type { GaussianMixtureFitOptions, GaussianMixtureProgress } from './cluster/gaussianMixture/GaussianMixture';
export type { CovarianceType, GaussianMixtureParams } from './cluster/gaussianMixture/gaussianMixtureParams';
export { GaussianMixtureModel } from './cluster/gaussianMixture/GaussianMixtureModel';
export type {
  CovarianceShape,
  GaussianMixtureFittedParams,
  GaussianMixtureModelJSON,
  GaussianMixtureSample,
} from './cluster/gaussianMixture/GaussianMixtureModel';
export { selectGaussianMixture } from './cluster/gaussianMixture/selectGaussianMixture';
export type {
  GaussianMixtureCandidate,
  GaussianMixtureSelection,
  SelectGaussianMixtureOptions,
} from './cluster/gaussianMixture/selectGaussianMixture';

// cluster, density: DBSCAN and choosing eps
export { DBSCAN } from './cluster/dbscan/DBSCAN';
export type { DBSCANFitOptions } from './cluster/dbscan/DBSCAN';
export type { DBSCANParams, DBSCANProgress, SpatialIndexKind } from './cluster/dbscan/dbscanParams';
export { DBSCANModel } from './cluster/dbscan/DBSCANModel';
export type { DBSCANFitStats, DBSCANFittedParams, DBSCANModelJSON } from './cluster/dbscan/DBSCANModel';
export type { DensityMetric } from './cluster/dbscan/densityMetric';
export { suggestEps } from './cluster/dbscan/suggestEps';
export type { EpsSuggestion, SuggestEpsOptions } from './cluster/dbscan/suggestEps';

// cluster, hierarchy: agglomerative clustering and dendrograms
export { AgglomerativeClustering, CONDENSED_LINKAGE_MAX_ROWS } from './cluster/agglomerative/AgglomerativeClustering';
export type { AgglomerativeFitOptions } from './cluster/agglomerative/AgglomerativeClustering';
export type { AgglomerativeClusteringParams, AgglomerativeProgress, Linkage } from './cluster/agglomerative/agglomerativeParams';
export { AgglomerativeClusteringModel } from './cluster/agglomerative/AgglomerativeClusteringModel';
export type {
  AgglomerativeClusteringFittedParams,
  AgglomerativeClusteringModelJSON,
  TreeCut,
} from './cluster/agglomerative/AgglomerativeClusteringModel';
export { dendrogramData } from './cluster/agglomerative/dendrogramData';
export type { DendrogramData, DendrogramOptions } from './cluster/agglomerative/dendrogramData';

// metrics: internal scores, label comparisons, choosing k and stability
export { silhouetteScore } from './metrics/silhouetteScore';
export type { SilhouetteScoreOptions } from './metrics/silhouetteScore';
export { trustworthiness } from './metrics/trustworthiness';
export type { TrustworthinessOptions } from './metrics/trustworthiness';
export { silhouetteSamples } from './metrics/silhouetteSamples';
export type { SilhouetteMetric, SilhouetteProgress, SilhouetteSamplesOptions } from './metrics/silhouetteSamples';
export { daviesBouldinScore } from './metrics/daviesBouldinScore';
export { calinskiHarabaszScore } from './metrics/calinskiHarabaszScore';
export type { InternalScoreOptions } from './metrics/calinskiHarabaszScore';
export { inertia } from './metrics/inertia';
export { adjustedRandScore } from './metrics/adjustedRandScore';
export { randScore } from './metrics/randScore';
export { mutualInfoScore } from './metrics/mutualInfoScore';
export { normalizedMutualInfoScore } from './metrics/normalizedMutualInfoScore';
export type { MutualInfoOptions } from './metrics/normalizedMutualInfoScore';
export { adjustedMutualInfoScore } from './metrics/adjustedMutualInfoScore';
export type { AverageMethod } from './metrics/generalizedAverage';
export { homogeneityScore } from './metrics/homogeneityScore';
export { completenessScore } from './metrics/completenessScore';
export { vMeasureScore } from './metrics/vMeasureScore';
export type { VMeasureOptions } from './metrics/vMeasureScore';
export { fowlkesMallowsScore } from './metrics/fowlkesMallowsScore';
export { contingencyMatrix } from './metrics/contingencyMatrix';
export type { ContingencyTable } from './metrics/contingencyMatrix';
export { pairConfusionMatrix } from './metrics/pairConfusionMatrix';
export type { LabelComparisonOptions } from './metrics/encodeLabelPair';
export type { Label, LabelsLike, NoiseHandling } from './metrics/encodeLabels';
export { chooseK } from './metrics/chooseK';
export type { ChooseKMethod, ChooseKOptions, ChooseKResult, ChooseKRow } from './metrics/chooseK';
export { clusterStability } from './metrics/clusterStability';
export type { ClusterStabilityOptions, ClusterStabilityResult, SegmentStability, StabilityFitResult } from './metrics/clusterStability';

// explain: understanding segments (profiles in the user's units, names, rules, transitions)
export { profileSegments, SegmentProfile } from './explain/profileSegments';
export type { ProfileSegmentsOptions } from './explain/profileSegments';
export { NAMING_LANGUAGES, nameSegments } from './explain/nameSegments';
export type { FeatureWords, NameSegmentsOptions, NamingLanguage, SegmentName } from './explain/nameSegments';
export { SegmentTransitions, segmentTransitions } from './explain/segmentTransitions';
export type { CustomerFlow, SegmentAssignment } from './explain/segmentTransitions';
export { LIFECYCLE_STAGES, lifecycleStages } from './explain/lifecycleStages';
export { explainSegments, formatRuleNumber, SegmentExplanation } from './explain/explainSegments';
export type { CentredModel, ExplainSegmentsOptions, SegmentRule } from './explain/explainSegments';
export type { ThresholdLeaf, ThresholdNode, ThresholdSplit } from './explain/thresholdTree';
export { permutationImportance } from './explain/permutationImportance';
export type {
  PermutationImportanceOptions,
  Prediction,
  PermutationImportanceResult,
  PermutationScoring,
} from './explain/permutationImportance';
export { DecisionTreeClassifier } from './explain/decisionTree/DecisionTreeClassifier';
export type { DecisionTreeFitOptions } from './explain/decisionTree/DecisionTreeClassifier';
export { DecisionTreeModel } from './explain/decisionTree/DecisionTreeModel';
export type { ClassLabel, DecisionTreeModelJSON, TreeRule } from './explain/decisionTree/DecisionTreeModel';
export type { DecisionTreeParams, TreeCriterion } from './explain/decisionTree/decisionTreeParams';
export type { TreeArrays } from './explain/decisionTree/buildTree';
export type {
  CustomerLifecycle,
  LifecycleStage,
  LifecycleStagesOptions,
  LifecycleStagesPerSegment,
  LifecycleStagesResult,
} from './explain/lifecycleStages';
export type {
  CategoricalFeatureProfile,
  CategoryShare,
  DifferenceTest,
  DifferenceTestName,
  Distinction,
  NumericFeatureProfile,
  NumericSummary,
  OverallCategoryShare,
  OverallProfile,
  ProfiledFeatures,
  SegmentId,
  SegmentProfileJSON,
  SegmentSummary,
  ProfileSkippedColumn,
} from './explain/profileTypes';

// value: customer lifetime value (summaries, BG/NBD and the other transaction models, Gamma-Gamma, CLV)
export { clvSummary } from './value/clvSummary';
export type { ClvPeriod, ClvSummaryOptions, ClvSummaryRow } from './value/clvSummary';
export { calibrationHoldout } from './value/calibrationHoldout';
export type { CalibrationHoldoutOptions, CalibrationHoldoutRow } from './value/calibrationHoldout';
export { holdoutComparison } from './value/holdoutComparison';
export type { HoldoutComparisonOptions, HoldoutGroup } from './value/holdoutComparison';
export { BetaGeoFitter } from './value/betaGeo/BetaGeoFitter';
export { BetaGeoModel } from './value/betaGeo/BetaGeoModel';
export type { BetaGeoModelJSON, BetaGeoParams, CustomerHistory } from './value/betaGeo/BetaGeoModel';
export { ParetoNBDFitter, ParetoNBDModel } from './value/paretoNBD/ParetoNBD';
export type { ParetoNBDModelJSON, ParetoNBDParams } from './value/paretoNBD/ParetoNBD';
export { ModifiedBetaGeoFitter, ModifiedBetaGeoModel } from './value/modifiedBetaGeo/ModifiedBetaGeo';
export type { ModifiedBetaGeoModelJSON } from './value/modifiedBetaGeo/ModifiedBetaGeo';
export { BetaGeoBetaBinomFitter, BetaGeoBetaBinomModel } from './value/betaGeoBetaBinom/BetaGeoBetaBinom';
export type { BetaGeoBetaBinomModelJSON, BetaGeoBetaBinomParams } from './value/betaGeoBetaBinom/BetaGeoBetaBinom';
export type { ValueModelJSON } from './value/ValueModel';
export { GammaGammaFitter } from './value/gammaGamma/GammaGammaFitter';
export { GammaGammaModel } from './value/gammaGamma/GammaGammaModel';
export type { GammaGammaModelJSON, GammaGammaParams, SpendHistory } from './value/gammaGamma/GammaGammaModel';
export { customerLifetimeValue } from './value/customerLifetimeValue';
export type {
  CustomerLifetimeValueOptions,
  CustomerLifetimeValueResult,
  CustomerValue,
  PurchaseModel,
  SegmentValue,
  SpendModel,
} from './value/customerLifetimeValue';
export type { FitSummary } from './value/fitTransactionModel';
export type { FitSummaryJSON, ValueFitterParams } from './value/transactionModelKit';

// stats: two-sample tests (segment profiles, experiments)
export { MANN_WHITNEY_EXACT_MAX_STATES, mannWhitneyU } from './stats/mannWhitneyU';
export type { MannWhitneyMethod, MannWhitneyUResult } from './stats/mannWhitneyU';
export { welchTTest } from './stats/welchTTest';
export type { WelchTTestResult } from './stats/welchTTest';

// experiments: A/B readouts per segment, sample size and power
export { SegmentExperiment, segmentExperiment } from './experiments/segmentExperiment';
export type { ExperimentKind, SegmentExperimentOptions } from './experiments/segmentExperiment';
export type {
  ArmSummary,
  ConfidenceInterval,
  SegmentReadout,
  SimpsonsParadox,
  VariantComparison,
  VariantId,
} from './experiments/experimentTypes';
export type { SampleRatioCheck } from './experiments/sampleRatioMismatch';
export { power, sampleSize } from './experiments/normalPower';
export type { PowerAlternative, PowerOptions, SampleSize, SampleSizeOptions } from './experiments/normalPower';

// drift: statistical tests, drift reports, segment drift and the DriftMonitor
export { ksTest } from './drift/ksTest';
export type { KsMethod, KsTestOptions, KsTestResult } from './drift/ksTest';
export { populationStabilityIndex } from './drift/populationStabilityIndex';
export type {
  CategoricalPsiResult,
  NumericPsiResult,
  PopulationStabilityIndexOptions,
  PsiBand,
  PsiCategoryBin,
  PsiNumericBin,
  PsiResult,
} from './drift/populationStabilityIndex';
export { chiSquareTest } from './drift/chiSquareTest';
export type { CategorySamples, ChiSquareTestOptions, ChiSquareTestResult } from './drift/chiSquareTest';
export { jensenShannonDistance } from './drift/jensenShannonDistance';
export type { JensenShannonOptions } from './drift/jensenShannonDistance';
export { wassersteinDistance } from './drift/wassersteinDistance';
export type { WassersteinOptions } from './drift/wassersteinDistance';
export { driftReport } from './drift/driftReport';
export type { DriftReport, DriftReportOptions, SkippedColumn } from './drift/driftReport';
export type {
  CategoryShareChange,
  ColumnDrift,
  DriftDirection,
  DriftTestName,
  DriftThresholds,
  MissingDrift,
} from './drift/compareColumns';
export type { PValueCorrection } from './drift/adjustPValues';
export type { DriftColumnType, DriftData } from './drift/readDriftData';
export { segmentDrift } from './drift/segmentDrift';
export type { SegmentDriftOptions, SegmentDriftResult, SegmentShareChange } from './drift/segmentDrift';
export { centroidDrift } from './drift/centroidDrift';
export type {
  CentroidDriftOptions,
  CentroidDriftResult,
  CentroidModelLike,
  CentroidShiftInUnits,
  PipelineLike,
  SegmentCentroidDrift,
} from './drift/centroidDrift';
export { DriftMonitor } from './drift/DriftMonitor';
export type {
  CategoricalColumnProfileJSON,
  DriftCheck,
  DriftCheckOptions,
  DriftMonitorJSON,
  DriftMonitorOptions,
  NumericColumnProfileJSON,
} from './drift/DriftMonitor';
export type { QuantileSketchJSON } from './drift/QuantileSketch';

// charts: Vega-Lite v5 specs (plain JSON; render with segmentkit/svg, or let JupyterLab draw them)
export { SEGMENT_PALETTE } from './charts/vegaLite';
export type { ChartOptions, VegaLiteSpec } from './charts/vegaLite';
export { plotSegments } from './charts/plotSegments';
export type { PlotSegmentsOptions } from './charts/plotSegments';
export { plotChooseK } from './charts/plotChooseK';
export { plotSilhouette } from './charts/plotSilhouette';
export { plotDendrogram } from './charts/plotDendrogram';
export type { PlotDendrogramOptions } from './charts/plotDendrogram';
export { plotCondensedTree } from './charts/plotCondensedTree';
export type { PlotCondensedTreeOptions } from './charts/plotCondensedTree';
export { plotReachability } from './charts/plotReachability';
export type { PlotReachabilityOptions } from './charts/plotReachability';
export { plotRfmGrid } from './charts/plotRfmGrid';
export { plotProfiles } from './charts/plotProfiles';
export { plotDrift } from './charts/plotDrift';
export { plotTransitions } from './charts/plotTransitions';
export { plotClv } from './charts/plotClv';

// privacy: pseudonymous ids, small-cell suppression, differential privacy, segment composition
export { pseudonymizeIds } from './privacy/pseudonymizeIds';
export type { PseudonymizeIdsOptions } from './privacy/pseudonymizeIds';
export { suppressSmallCells } from './privacy/minSegmentSize';
export type { SuppressSmallCellsOptions, SuppressedRow } from './privacy/minSegmentSize';
export { privateCount, privateCounts, privateMean } from './privacy/differentialPrivacy';
export type {
  PrivacyMechanism,
  PrivateCountOptions,
  PrivateCounts,
  PrivateMean,
  PrivateMeanOptions,
  PrivateValue,
} from './privacy/differentialPrivacy';
export { SegmentComposition, segmentComposition } from './privacy/segmentComposition';
export type {
  AttributeCount,
  AttributeShare,
  SegmentCompositionJSON,
  SegmentCompositionOptions,
  SegmentCompositionRow,
} from './privacy/segmentComposition';

// sql: scoring and training in the warehouse
export { WAREHOUSE_DIALECTS } from './sql/sqlDialect';
export type { SqlQuery, SqlValue, WarehouseDialect } from './sql/sqlDialect';
export type { GaussianMixtureSqlOptions, PipelineSqlOptions, ScoringSqlOptions, SqlPipeline } from './sql/scoringSql';
export { fitKMeansSql } from './sql/fitKMeansSql';
export type { FitKMeansSqlOptions, SqlExecutor } from './sql/fitKMeansSql';
export { kmeansPartialStep, mergeKMeansPartials } from './sql/kmeansPartialStep';
export type { KMeansPartial } from './sql/kmeansPartialStep';

// cluster/optics: OPTICS (issue 21, density)
export { OPTICS } from './cluster/optics/OPTICS';
export { OPTICSModel } from './cluster/optics/OPTICSModel';
export type { OPTICSFittedParams, OPTICSFittedParamsJSON, OPTICSModelJSON } from './cluster/optics/OPTICSModel';
export type { OPTICSMetric, OPTICSParams, OPTICSProgress } from './cluster/optics/opticsParams';

// cluster/hdbscan: HDBSCAN (issue 21, density)
export { HDBSCAN } from './cluster/hdbscan/HDBSCAN';
export { HDBSCANModel } from './cluster/hdbscan/HDBSCANModel';
export type {
  HDBSCANCondensedTree,
  HDBSCANFittedParams,
  HDBSCANModelJSON,
  HDBSCANPrediction,
} from './cluster/hdbscan/HDBSCANModel';
export type { HDBSCANMetric, HDBSCANParams, HDBSCANProgress } from './cluster/hdbscan/hdbscanParams';
