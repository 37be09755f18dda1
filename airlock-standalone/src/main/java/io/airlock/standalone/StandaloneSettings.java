package io.airlock.standalone;

import io.airlock.transfer.shuttle.ShuttleFaults;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the demo runs. Set any of these as {@code --airlock.standalone.<name>=<value>} arguments.
 *
 * @param dataDir where both sides, the search node and the keys keep their state; a restart
 *     continues where the last run stopped
 * @param requestPort the request side's HTTP port (0 picks a free one)
 * @param responsePort the response side's HTTP port (0 picks a free one)
 * @param searchPort the embedded OpenSearch node's HTTP port, bound to 127.0.0.1 (0 picks a free
 *     one)
 * @param shuttle how the built-in shuttle plays the air gap
 */
@ConfigurationProperties("airlock.standalone")
public record StandaloneSettings(
    @DefaultValue("data") Path dataDir,
    @DefaultValue("8001") int requestPort,
    @DefaultValue("8000") int responsePort,
    @DefaultValue("9200") int searchPort,
    @DefaultValue Shuttle shuttle) {

  /**
   * @param interval how often the shuttle moves batches across
   * @param drop probability that a batch is lost
   * @param duplicate probability that a batch is delivered twice
   * @param delay probability that a batch is held back a few ticks (reordering)
   * @param truncate probability that a payload arrives cut short
   * @param corrupt probability that one byte arrives flipped
   */
  public record Shuttle(
      @DefaultValue("200ms") Duration interval,
      @DefaultValue("0") double drop,
      @DefaultValue("0") double duplicate,
      @DefaultValue("0") double delay,
      @DefaultValue("0") double truncate,
      @DefaultValue("0") double corrupt) {

    ShuttleFaults faults() {
      return new ShuttleFaults(drop, duplicate, delay, truncate, corrupt);
    }
  }

  Path requestSideDir() {
    return dataDir.resolve("request");
  }

  Path responseSideDir() {
    return dataDir.resolve("response");
  }

  Path searchDir() {
    return dataDir.resolve("search");
  }
}
