package dev.afd.engine.estimate;

/**
 * One operator of a described step, priced.
 *
 * @param step the step's name
 * @param side {@code "mixer"} or {@code "ffn"}
 * @param layerGroup the layer group ({@code "edges"} for embedding and LM head)
 * @param layers how many layers run it per step
 * @param block the block kind
 * @param group the operator group
 * @param operator the operator's name
 * @param flops FLOPs per layer on one device
 * @param bytes bytes moved per layer on one device (for collectives: the buffer size)
 * @param seconds seconds per layer
 * @param fidelity where the time came from
 * @param source the table or model that gave it
 */
public record OperatorRow(
    String step,
    String side,
    String layerGroup,
    int layers,
    String block,
    String group,
    String operator,
    double flops,
    double bytes,
    double seconds,
    String fidelity,
    String source) {

  /** {@return seconds over all layers of the step} */
  public double totalSeconds() {
    return seconds * layers;
  }
}
