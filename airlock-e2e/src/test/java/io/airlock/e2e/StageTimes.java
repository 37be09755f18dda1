package io.airlock.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What a request's stage timestamps must show once it is answered (issue 5 §4): every stage, in
 * order within each side's clock. The two clocks are never compared: the sides are different
 * machines.
 */
final class StageTimes {

  private StageTimes() {}

  /** For a completed request: all six stages, ordered on the request side and the response side. */
  static void assertCompleteAndOrdered(JsonNode status) {
    JsonNode stages = status.path("stages");
    Instant submitted = stage(stages, "submitted");
    Instant exported = stage(stages, "exported");
    Instant resultReceived = stage(stages, "result_received");
    Instant received = stage(stages, "received");
    Instant executed = stage(stages, "executed");
    Instant resultExported = stage(stages, "result_exported");
    assertThat(submitted).as("request side: submitted ≤ exported").isBeforeOrEqualTo(exported);
    assertThat(exported)
        .as("request side: exported ≤ result received")
        .isBeforeOrEqualTo(resultReceived);
    assertThat(received).as("response side: received ≤ executed").isBeforeOrEqualTo(executed);
    assertThat(executed)
        .as("response side: executed ≤ result exported")
        .isBeforeOrEqualTo(resultExported);
  }

  /** A stage's time; fails the test if the stage has none. */
  static Instant stage(JsonNode stages, String name) {
    JsonNode value = stages.path(name);
    assertThat(value.isString()).as("stage %s in %s", name, stages).isTrue();
    return Instant.parse(value.asString());
  }
}
