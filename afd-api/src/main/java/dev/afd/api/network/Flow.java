package dev.afd.api.network;

/**
 * One transfer of a traffic matrix.
 *
 * @param source the sending device
 * @param destination the receiving device
 * @param bytes bytes to move, {@code >= 0}
 * @param startSeconds when the flow may start, relative to the start of the traffic
 * @since 0.1
 */
public record Flow(DeviceRef source, DeviceRef destination, double bytes, double startSeconds) {

  /**
   * Validates the flow.
   *
   * @param source source
   * @param destination destination
   * @param bytes bytes
   * @param startSeconds start
   */
  public Flow {
    java.util.Objects.requireNonNull(source, "source");
    java.util.Objects.requireNonNull(destination, "destination");
    if (!(bytes >= 0) || !(startSeconds >= 0)) {
      throw new IllegalArgumentException("flow needs bytes >= 0 and startSeconds >= 0");
    }
  }

  /**
   * {@return a flow that starts at once}
   *
   * @param source source
   * @param destination destination
   * @param bytes bytes
   */
  public static Flow of(DeviceRef source, DeviceRef destination, double bytes) {
    return new Flow(source, destination, bytes, 0);
  }
}
