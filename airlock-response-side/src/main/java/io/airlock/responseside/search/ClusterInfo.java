package io.airlock.responseside.search;

/** What the configured cluster says about itself, or why it could not be asked. */
public sealed interface ClusterInfo permits ClusterInfo.Known, ClusterInfo.Unavailable {

  /**
   * @param distribution {@code opensearch} or {@code elasticsearch}
   * @param version the engine's version number, e.g. {@code 2.19.1}
   * @param clusterName the cluster's name
   * @param status the cluster health: {@code green}, {@code yellow} or {@code red}
   */
  record Known(String distribution, String version, String clusterName, String status)
      implements ClusterInfo {}

  record Unavailable(String reason) implements ClusterInfo {}
}
