package io.airlock.requestside.requests;

import static io.airlock.requestside.requests.RequestFixture.search;
import static org.assertj.core.api.Assertions.assertThat;

import io.airlock.requestside.RequestSideIntegrationTest;
import io.airlock.transfer.records.RequestRecord;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A submission's trace context, kept with the request and sent across in its record. */
@RequestSideIntegrationTest
class RequestTraceIntegrationTests extends SignedInRequester {

  private static final String CALLERS_TRACE = "0af7651916cd43dd8448eb211c80319c";

  @Autowired RequestExports exports;

  @Test
  void continuesTheCallersW3cTraceAndSendsItAcrossWithTheRequest() {
    UUID id = submit(Map.of("traceparent", "00-" + CALLERS_TRACE + "-b7ad6b7169203331-01"));

    String stored = traceparent(id);
    assertThat(stored).matches("00-" + CALLERS_TRACE + "-[0-9a-f]{16}-01");
    // The request side's own span of the call, a child of the caller's.
    assertThat(stored).doesNotContain("b7ad6b7169203331");
    assertThat(exports.unclaimedRequests(1000))
        .filteredOn(record -> record.id().equals(id.toString()))
        .extracting(RequestRecord::traceparent)
        .containsExactly(stored);
  }

  @Test
  void beginsATraceOfItsOwnForACallerWithout() {
    UUID first = submit(Map.of());
    UUID second = submit(Map.of());

    assertThat(traceparent(first)).matches(RequestRecord.TRACEPARENT.pattern());
    assertThat(traceparent(first).substring(3, 35))
        .isNotEqualTo(traceparent(second).substring(3, 35));
  }

  private UUID submit(Map<String, String> headers) {
    var call =
        client
            .post()
            .uri("/requests")
            .header("Authorization", "Bearer " + token)
            .body(search("logs", "{\"query\":{\"match_all\":{}}}", 1));
    headers.forEach(call::header);
    Map<?, ?> body =
        call.exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return UUID.fromString((String) body.get("id"));
  }

  private String traceparent(UUID id) {
    return jdbc.sql("select traceparent from requests where id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }
}
