package io.airlock.e2e;

import org.springframework.jdbc.core.simple.JdbcClient;

/** One side as the tests reach it: over HTTP, and its database for what the API does not show. */
interface Side extends AutoCloseable {

  /** The base URL of its HTTP API, e.g. {@code http://localhost:8001}. */
  String url();

  JdbcClient database();

  @Override
  void close();
}
