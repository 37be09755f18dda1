package io.airlock.requestside.auth;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which web origins may call this side's API from a browser.
 *
 * @param allowedOrigins exact origins, e.g. {@code https://portal.example.org}; none by default, so
 *     browsers on other origins are refused
 */
@ConfigurationProperties("airlock.http.cors")
record CorsProperties(@DefaultValue List<String> allowedOrigins) {}
