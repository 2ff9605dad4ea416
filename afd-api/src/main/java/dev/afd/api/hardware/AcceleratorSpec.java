package dev.afd.api.hardware;

import static java.util.Objects.requireNonNull;

import dev.afd.api.internal.Checks;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * One accelerator (GPU, TPU chip, NPU) as a datasheet describes it, plus the default efficiencies
 * its roofline cost model starts from.
 *
 * <p>Immutable. Built with {@link #builder(String)}. Peak rates are <em>dense</em>; interconnect
 * bandwidths are <em>per device, per direction</em>.
 *
 * @param id stable kebab-case id, for example {@code "nvidia-h200-sxm"}
 * @param name display name
 * @param vendor vendor name
 * @param denseFlopRates dense tensor peak per compute precision (see {@link
 *     Precision#computeClass()}); a missing key means the format is not supported natively
 * @param memoryCapacityPerDevice HBM (or DRAM) capacity per device
 * @param memoryBandwidth HBM bandwidth per device
 * @param onChipMemory on-chip SRAM (L2, scratchpad) per device, {@link DataSize#ZERO} if unknown
 * @param onChipBandwidth on-chip SRAM bandwidth per device, {@link ByteRate#ZERO} if unknown or not
 *     modelled
 * @param scaleUpBandwidthPerDirection scale-up (NVLink, ICI, xGMI) bandwidth per device per
 *     direction
 * @param scaleOutBandwidthPerDirection scale-out (InfiniBand, Ethernet) bandwidth per device per
 *     direction
 * @param thermalDesignPowerWatts TDP in watts, {@code 0} if unknown
 * @param pricePerHourUsd on-demand price per device-hour in US dollars, {@code 0} if unknown
 * @param computeEfficiency default fraction of dense peak large kernels reach, in (0, 1]
 * @param memoryEfficiency default fraction of HBM bandwidth streaming kernels reach, in (0, 1]
 * @param kernelOverhead fixed launch and synchronization time added to every kernel
 * @param source where the numbers come from (datasheet names and URLs)
 * @since 0.1
 */
public record AcceleratorSpec(
    String id,
    String name,
    String vendor,
    Map<Precision, FlopRate> denseFlopRates,
    DataSize memoryCapacityPerDevice,
    ByteRate memoryBandwidth,
    DataSize onChipMemory,
    ByteRate onChipBandwidth,
    ByteRate scaleUpBandwidthPerDirection,
    ByteRate scaleOutBandwidthPerDirection,
    double thermalDesignPowerWatts,
    double pricePerHourUsd,
    double computeEfficiency,
    double memoryEfficiency,
    TimeSpan kernelOverhead,
    String source) {

  /**
   * Validates every component and copies the rate map into an unmodifiable, ordered map.
   *
   * @param id the id
   * @param name the name
   * @param vendor the vendor
   * @param denseFlopRates dense peaks
   * @param memoryCapacityPerDevice HBM capacity
   * @param memoryBandwidth HBM bandwidth
   * @param onChipMemory SRAM capacity
   * @param onChipBandwidth SRAM bandwidth
   * @param scaleUpBandwidthPerDirection scale-up bandwidth
   * @param scaleOutBandwidthPerDirection scale-out bandwidth
   * @param thermalDesignPowerWatts TDP
   * @param pricePerHourUsd price
   * @param computeEfficiency compute efficiency
   * @param memoryEfficiency memory efficiency
   * @param kernelOverhead kernel overhead
   * @param source sources
   */
  public AcceleratorSpec {
    Checks.id(id, "accelerator id");
    requireNonNull(name, "name");
    requireNonNull(vendor, "vendor");
    requireNonNull(denseFlopRates, "denseFlopRates");
    requireNonNull(memoryCapacityPerDevice, "memoryCapacityPerDevice");
    requireNonNull(memoryBandwidth, "memoryBandwidth");
    requireNonNull(onChipMemory, "onChipMemory");
    requireNonNull(onChipBandwidth, "onChipBandwidth");
    requireNonNull(scaleUpBandwidthPerDirection, "scaleUpBandwidthPerDirection");
    requireNonNull(scaleOutBandwidthPerDirection, "scaleOutBandwidthPerDirection");
    requireNonNull(kernelOverhead, "kernelOverhead");
    requireNonNull(source, "source");
    if (denseFlopRates.isEmpty()) {
      throw new IllegalArgumentException(
          "denseFlopRates of accelerator '" + id + "' must name at least one precision");
    }
    for (Map.Entry<Precision, FlopRate> rate : denseFlopRates.entrySet()) {
      if (rate.getValue().flopsPerSecond() <= 0) {
        throw new IllegalArgumentException(
            "denseFlopRates."
                + rate.getKey().id()
                + " of accelerator '"
                + id
                + "' must be > 0, got '"
                + rate.getValue()
                + "'");
      }
    }
    if (memoryCapacityPerDevice.bytes() <= 0) {
      throw new IllegalArgumentException(
          "memoryCapacityPerDevice of accelerator '" + id + "' must be > 0, got '0 B'");
    }
    if (memoryBandwidth.bytesPerSecond() <= 0) {
      throw new IllegalArgumentException(
          "memoryBandwidth of accelerator '" + id + "' must be > 0, got '0 B/s'");
    }
    Checks.finiteNonNegative(thermalDesignPowerWatts, "thermalDesignPowerWatts");
    Checks.finiteNonNegative(pricePerHourUsd, "pricePerHourUsd");
    Checks.fraction(computeEfficiency, "computeEfficiency");
    Checks.fraction(memoryEfficiency, "memoryEfficiency");
    EnumMap<Precision, FlopRate> copy = new EnumMap<>(Precision.class);
    copy.putAll(denseFlopRates);
    denseFlopRates = Collections.unmodifiableMap(copy);
  }

  /**
   * {@return the dense peak for a precision's compute class, if the accelerator has one}
   *
   * @param precision the operator precision
   */
  public Optional<FlopRate> denseFlopRate(Precision precision) {
    return Optional.ofNullable(denseFlopRates.get(precision.computeClass()));
  }

  /**
   * {@return the dense peak in FLOP/s an operator in {@code precision} runs at}
   *
   * <p>Falls back to the fastest supported format that is at least as wide (for example FP4 on an
   * accelerator without FP4 runs at its FP8 or BF16 rate), which is how frameworks execute it.
   *
   * @param precision the operator precision
   */
  public double peakFlopsPerSecond(Precision precision) {
    FlopRate rate = denseFlopRates.get(precision.computeClass());
    if (rate != null) {
      return rate.flopsPerSecond();
    }
    Precision[] widening = {
      Precision.NVFP4, Precision.FP8, Precision.INT8, Precision.BF16, Precision.FP16, Precision.FP32
    };
    int bits = precision.bits();
    for (Precision wider : widening) {
      FlopRate widerRate = denseFlopRates.get(wider);
      if (wider.bits() >= bits && widerRate != null) {
        return widerRate.flopsPerSecond();
      }
    }
    return denseFlopRates.values().iterator().next().flopsPerSecond();
  }

  /**
   * {@return a builder}
   *
   * @param id the accelerator id
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** {@return a builder initialized with this spec's values} */
  public Builder toBuilder() {
    Builder builder = new Builder(id);
    builder.name = name;
    builder.vendor = vendor;
    builder.denseFlopRates.putAll(denseFlopRates);
    builder.memoryCapacityPerDevice = memoryCapacityPerDevice;
    builder.memoryBandwidth = memoryBandwidth;
    builder.onChipMemory = onChipMemory;
    builder.onChipBandwidth = onChipBandwidth;
    builder.scaleUpBandwidthPerDirection = scaleUpBandwidthPerDirection;
    builder.scaleOutBandwidthPerDirection = scaleOutBandwidthPerDirection;
    builder.thermalDesignPowerWatts = thermalDesignPowerWatts;
    builder.pricePerHourUsd = pricePerHourUsd;
    builder.computeEfficiency = computeEfficiency;
    builder.memoryEfficiency = memoryEfficiency;
    builder.kernelOverhead = kernelOverhead;
    builder.source = source;
    return builder;
  }

  /** Builds an {@link AcceleratorSpec}; not thread-safe. */
  public static final class Builder {
    private final String id;
    private String name;
    private String vendor = "unknown";
    private final EnumMap<Precision, FlopRate> denseFlopRates = new EnumMap<>(Precision.class);
    private DataSize memoryCapacityPerDevice = DataSize.ZERO;
    private ByteRate memoryBandwidth = ByteRate.ZERO;
    private DataSize onChipMemory = DataSize.ZERO;
    private ByteRate onChipBandwidth = ByteRate.ZERO;
    private ByteRate scaleUpBandwidthPerDirection = ByteRate.ZERO;
    private ByteRate scaleOutBandwidthPerDirection = ByteRate.ZERO;
    private double thermalDesignPowerWatts;
    private double pricePerHourUsd;
    private double computeEfficiency = 0.8;
    private double memoryEfficiency = 0.8;
    private TimeSpan kernelOverhead = TimeSpan.ofMicros(3);
    private String source = "";

    private Builder(String id) {
      this.id = requireNonNull(id, "id");
      this.name = id;
    }

    /**
     * Sets the display name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the vendor.
     *
     * @param vendor the vendor
     * @return this builder
     */
    public Builder vendor(String vendor) {
      this.vendor = requireNonNull(vendor, "vendor");
      return this;
    }

    /**
     * Sets the dense peak for one precision.
     *
     * @param precision the precision
     * @param rate the dense peak
     * @return this builder
     */
    public Builder denseFlopRate(Precision precision, FlopRate rate) {
      denseFlopRates.put(requireNonNull(precision, "precision"), requireNonNull(rate, "rate"));
      return this;
    }

    /**
     * Sets the HBM capacity per device.
     *
     * @param size the capacity
     * @return this builder
     */
    public Builder memoryCapacityPerDevice(DataSize size) {
      this.memoryCapacityPerDevice = requireNonNull(size, "size");
      return this;
    }

    /**
     * Sets the HBM bandwidth.
     *
     * @param rate the bandwidth
     * @return this builder
     */
    public Builder memoryBandwidth(ByteRate rate) {
      this.memoryBandwidth = requireNonNull(rate, "rate");
      return this;
    }

    /**
     * Sets on-chip SRAM capacity and bandwidth.
     *
     * @param size the capacity
     * @param rate the bandwidth
     * @return this builder
     */
    public Builder onChipMemory(DataSize size, ByteRate rate) {
      this.onChipMemory = requireNonNull(size, "size");
      this.onChipBandwidth = requireNonNull(rate, "rate");
      return this;
    }

    /**
     * Sets scale-up bandwidth per device per direction.
     *
     * @param rate the bandwidth
     * @return this builder
     */
    public Builder scaleUpBandwidthPerDirection(ByteRate rate) {
      this.scaleUpBandwidthPerDirection = requireNonNull(rate, "rate");
      return this;
    }

    /**
     * Sets scale-out bandwidth per device per direction.
     *
     * @param rate the bandwidth
     * @return this builder
     */
    public Builder scaleOutBandwidthPerDirection(ByteRate rate) {
      this.scaleOutBandwidthPerDirection = requireNonNull(rate, "rate");
      return this;
    }

    /**
     * Sets the TDP.
     *
     * @param watts the TDP in watts
     * @return this builder
     */
    public Builder thermalDesignPowerWatts(double watts) {
      this.thermalDesignPowerWatts = watts;
      return this;
    }

    /**
     * Sets the price per device-hour.
     *
     * @param usd the price in US dollars
     * @return this builder
     */
    public Builder pricePerHourUsd(double usd) {
      this.pricePerHourUsd = usd;
      return this;
    }

    /**
     * Sets the default roofline efficiencies.
     *
     * @param compute fraction of dense peak
     * @param memory fraction of HBM bandwidth
     * @return this builder
     */
    public Builder efficiencies(double compute, double memory) {
      this.computeEfficiency = compute;
      this.memoryEfficiency = memory;
      return this;
    }

    /**
     * Sets the fixed per-kernel overhead.
     *
     * @param overhead the overhead
     * @return this builder
     */
    public Builder kernelOverhead(TimeSpan overhead) {
      this.kernelOverhead = requireNonNull(overhead, "overhead");
      return this;
    }

    /**
     * Sets the source of the numbers.
     *
     * @param source datasheet names and URLs
     * @return this builder
     */
    public Builder source(String source) {
      this.source = requireNonNull(source, "source");
      return this;
    }

    /** {@return the validated spec} */
    public AcceleratorSpec build() {
      return new AcceleratorSpec(
          id,
          name,
          vendor,
          denseFlopRates,
          memoryCapacityPerDevice,
          memoryBandwidth,
          onChipMemory,
          onChipBandwidth,
          scaleUpBandwidthPerDirection,
          scaleOutBandwidthPerDirection,
          thermalDesignPowerWatts,
          pricePerHourUsd,
          computeEfficiency,
          memoryEfficiency,
          kernelOverhead,
          source);
    }
  }
}
