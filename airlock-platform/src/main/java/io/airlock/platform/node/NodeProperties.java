package io.airlock.platform.node;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which node this is and where it keeps its state.
 *
 * @param side which side this node is, {@code request} or {@code response}; each side's own
 *     configuration file sets it
 * @param dataDir where the node keeps its state (embedded database, transfer folders); defaults to
 *     {@code ./data/<side>}
 * @param nodeId the sender node id written into every batch this node sends; defaults to the side
 */
@Validated
@ConfigurationProperties("airlock")
public record NodeProperties(
    @NotBlank @Pattern(regexp = "[a-z0-9-]+") String side,
    Path dataDir,
    @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String nodeId) {

  public NodeProperties {
    // Without a side there is nothing to derive from; validation then reports the missing side.
    if (side != null) {
      dataDir = (dataDir != null ? dataDir : Path.of("data", side)).toAbsolutePath().normalize();
      nodeId = nodeId != null ? nodeId : side;
    }
  }
}
