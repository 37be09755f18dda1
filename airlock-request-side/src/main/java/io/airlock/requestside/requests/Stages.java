package io.airlock.requestside.requests;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * When a request passed each stage. Submitted, exported and result received are this side's clock;
 * received, executed and result exported the response side's, so order holds only within a clock.
 */
public record Stages(
    Instant submitted,
    Instant exported,
    Instant received,
    Instant executed,
    @JsonProperty("result_exported") Instant resultExported,
    @JsonProperty("result_received") Instant resultReceived) {}
