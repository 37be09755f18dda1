package io.airlock.responseside.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The cache's size per level, and how lookups on this instance fared since it started.
 *
 * @param memoryMaxBytes the in-process level's bound ({@code airlock.cache.memory})
 * @param databaseHitsHere lookups on this instance that the table answered
 * @param misses lookups on this instance neither level could answer
 */
@JsonNaming(SnakeCaseStrategy.class)
public record CacheStats(
    Level memory, long memoryMaxBytes, Level database, long databaseHitsHere, long misses) {

  /**
   * @param entries fresh entries
   * @param bytes their result text bytes
   * @param hits for memory, lookups it answered here; for the table, the hit counts of its fresh
   *     entries, from every instance
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record Level(long entries, long bytes, long hits) {}

  /** The share of this instance's lookups either level answered; 0 before any lookup. */
  @JsonProperty("hit_ratio")
  public double hitRatio() {
    long hits = memory.hits() + databaseHitsHere;
    long lookups = hits + misses;
    return lookups == 0 ? 0 : (double) hits / lookups;
  }
}
