package io.airlock.platform.transfer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keeping the link across the gap whole (DESIGN §2 "Acks and retransmission").
 *
 * @param enabled whether the link is maintained on its own; off, only when called (tests)
 * @param checkInterval how often retransmission, control batches and pruning are considered
 * @param ackInterval a node that has sent nothing for this long sends a {@code control} batch with
 *     its acks and the highest sequence it has sent per channel
 * @param retransmitTimeout a published batch still unacknowledged this long after it was last sent
 *     is sent again
 * @param resendMissingAfter a batch the peer reports missing is sent again once this long has
 *     passed since it was last sent, so reports written before the copy arrived do not send it
 *     again and again
 * @param retention how long an acknowledged batch stays in {@code outbox/sent/} (and its records in
 *     the ledger) for an operator's re-send before it is pruned
 * @param retransmitCopies a batch still unacknowledged after this many copies in all is no longer
 *     sent again on a timeout (only when the peer reports it missing, or by an operator), so a peer
 *     that is gone for good does not have the medium flooded with copies for ever
 * @param oneWay nothing ever comes back (a data diode): no batch is sent again on its own, and
 *     batches are pruned {@code retention} after they were published, acknowledged or not
 */
@ConfigurationProperties("airlock.transfer.link")
record LinkProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("5s") Duration checkInterval,
    @DefaultValue("60s") Duration ackInterval,
    @DefaultValue("10m") Duration retransmitTimeout,
    @DefaultValue("30s") Duration resendMissingAfter,
    @DefaultValue("7d") Duration retention,
    @DefaultValue("8") int retransmitCopies,
    @DefaultValue("false") boolean oneWay) {}
