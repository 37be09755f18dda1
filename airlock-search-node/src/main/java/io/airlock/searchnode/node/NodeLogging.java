package io.airlock.searchnode.node;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/**
 * Log4j set up in code rather than with a log4j2 file: a file on this module's classpath would also
 * be picked up by any JVM that puts the launcher on its classpath.
 */
final class NodeLogging {

  private NodeLogging() {}

  /** Must run before anything asks log4j for a logger. */
  static void toStandardError() {
    // The node is closed from our own shutdown hook and logs while closing; log4j's hook would
    // stop logging first. Only this factory-wide switch stops log4j from registering one.
    System.setProperty("log4j.shutdownHookEnabled", "false");
    ConfigurationBuilder<BuiltConfiguration> config =
        ConfigurationBuilderFactory.newConfigurationBuilder();
    config.setConfigurationName("airlock-search-node");
    config.setStatusLevel(Level.WARN);
    // Standard output carries only the READY line the launcher waits for.
    config.add(
        config
            .newAppender("stderr", "Console")
            .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
            .add(
                config
                    .newLayout("PatternLayout")
                    .addAttribute("pattern", "%d{ISO8601} %-5level [%c{1}] %msg%n")));
    config.add(config.newRootLogger(Level.INFO).add(config.newAppenderRef("stderr")));
    Configurator.initialize(config.build());
  }
}
