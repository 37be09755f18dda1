package io.airlock.e2e;

import io.airlock.platform.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A side in a JVM of its own, so that it can be killed for real, at a named crash point ({@code
 * -Dairlock.crash-at}, see {@code io.airlock.transfer.CrashPoint}) or at any moment. Its database
 * lives on the test JVM's PostgreSQL and its files in a folder of the test's, so both outlive every
 * kill and each start takes up where the last one died. Output goes to {@code logs/} beside the
 * data folder, one file per start.
 */
final class SideProcess implements Side {

  private static final Duration START_PATIENCE = Duration.ofSeconds(120);

  private final Class<?> application;
  private final Path dataDir;
  private final TestDatabase database;
  private final List<String> arguments;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private Process process;
  private int starts;

  /**
   * @param application the side's application class, started through its {@code main}
   * @param arguments the side's settings ({@code --name=value}); port and database are added
   */
  SideProcess(Class<?> application, Path dataDir, TestDatabase database, List<String> arguments) {
    this.application = application;
    this.dataDir = dataDir;
    this.database = database;
    this.arguments = List.copyOf(arguments);
    this.port = freePort();
  }

  /**
   * Starts the side, armed to halt at {@code crashAt} ({@code name} or {@code name:pass}) unless
   * null, and waits until it is live or has died; returns whether it is live.
   */
  boolean start(String crashAt) throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx384m");
    command.add("-XX:TieredStopAtLevel=1");
    if (crashAt != null) {
      command.add("-Dairlock.crash-at=" + crashAt);
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            ChildJvm.class.getName(),
            application.getName()));
    command.addAll(arguments);
    command.addAll(
        List.of(
            "--server.port=" + port,
            "--spring.datasource.url=" + database.jdbcUrl(),
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password()));
    Path logs = Files.createDirectories(dataDir.resolveSibling("logs"));
    Path log = logs.resolve(dataDir.getFileName() + "-" + ++starts + ".log");
    process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Awaitility.await()
          .atMost(START_PATIENCE)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !process.isAlive() || live());
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          application.getSimpleName() + " did not start within " + START_PATIENCE + "; see " + log);
    }
    return process.isAlive();
  }

  /** Waits for the process to end by itself; returns its exit status, or empty if it did not. */
  OptionalInt awaitExit(Duration patience) throws InterruptedException {
    return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)
        ? OptionalInt.of(process.exitValue())
        : OptionalInt.empty();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Kills the process on the spot ({@code kill -9}) and waits until it is gone. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  Path dataDir() {
    return dataDir;
  }

  Class<?> application() {
    return application;
  }

  @Override
  public String url() {
    return "http://localhost:" + port;
  }

  @Override
  public JdbcClient database() {
    return JdbcClient.create(database.dataSource());
  }

  @Override
  public void close() {
    try {
      kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean live() throws InterruptedException {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(url() + "/actuator/health/liveness"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
