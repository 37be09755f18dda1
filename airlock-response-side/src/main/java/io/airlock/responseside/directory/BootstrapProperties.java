package io.airlock.responseside.directory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin this side creates on its first start, so that someone can log in to create the rest.
 *
 * @param adminUsername the admin's username
 * @param adminPassword the admin's password; unset, no admin is created (and a warning says how to
 *     set it). Used only while no user of that name exists: changing it later changes nothing.
 * @param adminProfileType the profile type the admin gets
 * @param demoUser a user created alongside, who crosses to the request side and can sign in to its
 *     console at once: for the demo profile only, never where real data is guarded
 */
@ConfigurationProperties("airlock.bootstrap")
record BootstrapProperties(
    @DefaultValue("admin") String adminUsername,
    String adminPassword,
    @DefaultValue("standard") String adminProfileType,
    @DefaultValue DemoUser demoUser) {

  /**
   * @param username unset, no demo user is created
   * @param password its password
   * @param role user or admin
   */
  record DemoUser(String username, String password, @DefaultValue("user") String role) {}
}
