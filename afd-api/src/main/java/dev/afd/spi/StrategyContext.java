package dev.afd.spi;

import static java.util.Objects.requireNonNull;

import dev.afd.api.cost.KernelCostModel;
import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.network.NetworkModel;
import dev.afd.api.strategy.SloSpec;
import dev.afd.api.strategy.WorkloadSpec;
import org.jspecify.annotations.Nullable;

/**
 * Everything a strategy needs: the model, the cluster, the workload and SLO, the device budget, the
 * engine's cost and network models, and its parsed options.
 *
 * <p>Built by the engine (or by the TCK and tests) with {@link #builder()}. Immutable and
 * thread-safe; a final class so it can grow without breaking plugins.
 *
 * @since 0.1
 */
public final class StrategyContext {
  /** The afd-api version strategies were compiled against can be compared with this. */
  public static final String API_VERSION = "0.1";

  private final MoeModelSpec model;
  private final ClusterSpec cluster;
  private final WorkloadSpec workload;
  private final SloSpec slo;
  private final int deviceBudget;
  private final KernelCostModel kernelCostModel;
  private final NetworkModel networkModel;
  private final StrategyOptions options;
  private final Conventions conventions;

  private StrategyContext(Builder builder) {
    this.model = requireNonNull(builder.model, "model");
    this.cluster = requireNonNull(builder.cluster, "cluster");
    this.workload = requireNonNull(builder.workload, "workload");
    this.slo = requireNonNull(builder.slo, "slo");
    this.kernelCostModel = requireNonNull(builder.kernelCostModel, "kernelCostModel");
    this.networkModel = requireNonNull(builder.networkModel, "networkModel");
    this.options = requireNonNull(builder.options, "options");
    this.conventions = requireNonNull(builder.conventions, "conventions");
    this.deviceBudget = builder.deviceBudget == 0 ? cluster.deviceCount() : builder.deviceBudget;
    if (deviceBudget < 1) {
      throw new IllegalArgumentException("deviceBudget must be >= 1, got '" + deviceBudget + "'");
    }
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the model} */
  public MoeModelSpec model() {
    return model;
  }

  /** {@return the cluster} */
  public ClusterSpec cluster() {
    return cluster;
  }

  /** {@return the workload} */
  public WorkloadSpec workload() {
    return workload;
  }

  /** {@return the SLO (strategies may use it to size batches; the explorer filters on it)} */
  public SloSpec slo() {
    return slo;
  }

  /** {@return the most devices a candidate may occupy} */
  public int deviceBudget() {
    return deviceBudget;
  }

  /** {@return the kernel cost model} */
  public KernelCostModel kernelCostModel() {
    return kernelCostModel;
  }

  /** {@return the network model, bound to {@link #cluster()}} */
  public NetworkModel networkModel() {
    return networkModel;
  }

  /** {@return the parsed options} */
  public StrategyOptions options() {
    return options;
  }

  /**
   * {@return the modelling conventions to price under: for each assumption where tools differ,
   * which profile's rule applies ({@link Conventions#defaults()} unless the user chose otherwise)}
   *
   * @since 0.2
   */
  public Conventions conventions() {
    return conventions;
  }

  /** {@return the afd-api version of the running engine} */
  public String apiVersion() {
    return API_VERSION;
  }

  /** Builds a {@link StrategyContext}; not thread-safe. */
  public static final class Builder {
    private @Nullable MoeModelSpec model;
    private @Nullable ClusterSpec cluster;
    private WorkloadSpec workload = WorkloadSpec.CHAT;
    private SloSpec slo = SloSpec.unbounded();
    private int deviceBudget;
    private @Nullable KernelCostModel kernelCostModel;
    private @Nullable NetworkModel networkModel;
    private @Nullable StrategyOptions options;
    private Conventions conventions = Conventions.defaults();

    private Builder() {}

    /**
     * Sets the model.
     *
     * @param model model
     * @return this builder
     */
    public Builder model(MoeModelSpec model) {
      this.model = model;
      return this;
    }

    /**
     * Sets the cluster.
     *
     * @param cluster cluster
     * @return this builder
     */
    public Builder cluster(ClusterSpec cluster) {
      this.cluster = cluster;
      return this;
    }

    /**
     * Sets the workload.
     *
     * @param workload workload
     * @return this builder
     */
    public Builder workload(WorkloadSpec workload) {
      this.workload = workload;
      return this;
    }

    /**
     * Sets the SLO.
     *
     * @param slo SLO
     * @return this builder
     */
    public Builder slo(SloSpec slo) {
      this.slo = slo;
      return this;
    }

    /**
     * Sets the device budget (default: every device of the cluster).
     *
     * @param devices devices
     * @return this builder
     */
    public Builder deviceBudget(int devices) {
      this.deviceBudget = devices;
      return this;
    }

    /**
     * Sets the kernel cost model.
     *
     * @param kernelCostModel model
     * @return this builder
     */
    public Builder kernelCostModel(KernelCostModel kernelCostModel) {
      this.kernelCostModel = kernelCostModel;
      return this;
    }

    /**
     * Sets the network model.
     *
     * @param networkModel model
     * @return this builder
     */
    public Builder networkModel(NetworkModel networkModel) {
      this.networkModel = networkModel;
      return this;
    }

    /**
     * Sets the options.
     *
     * @param options options
     * @return this builder
     */
    public Builder options(StrategyOptions options) {
      this.options = options;
      return this;
    }

    /**
     * Sets the modelling conventions (default: {@link Conventions#defaults()}).
     *
     * @param conventions conventions
     * @return this builder
     * @since 0.2
     */
    public Builder conventions(Conventions conventions) {
      this.conventions = conventions;
      return this;
    }

    /** {@return the context} */
    public StrategyContext build() {
      return new StrategyContext(this);
    }
  }
}
