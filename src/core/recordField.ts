// Reading a field of a user's record by a user's column name. `record[name]` alone is wrong for names that
// Object.prototype also has: every object "has" constructor, toString and __proto__, so a record without a
// `constructor` column would seem to hold the Object function there. Such a name is a field only when the record
// (or a prototype of its own, such as a class with getters) provides it; any other name reads as usual.

/** @internal Whether `name` is a member of `Object.prototype` (decided once per column, not per row). */
export function isPrototypeName(name: string): boolean {
  return name in Object.prototype;
}

/** @internal Where the value of `name` comes from, when it is a member of `Object.prototype`: the record itself, or not. */
function ownsPrototypeName(record: object, name: string): boolean {
  for (let object: object | null = record; object !== null && object !== Object.prototype; object = Object.getPrototypeOf(object)) {
    if (Object.hasOwn(object, name)) return true;
  }
  return false;
}

/**
 * @internal
 * The value of field `name` of `record`, `undefined` when the record does not have it. `prototypeName` is
 * {@link isPrototypeName} of `name`, passed in so that a loop over rows decides it once.
 */
export function fieldValue(record: object, name: string, prototypeName: boolean = isPrototypeName(name)): unknown {
  if (prototypeName && !ownsPrototypeName(record, name)) return undefined;
  return (record as Record<string, unknown>)[name];
}

/** @internal Whether `record` has field `name` (its own, or from a prototype of its own, but not from Object.prototype). */
export function hasField(record: object, name: string, prototypeName: boolean = isPrototypeName(name)): boolean {
  return prototypeName ? ownsPrototypeName(record, name) : name in record;
}

/**
 * @internal
 * Set `target[key] = value` as an own, enumerable field, also for `key === '__proto__'` (which an assignment would
 * take as the prototype to set, dropping the field and, with an object value, changing what the target inherits).
 */
export function setField<T>(target: Record<string, T>, key: string, value: NoInfer<T>): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
