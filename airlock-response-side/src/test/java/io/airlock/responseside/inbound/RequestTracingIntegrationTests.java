package io.airlock.responseside.inbound;

import static io.airlock.responseside.inbound.RequestsFixture.request;
import static io.airlock.responseside.inbound.RequestsFixture.traced;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.platform.tracing.GapTracing;
import io.airlock.platform.transfer.ImportOutcome;
import io.airlock.platform.transfer.InboxImporter;
import io.airlock.platform.transfer.TransferFolders;
import io.airlock.responseside.cache.ResultCache;
import io.airlock.responseside.directory.DirectoryAdministration;
import io.airlock.responseside.directory.User;
import io.airlock.responseside.execution.TestWorker;
import io.airlock.responseside.queue.QueueFixture;
import io.airlock.responseside.queue.RequestQueue;
import io.airlock.responseside.search.SearchEngine;
import io.airlock.transfer.records.RequestRecord;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request's trace crosses the gap: the spans of its import and of its run continue the trace its
 * record brought, and the lines logged about it at DEBUG carry that trace's id.
 */
@RequestsChannelTest
@Import(RequestTracingIntegrationTests.Spans.class)
@ExtendWith(OutputCaptureExtension.class)
class RequestTracingIntegrationTests {

  /** The loggers operators set to DEBUG to follow requests. */
  private static final List<String> FOLLOWING =
      List.of(
          "io.airlock.responseside.inbound.ArrivalTraces",
          "io.airlock.responseside.execution.QueryExecution");

  @Autowired InboxImporter importer;
  @Autowired TransferFolders folders;
  @Autowired DirectoryAdministration administration;
  @Autowired JdbcClient jdbc;
  @Autowired RequestQueue queue;
  @Autowired ResultCache cache;
  @Autowired SearchEngine engine;
  @Autowired JsonMapper json;
  @Autowired GapTracing tracing;
  @Autowired LoggingSystem logging;
  @Autowired EndedSpans spans;

  RequestsFixture fixture;
  User user;

  @BeforeEach
  void setUp() {
    fixture = new RequestsFixture(importer, folders, administration, jdbc);
    user = fixture.user(fixture.profileType(3, List.of("incidents"), 100));
    new QueueFixture(jdbc).drain();
  }

  @AfterEach
  void quietAgain() {
    FOLLOWING.forEach(logger -> logging.setLogLevel(logger, null));
  }

  @Test
  void theImportAndTheRunOfARequestContinueItsTraceAndTheirLinesCarryItsTraceId(
      CapturedOutput output) {
    FOLLOWING.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
    String traceId = hex(32);
    String parentId = hex(16);
    RequestRecord request =
        traced(
            request(user.id(), "incidents", uniqueQuery(), 1),
            "00-" + traceId + "-" + parentId + "-01");

    assertThat(fixture.send(request)).isInstanceOf(ImportOutcome.Imported.class);
    assertThat(new TestWorker(queue, cache, engine, json, tracing).runReady()).isEqualTo(1);

    assertThat(fixture.incoming(request.id()).orElseThrow()).containsEntry("status", "completed");
    assertThat(linesAbout(output, request))
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).contains("arrived: queued"))
        .anySatisfy(line -> assertThat(line).contains("ran: completed; source: engine"))
        .allSatisfy(line -> assertThat(line).contains("[trace " + traceId + "]"));
    Map<String, SpanData> trace = spans.byName(traceId);
    assertThat(trace)
        .containsKeys(
            "airlock.import",
            "airlock.queue.wait",
            "airlock.execute",
            "airlock.cache.lookup",
            "airlock.engine.call");
    for (String name : List.of("airlock.import", "airlock.queue.wait", "airlock.execute")) {
      assertThat(trace.get(name).getParentSpanId()).as(name).isEqualTo(parentId);
    }
    String execute = trace.get("airlock.execute").getSpanId();
    assertThat(trace.get("airlock.cache.lookup").getParentSpanId()).isEqualTo(execute);
    assertThat(trace.get("airlock.engine.call").getParentSpanId()).isEqualTo(execute);
    assertThat(trace.get("airlock.queue.wait").getEndEpochNanos())
        .isLessThanOrEqualTo(trace.get("airlock.execute").getStartEpochNanos());
  }

  @Test
  void aRequestThatBroughtNoTraceIsLoggedButStartsNoImportSpan(CapturedOutput output) {
    FOLLOWING.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
    long importSpans = spans.named("airlock.import");
    RequestRecord request = request(user.id(), "incidents", uniqueQuery(), 1);

    fixture.send(request);

    assertThat(linesAbout(output, request)).singleElement().asString().contains("arrived: queued");
    assertThat(spans.named("airlock.import")).isEqualTo(importSpans);
  }

  @Test
  void logsNothingAboutRequestsBelowDebug(CapturedOutput output) {
    RequestRecord request =
        traced(
            request(user.id(), "incidents", uniqueQuery(), 1),
            "00-" + hex(32) + "-" + hex(16) + "-01");

    fixture.send(request);
    new TestWorker(queue, cache, engine, json, tracing).runReady();

    assertThat(fixture.incoming(request.id()).orElseThrow()).containsEntry("status", "completed");
    assertThat(linesAbout(output, request)).isEmpty();
  }

  private static List<String> linesAbout(CapturedOutput output, RequestRecord request) {
    return output
        .getAll()
        .lines()
        .filter(line -> line.contains("Request " + request.id()))
        .toList();
  }

  // No other test asks it, so that the engine answers it, not the cache.
  private static String uniqueQuery() {
    return "{\"query\": {\"term\": {\"id\": \"" + UUID.randomUUID() + "\"}}}";
  }

  private static String hex(int digits) {
    StringBuilder hex = new StringBuilder();
    while (hex.length() < digits) {
      hex.append(Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L << 63));
    }
    return hex.substring(0, digits);
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Spans {

    @Bean
    EndedSpans endedSpans() {
      return new EndedSpans();
    }
  }

  /** Keeps every span that ends, as the side's tracer hands it to its exporters. */
  static final class EndedSpans implements SpanProcessor {

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();

    /** The trace's spans of Airlock's own, by name: one of each, or this throws. */
    Map<String, SpanData> byName(String traceId) {
      return ended.stream()
          .filter(span -> span.getTraceId().equals(traceId))
          .filter(span -> span.getName().startsWith("airlock."))
          .collect(Collectors.toMap(SpanData::getName, Function.identity()));
    }

    long named(String name) {
      return ended.stream().filter(span -> span.getName().equals(name)).count();
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
