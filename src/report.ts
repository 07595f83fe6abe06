// segmentkit/report: a self-contained HTML report of a segmentation (charts as inline SVG through
// segmentkit/svg, so vega and vega-lite are needed, as optional peer dependencies). Kept out of the main entry.

export { segmentReport } from './report/segmentReport';
export type { ReportProgress, SegmentReportOptions } from './report/segmentReport';
export { SEGMENTKIT_VERSION } from './report/version';
