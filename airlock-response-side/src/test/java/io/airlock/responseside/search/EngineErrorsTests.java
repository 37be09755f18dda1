package io.airlock.responseside.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EngineErrorsTests {

  private static final JsonMapper JSON = JsonMapper.shared();

  @Test
  void givesTheEnginesErrorTypeAndReason() {
    String body =
        """
        {"error":{"root_cause":[],"type":"index_not_found_exception",
        "reason":"no such index [nope]","index":"nope"},"status":404}""";
    assertThat(EngineErrors.reason(JSON, 404, body))
        .isEqualTo("index_not_found_exception: no such index [nope]");
  }

  @Test
  void takesABareErrorStringAsItIs() {
    assertThat(EngineErrors.reason(JSON, 400, "{\"error\":\"IndexMissingException[[x] missing]\"}"))
        .isEqualTo("IndexMissingException[[x] missing]");
  }

  @Test
  void fallsBackToTheStatusAndTheStartOfABodyThatIsNotAnEngineError() {
    assertThat(EngineErrors.reason(JSON, 502, "<html>Bad gateway</html>"))
        .isEqualTo("HTTP 502: <html>Bad gateway</html>");
    assertThat(EngineErrors.reason(JSON, 503, "")).isEqualTo("HTTP 503");
    assertThat(EngineErrors.reason(JSON, 500, "x".repeat(1000))).hasSizeLessThan(320);
  }
}
