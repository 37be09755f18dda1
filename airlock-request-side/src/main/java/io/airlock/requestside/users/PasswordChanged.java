package io.airlock.requestside.users;

import java.util.UUID;

/** A user changed their own password: sessions opened with the old one should end. */
public record PasswordChanged(UUID userId) {}
