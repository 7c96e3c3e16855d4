package dev.tranche.activities.chain;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Whether each configured chain answers now: its node's chain id and latest block, for the health checks. */
@Component
public class ChainHealth {

  /** One chain as probed: its latest block, or why it could not be read. */
  public record Probe(boolean up, BigInteger block, String problem) {
  }

  private final ChainNodes nodes;

  ChainHealth(ChainProperties properties) {
    this.nodes = new ChainNodes(properties);
  }

  public Map<String, Probe> probe() {
    Map<String, Probe> probes = new LinkedHashMap<>();
    var chains = nodes.properties().chains();
    if (chains == null) {
      return probes;
    }
    chains.forEach((name, config) -> {
      try {
        var web3j = nodes.chain(name).web3j();
        probes.put(name, new Probe(true, web3j.ethBlockNumber().send().getBlockNumber(), null));
      } catch (Exception e) {
        probes.put(name, new Probe(false, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
    });
    return probes;
  }
}
