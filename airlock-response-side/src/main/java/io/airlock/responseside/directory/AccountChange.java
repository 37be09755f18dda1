package io.airlock.responseside.directory;

import java.util.UUID;

/**
 * A user's own change to their account, made on the request side. It holds only the fields a user
 * may change, so role, profile type, activity and limits cannot be touched through it; a null field
 * is left as it is.
 *
 * @param changeId the request side's id for the change, echoed in the user's next directory record
 */
public record AccountChange(
    UUID userId, UUID changeId, String displayName, String email, String passwordHash) {}
