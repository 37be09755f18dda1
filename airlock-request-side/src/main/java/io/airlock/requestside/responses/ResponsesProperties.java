package io.airlock.requestside.responses;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How responses are served.
 *
 * @param cacheSize how many bytes of serialised response bodies to keep in memory; responses are
 *     immutable, so a cached body never needs invalidating, only evicting
 */
@ConfigurationProperties("airlock.responses")
record ResponsesProperties(@DefaultValue("64MB") DataSize cacheSize) {}
