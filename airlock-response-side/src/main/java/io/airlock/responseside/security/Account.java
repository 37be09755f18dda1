package io.airlock.responseside.security;

import java.util.Locale;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/** What authentication needs to know about a user. */
record Account(String username, String passwordHash, String role, boolean active) {

  UserDetails userDetails() {
    return User.withUsername(username)
        .password(passwordHash)
        .roles(role.toUpperCase(Locale.ROOT))
        .disabled(!active)
        .build();
  }
}
