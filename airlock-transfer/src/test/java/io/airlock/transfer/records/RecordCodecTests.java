package io.airlock.transfer.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.transfer.Channel;
import org.junit.jupiter.api.Test;

class RecordCodecTests {

  private static final String CANCEL =
      "{\"type\":\"cancel\",\"id\":\"c1\",\"request_id\":\"r1\",\"user_id\":\"u1\","
          + "\"requested_at\":\"2026-11-22T10:00:00Z\"";

  @Test
  void ignoresUnknownFields() {
    RecordLine line = decode(Channel.REQUESTS, CANCEL + ",\"added_in_v2\":{\"x\":1}}");

    assertThat(line).isInstanceOf(RecordLine.Valid.class);
    assertThat(((RecordLine.Valid) line).record())
        .isEqualTo(
            new CancelRecord(
                "c1", null, "r1", "u1", java.time.Instant.parse("2026-11-22T10:00:00Z")));
  }

  @Test
  void refusesARecordMissingARequiredFieldNamingTheField() {
    RecordLine line = decode(Channel.REQUESTS, CANCEL.replace(",\"user_id\":\"u1\"", "") + "}");

    assertInvalid(line, "missing required field 'user_id'");
    assertThat(((RecordLine.Invalid) line).id()).isEqualTo("c1");
    assertThat(((RecordLine.Invalid) line).type()).isEqualTo("cancel");
  }

  @Test
  void refusesAnIllTypedField() {
    assertInvalid(
        decode(Channel.REQUESTS, CANCEL.replace("\"user_id\":\"u1\"", "\"user_id\":42") + "}"),
        "field 'user_id' must be a string");
    assertInvalid(
        decode(Channel.REQUESTS, CANCEL.replace("2026-11-22T10:00:00Z", "yesterday") + "}"),
        "field 'requested_at' must be an ISO-8601 instant");
    assertInvalid(
        decode(
            Channel.DIRECTORY,
            "{\"type\":\"setting\",\"id\":\"k\",\"value\":\"v\",\"version\":\"3\"}"),
        "field 'version' must be an integer");
    assertInvalid(
        decode(
            Channel.DIRECTORY,
            "{\"type\":\"setting\",\"id\":\"k\",\"value\":\"v\",\"version\":1e3}"),
        "field 'version' must be an integer");
  }

  @Test
  void refusesARecordTypeThatDoesNotBelongOnTheChannel() {
    assertInvalid(
        decode(Channel.RESULTS, CANCEL + "}"),
        "record type 'cancel' is not allowed on channel 'results'");
  }

  @Test
  void refusesUnknownTypesDuplicateKeysAndNonObjects() {
    assertInvalid(
        decode(Channel.REQUESTS, "{\"type\":\"drop_table\",\"id\":\"x\"}"), "unknown value");
    assertInvalid(decode(Channel.REQUESTS, CANCEL + ",\"user_id\":\"admin\"}"), "not valid JSON");
    assertInvalid(decode(Channel.REQUESTS, "[1,2]"), "not a JSON object");
    assertInvalid(decode(Channel.REQUESTS, CANCEL + "} {}"), "not valid JSON");
    assertInvalid(
        RecordCodec.decode(Channel.REQUESTS, 1, new byte[] {'{', (byte) 0xc3, '}'}),
        "not valid UTF-8");
  }

  @Test
  void decodesLinesGivenAsBytesLikeTheSameText() {
    String ascii = CANCEL + "}";
    String accented = CANCEL + ",\"note\":\"Müller\"}";
    for (String line :
        new String[] {ascii, accented, CANCEL + "} {}", "[1]", CANCEL + ",\"id\":2}"}) {
      assertThat(
              RecordCodec.decode(
                  Channel.REQUESTS, 1, line.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .as(line)
          .isEqualTo(decode(Channel.REQUESTS, line));
    }
  }

  @Test
  void readsBytesAsUtf8EvenWhenTheirNulsLookLikeUtf16() {
    byte[] utf16 = (CANCEL + "}").getBytes(java.nio.charset.StandardCharsets.UTF_16BE);

    assertInvalid(RecordCodec.decode(Channel.REQUESTS, 1, utf16), "not valid JSON");
  }

  @Test
  void refusesAnAccountChangeThatChangesNothing() {
    assertInvalid(
        decode(
            Channel.REQUESTS,
            "{\"type\":\"account_change\",\"id\":\"a\",\"user_id\":\"u\","
                + "\"changed_at\":\"2026-11-22T10:00:00Z\",\"role\":\"admin\"}"),
        "account change must set one of");
  }

  @Test
  void encodesFieldsInAFixedOrderAndLeavesOutAbsentOnes() {
    FailureRecord failure =
        new FailureRecord(
            "r1",
            null,
            FailureRecord.Outcome.EXPIRED,
            "deadline_passed",
            null,
            null,
            java.time.Instant.parse("2026-11-22T10:00:00Z"));

    assertThat(new String(RecordCodec.encodeLine(failure), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"type\":\"failure\",\"id\":\"r1\",\"outcome\":\"expired\","
                + "\"reason_code\":\"deadline_passed\",\"decided_at\":\"2026-11-22T10:00:00Z\"}\n");
  }

  @Test
  void carriesARequestsTraceContextAcrossAndDropsOneNotInTheW3cForm() {
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    String request =
        "{\"type\":\"request\",\"id\":\"r1\",\"user_id\":\"u1\",\"index\":\"assets\","
            + "\"query_type\":\"count\",\"query_params\":{},\"priority\":1,"
            + "\"submitted_at\":\"2026-11-22T10:00:00Z\",\"deadline\":\"2026-11-23T10:00:00Z\"";

    RequestRecord traced =
        (RequestRecord)
            ((RecordLine.Valid)
                    decode(Channel.REQUESTS, request + ",\"traceparent\":\"" + traceparent + "\"}"))
                .record();
    assertThat(traced.traceparent()).isEqualTo(traceparent);
    assertThat(new String(RecordCodec.encodeLine(traced), java.nio.charset.StandardCharsets.UTF_8))
        .endsWith(",\"traceparent\":\"" + traceparent + "\"}\n");

    for (String bad :
        new String[] {
          "\"01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"",
          "\"00-00000000000000000000000000000000-00f067aa0ba902b7-01\"",
          "\"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01\\n\"",
          "\"not a trace\"",
          "7",
          "{\"traceparent\":\"" + traceparent + "\"}"
        }) {
      RecordLine line = decode(Channel.REQUESTS, request + ",\"traceparent\":" + bad + "}");
      assertThat(line).as(bad).isInstanceOf(RecordLine.Valid.class);
      assertThat(((RequestRecord) ((RecordLine.Valid) line).record()).traceparent())
          .as(bad)
          .isNull();
    }
  }

  private static RecordLine decode(Channel channel, String line) {
    return RecordCodec.decode(channel, 1, line);
  }

  private static void assertInvalid(RecordLine line, String reason) {
    assertThat(line).isInstanceOf(RecordLine.Invalid.class);
    assertThat(((RecordLine.Invalid) line).reason()).contains(reason);
  }
}
