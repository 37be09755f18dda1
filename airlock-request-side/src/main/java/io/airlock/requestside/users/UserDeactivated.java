package io.airlock.requestside.users;

import java.util.UUID;

/**
 * The directory deactivated a user (or a snapshot left them out, or their username went to another
 * account): their sessions and API keys end in the same transaction.
 */
public record UserDeactivated(UUID userId) {}
