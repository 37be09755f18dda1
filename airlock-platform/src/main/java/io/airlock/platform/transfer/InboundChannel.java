package io.airlock.platform.transfer;

import io.airlock.transfer.Channel;

/**
 * A feature that takes in the records of one channel. Declared as a bean, it is picked up by the
 * {@link InboxImporter}; a channel no bean takes stays in the inbox untouched.
 */
public interface InboundChannel extends RecordApplier {

  Channel channel();
}
