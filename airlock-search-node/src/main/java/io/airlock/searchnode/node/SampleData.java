package io.airlock.searchnode.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.action.bulk.BulkRequestBuilder;
import org.opensearch.action.bulk.BulkResponse;
import org.opensearch.action.index.IndexRequest;
import org.opensearch.client.Client;
import org.opensearch.client.IndicesAdminClient;
import org.opensearch.cluster.metadata.MappingMetadata;
import org.opensearch.common.settings.Settings;

/**
 * Loads the GENERATED sample indices into a node that does not hold them yet. An index counts as
 * held only once its mapping carries the {@code _meta} written after the last document, so a load
 * cut short by a crash is redone rather than kept half-filled.
 */
final class SampleData {

  private static final Logger log = LogManager.getLogger(SampleData.class);
  private static final int BULK_SIZE = 500;

  private final Client client;
  private final IndicesAdminClient indices;

  SampleData(Client client) {
    this.client = client;
    this.indices = client.admin().indices();
  }

  void ensureLoaded() {
    boolean assetsLoaded = isLoaded(GeneratedAssets.INDEX);
    boolean incidentsLoaded = isLoaded(GeneratedIncidents.INDEX);
    if (assetsLoaded && incidentsLoaded) {
      return;
    }
    // Incidents name generated hosts, so the assets are generated even when only they are held.
    List<Map<String, Object>> assets = GeneratedAssets.generate();
    if (!assetsLoaded) {
      load(GeneratedAssets.INDEX, GeneratedAssets.SEED, assets, "hostname");
    }
    if (!incidentsLoaded) {
      load(
          GeneratedIncidents.INDEX,
          GeneratedIncidents.SEED,
          GeneratedIncidents.generate(assets),
          "id");
    }
  }

  private boolean isLoaded(String index) {
    if (!indices.prepareExists(index).get().isExists()) {
      return false;
    }
    MappingMetadata mapping = indices.prepareGetMappings(index).get().mappings().get(index);
    Object meta = mapping == null ? null : mapping.sourceAsMap().get("_meta");
    if (meta instanceof Map<?, ?> fields && Boolean.TRUE.equals(fields.get("complete"))) {
      return true;
    }
    log.warn("index [{}] holds an incomplete sample load; loading it again", index);
    indices.prepareDelete(index).get();
    return false;
  }

  private void load(String index, long seed, List<Map<String, Object>> documents, String idField) {
    long started = System.nanoTime();
    indices
        .prepareCreate(index)
        .setSettings(
            Settings.builder().put("index.number_of_shards", 1).put("index.number_of_replicas", 0))
        .setMapping(mapping(index))
        .get();
    BulkRequestBuilder bulk = client.prepareBulk();
    for (Map<String, Object> document : documents) {
      bulk.add(new IndexRequest(index).id((String) document.get(idField)).source(document));
      if (bulk.numberOfActions() == BULK_SIZE) {
        execute(bulk);
        bulk = client.prepareBulk();
      }
    }
    if (bulk.numberOfActions() > 0) {
      execute(bulk);
    }
    indices.prepareRefresh(index).get();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("description", "GENERATED sample data from airlock-search-node, not real records");
    meta.put("seed", seed);
    meta.put("documents", documents.size());
    meta.put("complete", true);
    indices.preparePutMapping(index).setSource(Map.of("_meta", meta)).get();
    log.info(
        "loaded {} generated documents into [{}] in {} ms",
        documents.size(),
        index,
        (System.nanoTime() - started) / 1_000_000);
  }

  private static void execute(BulkRequestBuilder bulk) {
    BulkResponse response = bulk.get();
    if (response.hasFailures()) {
      throw new IllegalStateException("sample bulk load failed: " + response.buildFailureMessage());
    }
  }

  private static String mapping(String index) {
    String resource = index + "-mapping.json";
    try (InputStream in = SampleData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
