package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official Elasticsearch Node client, unchanged, driven by {@code
 * src/test/node/async-search.mjs} against the request side's {@code /es}: the same checks as {@link
 * ElasticsearchClientIntegrationTests}, from another language's client. Skipped where Node or its
 * registry is out of reach.
 */
class NodeClientIntegrationTests {

  private static final Path SOURCES = Path.of("src", "test", "node");
  private static final Path WORK = Path.of("target", "node-client");
  private static final List<String> SOURCE_FILES =
      List.of("package.json", "package-lock.json", ".gitignore", "async-search.mjs");
  // What npm says when it cannot reach the registry, as opposed to a broken lock file.
  private static final Pattern OFFLINE =
      Pattern.compile("ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network");
  private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.");

  @TempDir Path root;

  private final JsonMapper json = JsonMapper.shared();

  @Test
  void theOfficialNodeClientSubmitsFollowsAndDeletesSearchesAcrossTheGap() throws Exception {
    installTheClient();
    try (TwoSides airlock = TwoSides.start(root)) {
      assertTheScriptPasses(airlock);
    }
  }

  private void assertTheScriptPasses(TwoSides airlock) throws Exception {
    Analyst analyst = Analyst.signedIn(airlock, "esnode" + suffix(), TwoSides.BULK_PROFILE);
    Analyst other = Analyst.signedIn(airlock, "esnodeother" + suffix(), TwoSides.BULK_PROFILE);

    List<String> output =
        runScript(
            airlock,
            airlock.requestSideUrl() + "/es",
            analyst.elasticsearchApiKey("requests:read", "requests:write"),
            other.elasticsearchApiKey("requests:read", "requests:write"));

    JsonNode summary = json.readTree(output.get(output.size() - 1));
    System.out.println("async-search.mjs: " + summary);
    assertThat(summary.path("ok").asBoolean()).as(summary.toString()).isTrue();
    List<String> checks = new ArrayList<>();
    summary.path("checks").forEach(check -> checks.add(check.path("name").asString()));
    assertThat(checks)
        .containsExactly(
            "root",
            "submit",
            "get",
            "status",
            "delete",
            "refused query",
            "wrong key",
            "other user's id",
            "wait shorter than the answer");

    HttpResponse<String> engine =
        airlock.onSearchNode("/incidents/_search", summary.path("query").toString());
    assertThat(engine.statusCode()).as(engine.body()).isEqualTo(200);
    JsonNode direct = json.readTree(engine.body());
    assertThat(summary.path("total")).isEqualTo(direct.path("hits").path("total"));
    List<String> hits = new ArrayList<>();
    direct
        .path("hits")
        .path("hits")
        .forEach(hit -> hits.add(hit.path("_index").asString() + "/" + hit.path("_id").asString()));
    assertThat(strings(summary.path("hits"))).hasSize(7).isEqualTo(hits);
    List<String> buckets = new ArrayList<>();
    direct
        .path("aggregations")
        .path("by_severity")
        .path("buckets")
        .forEach(b -> buckets.add(b.path("key").asString() + "=" + b.path("doc_count").asLong()));
    assertThat(strings(summary.path("buckets"))).isNotEmpty().isEqualTo(buckets);
  }

  /**
   * Runs the script, holding the gap when it asks to and releasing it when it asks to; returns its
   * output lines, once it has exited 0.
   */
  private static List<String> runScript(TwoSides airlock, String url, String key, String otherKey)
      throws Exception {
    Path errors = WORK.resolve("async-search.err");
    ProcessBuilder builder =
        new ProcessBuilder("node", "async-search.mjs", url, key, otherKey)
            .directory(WORK.toFile())
            .redirectError(errors.toFile());
    builder.environment().put("AIRLOCK_E2E_SIGNALS", "1");
    Process node = builder.start();
    CompletableFuture.delayedExecutor(5, TimeUnit.MINUTES).execute(node::destroyForcibly);
    List<String> lines = new ArrayList<>();
    boolean paused = false;
    try (BufferedReader out = node.inputReader(StandardCharsets.UTF_8);
        Writer in = node.outputWriter(StandardCharsets.UTF_8)) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.add(line);
        if (line.equals("{\"await\":\"pause\"}")) {
          airlock.pauseShuttle();
          paused = true;
        } else if (line.equals("{\"await\":\"resume\"}")) {
          airlock.resumeShuttle();
          paused = false;
        } else {
          continue;
        }
        in.write("done\n");
        in.flush();
      }
    } finally {
      if (paused) {
        airlock.resumeShuttle();
      }
    }
    int exit = node.waitFor();
    assertThat(exit)
        .as(
            "exit code; output:%n%s%nerrors:%n%s",
            String.join("\n", lines), Files.readString(errors))
        .isZero();
    return lines;
  }

  /**
   * Copies the script and its lock file under target/ and installs the client there, unless the
   * same lock file was installed before; skips the test where Node or its registry is out of reach.
   */
  private static void installTheClient() throws Exception {
    String node = toolVersion("node");
    Matcher version = NODE_VERSION.matcher(node);
    if (!version.lookingAt() || Integer.parseInt(version.group(1)) < 20) {
      abort("the Elasticsearch Node client 9.4 needs Node 20 or later, not " + node);
    }
    toolVersion("npm");
    Files.createDirectories(WORK);
    for (String file : SOURCE_FILES) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    Path installed = WORK.resolve("node_modules").resolve(".airlock-installed-lock.json");
    String lock = Files.readString(WORK.resolve("package-lock.json"));
    if (Files.exists(installed) && Files.readString(installed).equals(lock)) {
      return;
    }
    Process npm =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(WORK.toFile())
            .redirectErrorStream(true)
            .start();
    CompletableFuture.delayedExecutor(5, TimeUnit.MINUTES).execute(npm::destroyForcibly);
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    npm.waitFor();
    if (npm.exitValue() != 0) {
      if (OFFLINE.matcher(output).find()) {
        abort(
            "npm ci could not reach the registry, so the Node client is not installed:\n" + output);
      }
      throw new IllegalStateException("npm ci failed:\n" + output);
    }
    Files.writeString(installed, lock);
  }

  /** The tool's {@code --version}; aborts the tests when it is not on the path. */
  private static String toolVersion(String tool) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        abort(tool + " --version failed: " + output);
      }
      return output.trim();
    } catch (IOException e) {
      abort(tool + " is not on the path (" + e.getMessage() + "): the Node client is not tested");
      throw new AssertionError(e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }

  private static String suffix() {
    return String.valueOf(System.nanoTime() % 100_000);
  }
}
