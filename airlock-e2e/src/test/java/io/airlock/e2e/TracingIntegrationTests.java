package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * One request's trace across the gap: the caller's W3C {@code traceparent} is taken by the request
 * side, travels in the request's record, and both sides export their spans of it by OTLP/HTTP to
 * the collector (a local HTTP server here) with that one trace id, and write it in the log lines
 * about the request.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTests {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

  @TempDir static Path root;

  private static final List<byte[]> exported = new CopyOnWriteArrayList<>();
  private static HttpServer collector;
  private static TwoSides airlock;
  private static Analyst analyst;

  @BeforeAll
  static void start() throws Exception {
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/v1/traces",
        exchange -> {
          exported.add(exchange.getRequestBody().readAllBytes());
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    List<String> tracing =
        List.of(
            "--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:"
                + collector.getAddress().getPort()
                + "/v1/traces",
            // Operators follow one request through the logs at DEBUG.
            "--logging.level.io.airlock.requestside.inbound=DEBUG",
            "--logging.level.io.airlock.responseside.inbound=DEBUG",
            "--logging.level.io.airlock.responseside.execution=DEBUG");
    airlock = TwoSides.start(root, new TwoSides.Settings(tracing, tracing));
    analyst = Analyst.signedIn(airlock, "traced", "standard");
  }

  @AfterAll
  static void stop() throws IOException {
    if (airlock != null) {
      airlock.close();
    }
    if (collector != null) {
      collector.stop(0);
    }
  }

  @Test
  void bothSidesExportTheirSpansOfARequestWithTheTraceItsCallerBegan(CapturedOutput output)
      throws Exception {
    String id =
        analyst.submit(
            """
            {"index":"assets","query_type":"count","priority":1,
             "query_params":{"query":{"term":{"criticality":"medium"}}}}""",
            Map.of("traceparent", TRACEPARENT));
    assertThat(analyst.awaitFinished(id).path("status").asString()).isEqualTo("completed");

    byte[] traceId = HexFormat.of().parseHex(TRACE_ID);
    await("spans of the trace from both sides")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(exported.stream().filter(body -> contains(body, traceId)))
                    .anySatisfy(body -> assertThat(text(body)).contains("airlock-request-side"))
                    .anySatisfy(body -> assertThat(text(body)).contains("airlock-response-side")));
    List<String> spanNames =
        List.of(
            "airlock.export",
            "airlock.import",
            "airlock.queue.wait",
            "airlock.execute",
            "airlock.cache.lookup",
            "airlock.engine.call",
            "airlock.result.import");
    await("every hop's span")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String all =
                  String.join(
                      "\n",
                      exported.stream()
                          .filter(body -> contains(body, traceId))
                          .map(TracingIntegrationTests::text)
                          .toList());
              assertThat(all).contains(spanNames);
            });

    assertThat(output.getAll().lines().filter(line -> line.contains("[trace " + TRACE_ID + "]")))
        .anySatisfy(line -> assertThat(line).contains("[airlock-request-side]"))
        .anySatisfy(line -> assertThat(line).contains("[airlock-response-side]"));
  }

  private static String text(byte[] body) {
    return new String(body, StandardCharsets.ISO_8859_1);
  }

  private static boolean contains(byte[] body, byte[] wanted) {
    outer:
    for (int i = 0; i <= body.length - wanted.length; i++) {
      for (int j = 0; j < wanted.length; j++) {
        if (body[i + j] != wanted[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
