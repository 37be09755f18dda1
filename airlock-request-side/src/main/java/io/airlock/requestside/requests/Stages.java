package io.airlock.requestside.requests;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When a request passed each stage. Submitted, exported and result received are this side's clock;
 * received, executed and result exported the response side's, so order holds only within a clock.
 */
public record Stages(
    Instant submitted,
    Instant exported,
    Instant received,
    Instant executed,
    @JsonProperty("result_exported") Instant resultExported,
    @JsonProperty("result_received") Instant resultReceived) {

  /** The stages by their names ({@code submitted} … {@code result_received}), in order. */
  public Map<String, Instant> named() {
    Map<String, Instant> named = new LinkedHashMap<>();
    named.put("submitted", submitted);
    named.put("exported", exported);
    named.put("received", received);
    named.put("executed", executed);
    named.put("result_exported", resultExported);
    named.put("result_received", resultReceived);
    return named;
  }

  /** The stage timestamps of a row holding the {@code requests} columns under their own names. */
  public static Stages of(ResultSet rs) throws SQLException {
    return new Stages(
        instant(rs.getTimestamp("submitted_at")),
        instant(rs.getTimestamp("exported_at")),
        instant(rs.getTimestamp("received_at")),
        instant(rs.getTimestamp("executed_at")),
        instant(rs.getTimestamp("result_exported_at")),
        instant(rs.getTimestamp("result_received_at")));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
