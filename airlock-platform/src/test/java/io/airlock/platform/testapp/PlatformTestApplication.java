package io.airlock.platform.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare application on the platform's auto-configuration, for the platform's own tests. */
@SpringBootApplication
public class PlatformTestApplication {}
