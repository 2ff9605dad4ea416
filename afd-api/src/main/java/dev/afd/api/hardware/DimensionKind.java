package dev.afd.api.hardware;

import java.util.Locale;

/**
 * How the devices of one network dimension are joined.
 *
 * @since 0.1
 */
public enum DimensionKind {
  /** A non-blocking switch: any pair talks at full per-device bandwidth (NVSwitch, a fat tree). */
  SWITCH,
  /** A bidirectional ring: neighbours only; the per-device bandwidth is split over two links. */
  RING,
  /** Every pair has a direct link; the per-device bandwidth is split over the links. */
  FULLY_CONNECTED,
  /** One axis of a torus (a ring with wrap-around), as in TPU pods. */
  TORUS_AXIS;

  /** {@return the lower-case kebab-case id used in files, for example "fully-connected"} */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
