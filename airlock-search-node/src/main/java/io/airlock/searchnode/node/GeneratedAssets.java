package io.airlock.searchnode.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GENERATED sample data, not a real inventory: {@value #COUNT} hosts spread over fictional sites,
 * drawn from a fixed seed so every node holds the same documents.
 */
final class GeneratedAssets {

  static final String INDEX = "assets";
  static final int COUNT = 1500;
  static final long SEED = 0x5EED_A55E7L;

  static final List<String> SITES =
      List.of("north-harbour", "east-ridge", "south-quay", "west-fields", "central-depot");
  private static final List<String> SITE_CODES = List.of("nh", "er", "sq", "wf", "cd");
  private static final List<String> OWNERS =
      List.of(
          "finance",
          "engineering",
          "operations",
          "human-resources",
          "it-infrastructure",
          "research",
          "legal",
          "security");
  private static final List<String> CRITICALITY = List.of("low", "medium", "high", "critical");
  private static final Instant SEEN_FROM = Instant.parse("2024-06-01T00:00:00Z");
  private static final Instant RECENT_FROM = Instant.parse("2024-12-01T00:00:00Z");
  private static final Instant SEEN_UNTIL = Instant.parse("2025-01-01T00:00:00Z");

  private enum Kind {
    WORKSTATION("ws", 45, List.of("Windows 11", "Windows 10", "Ubuntu 22.04"), 50, 35, 12, 3),
    LAPTOP("lt", 20, List.of("Windows 11", "macOS 14"), 45, 40, 12, 3),
    SERVER(
        "srv",
        20,
        List.of("Ubuntu 22.04", "RHEL 9", "Windows Server 2022", "Debian 12"),
        5,
        30,
        45,
        20),
    DATABASE("db", 7, List.of("RHEL 9", "Ubuntu 22.04", "Windows Server 2019"), 0, 15, 45, 40),
    NETWORK("net", 8, List.of("Cisco IOS XE", "Junos OS", "FortiOS 7"), 5, 25, 40, 30);

    final String prefix;
    final int weight;
    final List<String> systems;
    final int[] criticalityWeights;

    Kind(String prefix, int weight, List<String> systems, int... criticalityWeights) {
      this.prefix = prefix;
      this.weight = weight;
      this.systems = systems;
      this.criticalityWeights = criticalityWeights;
    }

    String type() {
      return name().toLowerCase();
    }
  }

  private GeneratedAssets() {}

  static List<Map<String, Object>> generate() {
    SampleDraw draw = new SampleDraw(SEED);
    List<Kind> kinds = List.of(Kind.values());
    int[] kindWeights = kinds.stream().mapToInt(kind -> kind.weight).toArray();
    int[][] numbers = new int[SITES.size()][kinds.size()];
    List<Map<String, Object>> assets = new ArrayList<>(COUNT);
    for (int i = 0; i < COUNT; i++) {
      Kind kind = draw.weighted(kinds, kindWeights);
      int site = draw.upTo(SITES.size());
      int number = ++numbers[site][kind.ordinal()];
      Map<String, Object> asset = new LinkedHashMap<>();
      asset.put("hostname", "%s-%s-%04d".formatted(kind.prefix, SITE_CODES.get(site), number));
      // One /24-sized block per site and kind keeps the addresses unique and readable.
      asset.put(
          "ip",
          "10.%d.%d.%d".formatted(site + 1, kind.ordinal() * 16 + number / 250, number % 250 + 1));
      asset.put("type", kind.type());
      asset.put("os", draw.any(kind.systems));
      asset.put("owner", draw.any(OWNERS));
      asset.put("location", SITES.get(site));
      asset.put("criticality", draw.weighted(CRITICALITY, kind.criticalityWeights));
      // Most hosts checked in during the last month; a few have gone quiet.
      Instant from = draw.upTo(20) == 0 ? SEEN_FROM : RECENT_FROM;
      asset.put("last_seen", draw.between(from, SEEN_UNTIL).toString());
      assets.add(asset);
    }
    return assets;
  }
}
