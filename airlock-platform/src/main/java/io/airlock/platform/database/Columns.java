package io.airlock.platform.database;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Rows as columns: one field of every row as an array, for a statement that unnests them ({@code
 * insert into t (a, b) select * from unnest(cast(:as as uuid[]), cast(:bs as text[]))}), which
 * writes any number of rows in one round trip with a statement text that does not grow with them.
 */
public final class Columns {

  private Columns() {}

  /** The field of every row, in their order. */
  public static <T, V> V[] of(List<T> rows, Function<T, V> field, IntFunction<V[]> array) {
    return rows.stream().map(field).toArray(array);
  }

  /** {@link #of} for text (or anything the statement casts from its text). */
  public static <T> String[] texts(List<T> rows, Function<T, String> field) {
    return of(rows, field, String[]::new);
  }
}
