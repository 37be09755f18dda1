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
import org.elasticsearch.action.bulk.BulkRequestBuilder;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.Client;
import org.elasticsearch.client.IndicesAdminClient;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.cluster.metadata.MappingMetadata;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.xcontent.XContentType;

/**
 * Loads the GENERATED sample indices of airlock-search-node ({@link GeneratedAssets}, {@link
 * GeneratedIncidents}, the same mappings) into an Elasticsearch 7 node that does not hold them yet,
 * as {@link SampleData} does for OpenSearch: an index counts as held only once its mapping carries
 * the {@code _meta} written after the last document.
 */
final class Elasticsearch7SampleData {

  private static final Logger log = LogManager.getLogger(Elasticsearch7SampleData.class);
  private static final int BULK_SIZE = 500;

  private final Client client;
  private final IndicesAdminClient indices;

  Elasticsearch7SampleData(Client client) {
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
    IndexMetadata metadata =
        client.admin().cluster().prepareState().get().getState().metadata().index(index);
    if (metadata == null) {
      return false;
    }
    MappingMetadata mapping = metadata.mapping();
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
        .setSettings(settings())
        .addMapping("_doc", mapping(index), XContentType.JSON)
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
    indices.preparePutMapping(index).setType("_doc").setSource(Map.of("_meta", meta)).get();
    log.info(
        "loaded {} generated documents into [{}] in {} ms",
        documents.size(),
        index,
        (System.nanoTime() - started) / 1_000_000);
  }

  // The mappings name the "english" analyzer, which Elasticsearch 7 keeps in its analysis-common
  // module, not published to Maven Central. An index-level analyzer of that name stands in for it:
  // English stop words, but no stemming, so a query for "phish" does not find "phishing" here.
  private static Settings settings() {
    return Settings.builder()
        .put("index.number_of_shards", 1)
        .put("index.number_of_replicas", 0)
        .put("index.analysis.analyzer.english.type", "standard")
        .put("index.analysis.analyzer.english.stopwords", "_english_")
        .build();
  }

  private static void execute(BulkRequestBuilder bulk) {
    BulkResponse response = bulk.get();
    if (response.hasFailures()) {
      throw new IllegalStateException("sample bulk load failed: " + response.buildFailureMessage());
    }
  }

  private static String mapping(String index) {
    // airlock-search-node's resource, in this package of its jar.
    String resource = index + "-mapping.json";
    try (InputStream in = Elasticsearch7SampleData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
