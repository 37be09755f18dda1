package io.airlock.responseside.search;

import java.util.Set;

/**
 * The indices a request may name at most, which this side's engine account should be confined to. A
 * port: the directory knows them, and the search account check must not depend on it.
 */
@FunctionalInterface
public interface AllowedIndices {

  /** The names, read now. */
  Set<String> names();
}
