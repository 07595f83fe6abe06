/**
 * @internal
 * Whether `value` is a list segmentkit reads element by element: an array or a typed array (not a `DataView`, not
 * an object that merely has a `length`, whose length could be anything, 1e15 included).
 *
 * @example
 * [isListLike([1, 2]), isListLike(Float64Array.of(1)), isListLike({ length: 2 })]; // => [true, true, false]
 */
export function isListLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}
