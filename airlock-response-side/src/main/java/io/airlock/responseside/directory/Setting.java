package io.airlock.responseside.directory;

import java.time.Instant;

/** A global setting this side owns and the request side receives. */
public record Setting(String key, String value, long version, Instant updatedAt) {}
