package io.airlock.requestside.requests;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How submitted requests are kept.
 *
 * @param defaultDeadline how long after submission a request may still be executed; past it the
 *     response side answers {@code expired} and this side marks it expired if no answer came
 */
@ConfigurationProperties("airlock.requests")
record RequestsProperties(@DefaultValue("24h") Duration defaultDeadline) {}
