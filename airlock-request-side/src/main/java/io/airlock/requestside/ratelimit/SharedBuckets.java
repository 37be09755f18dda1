package io.airlock.requestside.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.RemoteBucketBuilder;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import java.time.Duration;
import java.util.function.Function;
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

  /** Takes from the bucket {@code id}, created with {@code configuration} unless it exists. */
  <R> R take(
      String id, Supplier<BucketConfiguration> configuration, Function<BucketProxy, R> take) {
    return created(
        proxies.get(new Key(id, 0), key -> batching(store.builder()).build(id, configuration)),
        () -> store.builder().build(id, configuration),
        take);
  }

  /**
   * Takes from the bucket {@code id}, whose stored state takes {@code configuration} whenever
   * {@code version} is above the one it was stored with: a raised limit keeps what was used, a
   * lowered one caps what is left.
   */
  <R> R take(
      String id,
      long version,
      Supplier<BucketConfiguration> configuration,
      Function<BucketProxy, R> take) {
    return created(
        bucket(id, version, configuration),
        () -> replacing(store.builder(), version).build(id, configuration),
        take);
  }

  /** The bucket {@code id} of {@link #take(String, long, Supplier, Function)}, once it exists. */
  BucketProxy bucket(String id, long version, Supplier<BucketConfiguration> configuration) {
    return proxies.get(
        new Key(id, version),
        key -> replacing(batching(store.builder()), version).build(id, configuration));
  }

  /**
   * Runs {@code take} on the batching proxy, or, when the bucket does not exist yet, on a plain
   * one: Bucket4j's batched commands do not create a missing bucket (they fail with {@link
   * BucketNotFoundException}, having changed nothing), a plain command does.
   */
  private static <R> R created(
      BucketProxy batching, Supplier<BucketProxy> plain, Function<BucketProxy, R> take) {
    try {
      return take.apply(batching);
    } catch (IllegalStateException e) {
      if (!(e instanceof BucketNotFoundException)
          && !(e.getCause() instanceof BucketNotFoundException)) {
        throw e;
      }
      return take.apply(plain.get());
    }
  }

  private static RemoteBucketBuilder<String> batching(RemoteBucketBuilder<String> builder) {
    return builder.withOptimization(Optimizations.batching());
  }

  private static RemoteBucketBuilder<String> replacing(
      RemoteBucketBuilder<String> builder, long version) {
    return builder.withImplicitConfigurationReplacement(
        version, TokensInheritanceStrategy.ADDITIVE);
  }

  /** Forgets the bucket {@code id}: its next take starts afresh. */
  void remove(String id) {
    store.removeProxy(id);
  }
}
