package io.airlock.requestside.ratelimit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * One Redis server per test JVM, on a free port, for the tests of the Redis backend, and one
 * connection to it for what the tests check themselves.
 */
final class EmbeddedRedis {

  private static String url;
  private static StatefulRedisConnection<String, String> connection;

  private EmbeddedRedis() {}

  static synchronized String url() {
    if (url == null) {
      try {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
          port = socket.getLocalPort();
        }
        RedisServer server = new RedisServer(port);
        server.start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        server.stop();
                      } catch (IOException e) {
                        // the JVM is ending anyway
                      }
                    }));
        url = "redis://127.0.0.1:" + port;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return url;
  }

  /** A connection of the tests' own, closed with the JVM. */
  static synchronized StatefulRedisConnection<String, String> connection() {
    if (connection == null) {
      RedisClient client = RedisClient.create(url());
      connection = client.connect();
      Runtime.getRuntime().addShutdownHook(new Thread(client::shutdown));
    }
    return connection;
  }
}
