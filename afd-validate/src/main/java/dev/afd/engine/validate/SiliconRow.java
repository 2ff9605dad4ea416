package dev.afd.engine.validate;

import static java.util.Objects.requireNonNull;

/**
 * One row of an AIConfigurator-format silicon sample: a measured deployment and its TTFT and TPOT.
 * Absent integers are 0.
 *
 * @param line the row's line in its file (the header is line 1)
 * @param id row id
 * @param source the {@code silicon_data_source} text
 * @param backend serving framework ({@code trtllm}, {@code sglang}, {@code vllm})
 * @param backendVersion framework version, may be empty
 * @param modelPath Hugging Face id
 * @param system AIConfigurator system name ({@code h200_sxm}, …)
 * @param mode {@code agg} or {@code disagg}
 * @param isl input tokens per request
 * @param osl output tokens per request
 * @param gemmQuant GEMM quantization mode, may be empty
 * @param moeQuant MoE quantization mode, may be empty
 * @param concurrency benchmark concurrency (clients of the closed loop)
 * @param agg agg pool ({@code batch} = concurrency per replica), zero in disagg rows
 * @param prefill prefill pool, zero in agg rows
 * @param decode decode pool, zero in agg rows
 * @param ttftMs measured mean TTFT in milliseconds
 * @param tpotMs measured mean TPOT in milliseconds
 */
public record SiliconRow(
    int line,
    String id,
    String source,
    String backend,
    String backendVersion,
    String modelPath,
    String system,
    String mode,
    int isl,
    int osl,
    String gemmQuant,
    String moeQuant,
    int concurrency,
    Pool agg,
    Pool prefill,
    Pool decode,
    double ttftMs,
    double tpotMs) {

  /**
   * A pool's layout: workers of TP × PP × attention-DP devices, MoE TP × EP, batch per worker.
   *
   * @param batch batch per worker (agg: concurrency), 0 when absent
   * @param workers workers, 0 when absent
   * @param tensorParallel attention TP
   * @param pipelineParallel PP
   * @param dataParallel attention DP
   * @param moeTensorParallel MoE TP
   * @param expertParallel EP
   */
  public record Pool(
      int batch,
      int workers,
      int tensorParallel,
      int pipelineParallel,
      int dataParallel,
      int moeTensorParallel,
      int expertParallel) {
    /** The absent pool. */
    public static final Pool NONE = new Pool(0, 0, 0, 0, 0, 0, 0);

    /** {@return devices per worker} */
    public int devices() {
      return tensorParallel * dataParallel * Math.max(1, pipelineParallel);
    }
  }

  /** Validates. */
  public SiliconRow {
    requireNonNull(id, "id");
    requireNonNull(source, "source");
    requireNonNull(backend, "backend");
    requireNonNull(backendVersion, "backendVersion");
    requireNonNull(modelPath, "modelPath");
    requireNonNull(system, "system");
    requireNonNull(mode, "mode");
    requireNonNull(gemmQuant, "gemmQuant");
    requireNonNull(moeQuant, "moeQuant");
    requireNonNull(agg, "agg");
    requireNonNull(prefill, "prefill");
    requireNonNull(decode, "decode");
  }

  /**
   * {@return whether the row states its deployment: every agg row (its pool is the row); a disagg
   * row when it gives both pools' worker counts, so nothing about the deployment is inferred}
   */
  public boolean poolsStated() {
    return !mode.equals("disagg") || (prefill.workers() >= 1 && decode.workers() >= 1);
  }

  /**
   * {@return the partition key: model × system × backend × mode, disagg rows split into those that
   * state their pools and those whose pools are inferred}
   */
  public String partition() {
    String modeLabel = poolsStated() ? mode : mode + " (pools inferred)";
    return modelPath + " | " + system + " | " + backend + " | " + modeLabel;
  }
}
