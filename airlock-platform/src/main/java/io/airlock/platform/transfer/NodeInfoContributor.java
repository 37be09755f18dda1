package io.airlock.platform.transfer;

import io.airlock.platform.node.NodeProperties;
import io.airlock.transfer.SenderEpoch;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/** Shows in {@code /actuator/info} which node this is, to tell the two sides' nodes apart. */
class NodeInfoContributor implements InfoContributor {

  private final NodeProperties node;
  private final ObjectProvider<SenderEpoch> sender;

  NodeInfoContributor(NodeProperties node, ObjectProvider<SenderEpoch> sender) {
    this.node = node;
    this.sender = sender;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> airlock = new LinkedHashMap<>();
    airlock.put("side", node.side());
    airlock.put("nodeId", node.nodeId());
    sender.ifAvailable(identity -> airlock.put("senderEpoch", identity.epoch()));
    builder.withDetail("airlock", airlock);
  }
}
