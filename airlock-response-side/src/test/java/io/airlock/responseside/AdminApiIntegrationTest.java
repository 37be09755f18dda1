package io.airlock.responseside;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The response side with its bootstrap admin ({@link AdminApi#ADMIN} / {@link
 * AdminApi#ADMIN_PASSWORD}). Every class with this annotation shares one context and one database,
 * so tests make their own users and never rely on what another test left behind.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ResponseSideIntegrationTest
@TestPropertySource(
    properties = {
      "airlock.bootstrap.admin-username=" + AdminApi.ADMIN,
      "airlock.bootstrap.admin-password=" + AdminApi.ADMIN_PASSWORD
    })
public @interface AdminApiIntegrationTest {}
