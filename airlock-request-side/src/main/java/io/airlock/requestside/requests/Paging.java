package io.airlock.requestside.requests;

import io.airlock.platform.web.InvalidField;

/**
 * One page of a listing, zero-based. A larger size than {@link #MAX_SIZE} is capped rather than
 * refused, so a client asking for "everything" gets the most a page may hold.
 */
public record Paging(int page, int size) {

  public static final int MAX_SIZE = 200;

  static final int DEFAULT_SIZE = 20;

  /**
   * The page a client asked for through {@code page} and {@code size} query parameters.
   *
   * @throws InvalidField if page is negative or size below 1
   */
  public static Paging of(Integer page, Integer size) {
    int p = page == null ? 0 : page;
    int s = size == null ? DEFAULT_SIZE : size;
    if (p < 0) {
      throw new InvalidField("page", "must be at least 0");
    }
    if (s < 1) {
      throw new InvalidField("size", "must be at least 1");
    }
    return new Paging(p, Math.min(s, MAX_SIZE));
  }

  public long offset() {
    return (long) page * size;
  }
}
