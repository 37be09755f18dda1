package io.airlock.requestside.ratelimit;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The counts in this side's PostgreSQL: one row per key, taken by {@code airlock_take_counts}
 * (migration {@code V2026.12.06.20}), which locks the row for the statement only. Inside a
 * transaction the take is part of it: the lock is held, and the take undone, with the transaction.
 */
final class RateCountsInPostgres implements RateCounts {

  private final JdbcTemplate jdbc;

  RateCountsInPostgres(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Taken take(
      String key,
      long version,
      long[] capacities,
      List<QuotaWindow> windows,
      int wanted,
      Instant now) {
    long[] lengths = windows.stream().mapToLong(window -> window.length().toMillis()).toArray();
    return jdbc.queryForObject(
        "select taken, remaining from airlock_take_counts(?, ?, ?, ?, ?, ?)",
        (row, n) -> new Taken(row.getInt(1), longs(row.getArray(2))),
        key,
        version,
        capacities,
        lengths,
        now.toEpochMilli(),
        wanted);
  }

  @Override
  public void remove(String key) {
    jdbc.update("delete from rate_counts where key = ?", key);
  }

  @Override
  public int removeExpired(Instant now, int limit) {
    return jdbc.update(
        """
        delete from rate_counts where key in (
            select key from rate_counts where expires_at < ? limit ?)""",
        Timestamp.from(now),
        limit);
  }

  private static long[] longs(Array array) throws SQLException {
    Long[] values = (Long[]) array.getArray();
    long[] longs = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      longs[i] = values[i];
    }
    return longs;
  }
}
