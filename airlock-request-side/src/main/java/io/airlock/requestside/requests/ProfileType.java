package io.airlock.requestside.requests;

import java.util.List;

/** The limits of a profile type, as the directory replica holds them. */
record ProfileType(String name, int maxPriority, List<String> allowedIndices, int maxResultSize) {}
