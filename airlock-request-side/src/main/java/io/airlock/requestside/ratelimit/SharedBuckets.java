package io.airlock.requestside.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The buckets in the shared count store (see {@link QuotaConfiguration}), each as one proxy per
 * instance that batches its callers: takes from one bucket that overlap in time, such as one
 * program's many calls at once, reach the store as one command (one locked read and one write)
 * instead of one each. Every take still counts exactly: the store applies them in order.
 */
class SharedBuckets {

  private record Key(String id, long version) {}

  private final ProxyManager<String> store;
  // Bucket4j's batching lives in the proxy object: callers must share it.
  private final Cache<Key, BucketProxy> proxies =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

  SharedBuckets(ProxyManager<String> store) {
    this.store = store;
  }

  /** The bucket {@code id}, created with {@code configuration} unless it exists. */
  BucketProxy bucket(String id, Supplier<BucketConfiguration> configuration) {
    return proxies.get(
        new Key(id, 0),
        key -> store.builder().withOptimization(Optimizations.batching()).build(id, configuration));
  }

  /**
   * The bucket {@code id}, whose stored state takes {@code configuration} whenever {@code version}
   * is above the one it was stored with: a raised limit keeps what was used, a lowered one caps
   * what is left.
   */
  BucketProxy bucket(String id, long version, Supplier<BucketConfiguration> configuration) {
    return proxies.get(
        new Key(id, version),
        key ->
            store
                .builder()
                .withOptimization(Optimizations.batching())
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
                .build(id, configuration));
  }

  /** Forgets the bucket {@code id}: its next take starts afresh. */
  void remove(String id) {
    store.removeProxy(id);
  }
}
