package io.airlock.platform.transfer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the inbox is watched.
 *
 * @param enabled false stops the background importer (tests then import by hand)
 * @param watch react to new files at once through the file system's change notifications
 * @param scanInterval how often the inbox is scanned anyway: the backstop for file systems that do
 *     not notify (network shares) and for batches that could not be applied the last time
 */
@ConfigurationProperties("airlock.inbox")
public record InboxProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("true") boolean watch,
    @DefaultValue("5s") Duration scanInterval) {}
