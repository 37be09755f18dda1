package io.airlock.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a side's HTTP API takes in.
 *
 * @param maxRequestBody the largest request body accepted; larger ones are answered 413
 */
@ConfigurationProperties("airlock.http")
public record HttpProperties(@DefaultValue("1MB") DataSize maxRequestBody) {}
