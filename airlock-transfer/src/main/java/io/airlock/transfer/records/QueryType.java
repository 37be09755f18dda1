package io.airlock.transfer.records;

import java.util.Optional;

/** What a request asks the search engine to do. */
public enum QueryType {
  /** {@code _search}: the params are a Query DSL body. */
  SEARCH("search"),
  /** {@code _count}: the params hold only {@code query}. */
  COUNT("count");

  private final String wireName;

  QueryType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<QueryType> fromWireName(String name) {
    for (QueryType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
