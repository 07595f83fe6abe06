import type { SqlQuery, SqlValue, WarehouseDialect } from './sqlDialect';

// Expressions are built from pieces in any order, so a bound value cannot be numbered when it is created:
// it is written as a token (NUL, index, NUL; NUL never appears in a quoted identifier, those are refused)
// and the tokens are turned into markers in text order at the end, so `?` markers and their values agree.

/** @internal Collects the values bound by one query. */
export class SqlParams {
  readonly #values: SqlValue[] = [];

  /** A token standing for `value` in the SQL text being built. */
  bind(value: SqlValue): string {
    this.#values.push(value);
    return `\u0000${this.#values.length - 1}\u0000`;
  }

  /**
   * The finished query: tokens become `$n` (Postgres; a value bound once and used twice keeps its number) or
   * `?` in text order (every other dialect; the value is repeated in `params`).
   */
  finish(text: string, dialect: WarehouseDialect): SqlQuery {
    const params: SqlValue[] = [];
    const numbers = new Map<number, number>();
    // split on NUL: the odd pieces are the indices of bound values, the even ones SQL text
    const pieces = text.split('\u0000');
    const sql = pieces
      .map((piece, p) => {
        if (p % 2 === 0) return piece;
        const index = Number(piece);
        const value = this.#values[index]!;
        if (dialect !== 'postgres') {
          params.push(value);
          return '?';
        }
        let n = numbers.get(index);
        if (n === undefined) {
          params.push(value);
          n = params.length;
          numbers.set(index, n);
        }
        return `$${n}`;
      })
      .join('');
    return { sql, params };
  }
}
