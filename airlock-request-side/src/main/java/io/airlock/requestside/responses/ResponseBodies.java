package io.airlock.requestside.responses;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Serialised response bodies by request id, bounded by their total size rather than their count:
 * one result can be a thousand times larger than another. Callers check ownership before asking.
 */
@Component
@EnableConfigurationProperties(ResponsesProperties.class)
class ResponseBodies {

  private final Cache<UUID, byte[]> cache;

  ResponseBodies(ResponsesProperties properties, ObjectProvider<MeterRegistry> meters) {
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(properties.cacheSize().toBytes())
            .weigher((UUID id, byte[] body) -> body.length)
            // Evict on the caller's thread: cheap here, and the bound holds as soon as a body
            // is added rather than whenever a background task gets to it.
            .executor(Runnable::run)
            .recordStats()
            .build();
    meters.ifAvailable(registry -> CaffeineCacheMetrics.monitor(registry, cache, "responses"));
  }

  byte[] get(UUID requestId, Supplier<byte[]> load) {
    return cache.get(requestId, id -> load.get());
  }

  /** How many reads the cache has answered without loading. */
  long hits() {
    return cache.stats().hitCount();
  }
}
