package io.airlock.responseside.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

class QueryTimeoutsTests {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "5s, PT5S",
    "1m, PT1M",
    "250000micros, PT0.25S",
    "7nanos, PT0.000000007S"
  })
  void readsElasticsearchTimeValues(String value, Duration expected) {
    assertThat(QueryTimeouts.of(params("{\"timeout\":\"" + value + "\"}"))).contains(expected);
  }

  @ParameterizedTest
  @CsvSource({"'{}'", "'{\"timeout\":5}'", "'{\"timeout\":\"5 s\"}'", "'{\"timeout\":\"-1s\"}'"})
  void givesNothingForParamsWithoutAReadableTimeout(String params) {
    assertThat(QueryTimeouts.of(params(params))).isEmpty();
  }

  @Test
  void readsOnlyTheTopLevelTimeout() {
    assertThat(QueryTimeouts.of(params("{\"query\":{\"timeout\":\"5s\"}}"))).isEmpty();
  }

  private static tools.jackson.databind.JsonNode params(String json) {
    return JsonMapper.shared().readTree(json);
  }
}
