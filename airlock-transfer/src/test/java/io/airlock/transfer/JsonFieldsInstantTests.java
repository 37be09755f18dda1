package io.airlock.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The record codec's instants are read by a fast path for the form {@link Instant#toString()}
 * writes; whatever it reads must be what {@link Instant#parse} reads, and what it does not read is
 * left to {@link Instant#parse}. Seeded, so a failure repeats.
 */
class JsonFieldsInstantTests {

  @Test
  void readsEveryInstantAsItsOwnStringSaysRandomFractionsIncluded() {
    Random random = new Random(13);
    for (int i = 0; i < 20_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), nanos(random));
      assertThat(JsonFields.parseUtc(instant.toString())).as(instant.toString()).isEqualTo(instant);
    }
  }

  @Test
  void leavesEveryOtherFormToTheGeneralParserAndDecidesLikeIt() throws Exception {
    String[] texts = {
      "2026-12-06T10:00:00Z",
      "2026-12-06T10:00:00.5Z",
      "2026-12-06T10:00:00.123456789Z",
      "2026-12-06T10:00:00.Z",
      "2026-12-06T10:00:00.1234567890Z",
      "2026-12-06T10:00Z",
      "2026-12-06T24:00:00Z",
      "2016-12-31T23:59:60Z",
      "2026-02-30T10:00:00Z",
      "2026-13-06T10:00:00Z",
      "2026-12-06t10:00:00Z",
      "2026-12-06T10:00:00+01:00",
      "+12026-12-06T10:00:00Z",
      "-0001-12-06T10:00:00Z",
      "2026-12-06T10:00:0xZ",
      "2026-12-06 10:00:00Z",
      "٢٠٢٦-12-06T10:00:00Z",
      "not a time"
    };
    for (String text : texts) {
      assertThat(read(text)).as(text).isEqualTo(general(text));
    }
  }

  private static String read(String text) throws Exception {
    JsonFields fields = new JsonFields(JsonNodeFactory.instance.objectNode().put("at", text));
    try {
      return fields.requiredInstant("at").toString();
    } catch (JsonFields.InvalidFieldException e) {
      return "refused";
    }
  }

  private static String general(String text) {
    try {
      return Instant.parse(text).toString();
    } catch (DateTimeParseException e) {
      return "refused";
    }
  }

  private static long nanos(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000) * 1_000_000L;
      case 2 -> random.nextInt(1_000_000) * 1_000L;
      default -> random.nextInt(1_000_000_000);
    };
  }
}
