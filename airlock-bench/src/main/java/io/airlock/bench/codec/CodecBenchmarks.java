package io.airlock.bench.codec;

import io.airlock.bench.Row;
import io.airlock.transfer.Channel;
import io.airlock.transfer.WireJson;
import io.airlock.transfer.records.QueryType;
import io.airlock.transfer.records.RecordCodec;
import io.airlock.transfer.records.RequestRecord;
import io.airlock.transfer.records.ResultRecord;
import io.airlock.transfer.records.TransferRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transfer codec against plain Jackson on the same JSON (issue 13: at least 50% of its
 * throughput). Each benchmark handles a set of request records and one of result records: {@code
 * encode*} writes them as lines, {@code decode*} reads the lines back into records; each {@code
 * jackson*} baseline writes the same JSON trees, or parses the same bytes into trees.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmarks {

  public static final int RECORDS = 1_000;

  public static final String DESCRIPTION =
      "Codec (JMH, 1 fork, 5 × 2 s; ops/s, one op = "
          + RECORDS
          + " records): encoding records to lines and decoding lines into validated records,"
          + " against plain Jackson writing the same JSON trees and parsing the same bytes.";

  // The benchmarks whose throughput is held to at least half of their baseline's.
  private static final List<String[]> FIGURES =
      List.of(
          new String[] {"encode request records", "encode", "jacksonWrite", "requests"},
          new String[] {"decode request records", "decode", "jacksonRead", "requests"},
          new String[] {"encode result records", "encode", "jacksonWrite", "results"},
          new String[] {"decode result records", "decode", "jacksonRead", "results"});

  /** Runs the codec benchmarks in a forked JVM; one row per figure. */
  public static List<Row> run() throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(CodecBenchmarks.class.getSimpleName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(2))
            .build();
    Map<String, Double> perSecond = new HashMap<>();
    for (RunResult result : new Runner(options).run()) {
      perSecond.put(
          result.getPrimaryResult().getLabel() + " " + result.getParams().getParam("records"),
          result.getPrimaryResult().getScore());
    }
    List<Row> rows = new ArrayList<>();
    for (String[] figure : FIGURES) {
      String baseline = figure[2] + " " + figure[3];
      rows.add(
          Row.ratio(
              figure[0],
              perSecond.get(figure[1] + " " + figure[3]),
              perSecond.get(baseline),
              baseline,
              0.5));
    }
    return rows;
  }

  /** Which records: {@code requests} or {@code results}. */
  @Param({"requests", "results"})
  public String records;

  private final JsonMapper json = WireJson.mapper();
  private Channel channel;
  private List<TransferRecord> recordList;
  private List<JsonNode> trees;
  private List<byte[]> lines;

  @Setup
  public void prepare() {
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    channel = records.equals("requests") ? Channel.REQUESTS : Channel.RESULTS;
    recordList = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      recordList.add(channel == Channel.REQUESTS ? request(i, now) : result(i, now));
    }
    trees = recordList.stream().map(r -> (JsonNode) RecordCodec.toJson(r)).toList();
    // Lines without their newline, as the batch reader hands them to the codec.
    lines = recordList.stream().map(CodecBenchmarks::line).toList();
  }

  @Benchmark
  public void encode(Blackhole sink) {
    recordList.forEach(record -> sink.consume(RecordCodec.encodeLine(record)));
  }

  @Benchmark
  public void jacksonWrite(Blackhole sink) {
    trees.forEach(tree -> sink.consume(json.writeValueAsBytes(tree)));
  }

  @Benchmark
  public void decode(Blackhole sink) {
    long line = 0;
    for (byte[] bytes : lines) {
      sink.consume(RecordCodec.decode(channel, ++line, bytes));
    }
  }

  @Benchmark
  public void jacksonRead(Blackhole sink) {
    lines.forEach(bytes -> sink.consume(json.readTree(bytes)));
  }

  private RequestRecord request(int i, Instant now) {
    return new RequestRecord(
        UUID.randomUUID().toString(),
        "trace-" + i,
        UUID.randomUUID().toString(),
        "incidents",
        QueryType.SEARCH,
        json.readTree(
            "{\"query\":{\"bool\":{\"must\":[{\"match\":{\"title\":\"disk failure\"}}],"
                + "\"filter\":[{\"term\":{\"severity\":\"critical\"}}]}},\"size\":"
                + (i % 50)
                + "}"),
        i % 5,
        now,
        now.plusSeconds(86_400));
  }

  private ResultRecord result(int i, Instant now) {
    return new ResultRecord(
        UUID.randomUUID().toString(),
        "trace-" + i,
        json.readTree(
            "{\"took\":3,\"hits\":{\"total\":{\"value\":"
                + i
                + "},\"hits\":[{\"_id\":\"1\",\"_source\":{\"title\":\"Disk failure on"
                + " host-7\",\"severity\":\"critical\",\"score\":0.87}}]}}"),
        12,
        i % 3 == 0,
        "0".repeat(64),
        now,
        now.plusMillis(40));
  }

  private static byte[] line(TransferRecord record) {
    byte[] line = RecordCodec.encodeLine(record);
    return Arrays.copyOf(line, line.length - 1);
  }
}
