/**
 * The segmentkit version this build is, written into every report's methods section and the CLI's
 * `--version` (a test checks it against package.json).
 *
 * @example
 * /^\d+\.\d+\.\d+/.test(SEGMENTKIT_VERSION); // => true
 */
export const SEGMENTKIT_VERSION = '0.1.0';
