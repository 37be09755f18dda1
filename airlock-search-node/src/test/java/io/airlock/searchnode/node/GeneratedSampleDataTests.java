package io.airlock.searchnode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GeneratedSampleDataTests {

  private final List<Map<String, Object>> assets = GeneratedAssets.generate();
  private final List<Map<String, Object>> incidents = GeneratedIncidents.generate(assets);

  @Test
  void generatesTheSameDocumentsEveryTime() {
    List<Map<String, Object>> again = GeneratedAssets.generate();

    assertThat(again).isEqualTo(assets);
    assertThat(GeneratedIncidents.generate(again)).isEqualTo(incidents);
  }

  @Test
  void generatesTheDocumentedNumberOfDocumentsWithUniqueKeys() {
    assertThat(assets).hasSize(1500);
    assertThat(incidents).hasSize(3000);
    assertThat(assets).extracting(asset -> asset.get("hostname")).doesNotHaveDuplicates();
    assertThat(assets).extracting(asset -> asset.get("ip")).doesNotHaveDuplicates();
    assertThat(incidents).extracting(incident -> incident.get("id")).doesNotHaveDuplicates();
  }

  @Test
  void incidentsNameGeneratedHostsAtTheirSites() {
    Map<Object, Map<String, Object>> byHostname =
        assets.stream()
            .collect(Collectors.toMap(asset -> asset.get("hostname"), Function.identity()));

    assertThat(incidents)
        .allSatisfy(
            incident -> {
              Map<String, Object> asset = byHostname.get(incident.get("hostname"));
              assertThat(asset).isNotNull();
              assertThat(incident.get("site")).isEqualTo(asset.get("location"));
              assertThat((String) incident.get("description")).doesNotContain("{");
            });
  }

  @Test
  void incidentNumbersRiseWithTime() {
    List<Object> byNumber =
        incidents.stream().map(incident -> incident.get("reported_at")).toList();

    assertThat(byNumber).isSortedAccordingTo((a, b) -> ((String) a).compareTo((String) b));
    assertThat(incidents.get(0).get("id")).isEqualTo("INC-00001");
  }

  @Test
  void scoresFollowSeverity() {
    assertThat(incidents)
        .filteredOn(incident -> incident.get("severity").equals("critical"))
        .isNotEmpty()
        .allSatisfy(incident -> assertThat((Double) incident.get("score")).isBetween(9.0, 10.0));
  }
}
