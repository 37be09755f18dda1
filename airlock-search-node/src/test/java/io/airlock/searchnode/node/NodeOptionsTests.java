package io.airlock.searchnode.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NodeOptionsTests {

  @Test
  void readsAllOptions() {
    NodeOptions options =
        NodeOptions.parse("--data-dir", "/tmp/node", "--http-port", "9201", "--sample-data");

    assertThat(options).isEqualTo(new NodeOptions(Path.of("/tmp/node"), 9201, true));
  }

  @Test
  void picksAFreePortAndNoSampleDataByDefault() {
    assertThat(NodeOptions.parse("--data-dir", "/tmp/node"))
        .isEqualTo(new NodeOptions(Path.of("/tmp/node"), 0, false));
  }

  @Test
  void makesTheDataDirAbsolute() {
    assertThat(NodeOptions.parse("--data-dir", "relative").dataDir()).isAbsolute();
  }

  @Test
  void rejectsAMissingDataDir() {
    assertThatThrownBy(() -> NodeOptions.parse("--sample-data"))
        .hasMessageContaining("--data-dir is required");
  }

  @Test
  void rejectsAnOptionWithoutItsValue() {
    assertThatThrownBy(() -> NodeOptions.parse("--data-dir"))
        .hasMessageContaining("--data-dir needs a value");
  }

  @Test
  void rejectsAPortThatIsNotOne() {
    assertThatThrownBy(() -> NodeOptions.parse("--data-dir", "d", "--http-port", "http"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> NodeOptions.parse("--data-dir", "d", "--http-port", "70000"))
        .hasMessageContaining("out of range");
  }

  @Test
  void rejectsUnknownArguments() {
    assertThatThrownBy(() -> NodeOptions.parse("--data-dir", "d", "--verbose"))
        .hasMessageContaining("unknown argument --verbose");
  }
}
