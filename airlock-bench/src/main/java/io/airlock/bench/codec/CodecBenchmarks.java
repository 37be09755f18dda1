package io.airlock.bench.codec;

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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
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

  private final JsonMapper json = WireJson.mapper();
  private List<TransferRecord> requests;
  private List<TransferRecord> results;
  private List<JsonNode> requestTrees;
  private List<JsonNode> resultTrees;
  private List<byte[]> requestLines;
  private List<byte[]> resultLines;

  @Setup
  public void records() {
    requests = new ArrayList<>();
    results = new ArrayList<>();
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    for (int i = 0; i < RECORDS; i++) {
      requests.add(
          new RequestRecord(
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
              now.plusSeconds(86_400)));
      results.add(
          new ResultRecord(
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
              now.plusMillis(40)));
    }
    requestTrees = requests.stream().map(r -> (JsonNode) RecordCodec.toJson(r)).toList();
    resultTrees = results.stream().map(r -> (JsonNode) RecordCodec.toJson(r)).toList();
    // Lines without their newline, as the batch reader hands them to the codec.
    requestLines = requests.stream().map(CodecBenchmarks::line).toList();
    resultLines = results.stream().map(CodecBenchmarks::line).toList();
  }

  @Benchmark
  public void encodeRequests(Blackhole sink) {
    requests.forEach(record -> sink.consume(RecordCodec.encodeLine(record)));
  }

  @Benchmark
  public void jacksonWriteRequests(Blackhole sink) {
    requestTrees.forEach(tree -> sink.consume(json.writeValueAsBytes(tree)));
  }

  @Benchmark
  public void decodeRequests(Blackhole sink) {
    long line = 0;
    for (byte[] bytes : requestLines) {
      sink.consume(RecordCodec.decode(Channel.REQUESTS, ++line, bytes));
    }
  }

  @Benchmark
  public void jacksonReadRequests(Blackhole sink) {
    requestLines.forEach(bytes -> sink.consume(json.readTree(bytes)));
  }

  @Benchmark
  public void encodeResults(Blackhole sink) {
    results.forEach(record -> sink.consume(RecordCodec.encodeLine(record)));
  }

  @Benchmark
  public void jacksonWriteResults(Blackhole sink) {
    resultTrees.forEach(tree -> sink.consume(json.writeValueAsBytes(tree)));
  }

  @Benchmark
  public void decodeResults(Blackhole sink) {
    long line = 0;
    for (byte[] bytes : resultLines) {
      sink.consume(RecordCodec.decode(Channel.RESULTS, ++line, bytes));
    }
  }

  @Benchmark
  public void jacksonReadResults(Blackhole sink) {
    resultLines.forEach(bytes -> sink.consume(json.readTree(bytes)));
  }

  private static byte[] line(TransferRecord record) {
    byte[] line = RecordCodec.encodeLine(record);
    return Arrays.copyOf(line, line.length - 1);
  }
}
