package io.airlock.responseside.queue;

import tools.jackson.databind.JsonNode;

/**
 * A request's result, as {@link RequestQueue#complete} stores it.
 *
 * @param resultSha256 SHA-256 (hex) of the canonical result text
 * @param resultBytes the size of the canonical result text, in UTF-8 bytes
 * @param executionMs how long answering took here: the engine call, or the cache lookup
 */
public record Answer(
    JsonNode result, String resultSha256, long resultBytes, long executionMs, boolean cacheHit) {}
