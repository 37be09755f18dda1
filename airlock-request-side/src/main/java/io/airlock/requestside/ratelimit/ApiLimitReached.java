package io.airlock.requestside.ratelimit;

/** A call the API-wide limits refused with a 429, by its method and path. */
public record ApiLimitReached(String method, String path) {}
