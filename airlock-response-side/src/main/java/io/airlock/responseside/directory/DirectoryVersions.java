package io.airlock.responseside.directory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out directory versions from the one {@code directory_version} sequence.
 *
 * <p>Sequence values are allocated outside transactions, so two writers could commit versions 6 and
 * then 5; an exporter that had already read up to 6 would never see 5. Every writer therefore takes
 * a transaction-scoped advisory lock before its version and holds it until it commits: versions
 * become visible in the order they were allocated, and {@code version > watermark} misses nothing.
 */
@Component
class DirectoryVersions {

  // Arbitrary, but fixed: every writer of the directory must use the same key.
  private static final long LOCK_KEY = 0x4169726c6f636b01L;

  private final JdbcClient jdbc;

  DirectoryVersions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  long next() {
    jdbc.sql("select true from pg_advisory_xact_lock(:key)")
        .param("key", LOCK_KEY)
        .query(Boolean.class)
        .single();
    return jdbc.sql("select nextval('directory_version')").query(Long.class).single();
  }
}
