package dev.afd.engine.internal.kerneldb;

import dev.afd.engine.internal.kerneldb.GridLayout.Axis;
import dev.afd.engine.internal.kerneldb.GridLayout.ValueSpace;
import java.util.List;

/**
 * The kernel families afd reads from an AIConfigurator database, with the layouts that the
 * leave-one-out check measured best (see {@code docs/accuracy.md}).
 *
 * <p>Layouts interpolate latency linearly on linear axes (kernels are close to affine between
 * neighbouring grid points). {@code kernel_source} is a category a query leaves free: the preferred
 * kernel that was measured for the shape is used.
 */
public final class KernelFamilies {
  private static final List<String> NONE = List.of();

  /** Dense GEMM: {@code gemm_dtype}, then n, k, m. */
  public static final KernelFamily GEMM =
      new KernelFamily(
          "gemm",
          "gemm",
          new GridLayout(
              List.of("kernel_source", "gemm_dtype"),
              List.of(Axis.linear("n"), Axis.linear("k"), Axis.linear("m")),
              ValueSpace.LATENCY),
          List.of(List.of("torch_flow", "deepgemm"), NONE),
          KernelRooflines::gemm);

  /** Context (prefill) GQA attention without a cached prefix. */
  public static final KernelFamily CONTEXT_ATTENTION =
      new KernelFamily(
          "context attention",
          "context_attention",
          new GridLayout(
              List.of(
                  "kernel_source",
                  "attn_dtype",
                  "kv_cache_dtype",
                  "window_size",
                  "head_dim",
                  "num_key_value_heads"),
              List.of(Axis.linear("num_heads"), Axis.linear("batch_size"), Axis.linear("isl")),
              ValueSpace.LATENCY),
          List.of(List.of("torch_flow"), NONE, NONE, NONE, NONE, NONE),
          KernelRooflines::contextAttention);

  /** Generation (decode) GQA attention of one new token against {@code step} cached tokens. */
  public static final KernelFamily GENERATION_ATTENTION =
      new KernelFamily(
          "generation attention",
          "generation_attention",
          new GridLayout(
              List.of(
                  "kernel_source",
                  "kv_cache_dtype",
                  "window_size",
                  "head_dim",
                  "num_key_value_heads"),
              List.of(Axis.linear("num_heads"), Axis.linear("batch_size"), Axis.linear("step")),
              ValueSpace.LATENCY),
          List.of(List.of("torch_flow"), NONE, NONE, NONE, NONE),
          KernelRooflines::generationAttention);

  /**
   * Context MLA attention kernel (unabsorbed, DeepSeek dimensions). {@code num_heads} is the heads
   * per GPU; the table's {@code tp_size} only restates it (heads × tp = 128 or 64), so it is not a
   * key and the heads axis spans every tensor-parallel degree.
   */
  public static final KernelFamily CONTEXT_MLA =
      new KernelFamily(
          "context MLA",
          "context_mla",
          new GridLayout(
              List.of("mla_dtype", "kv_cache_dtype"),
              List.of(Axis.linear("num_heads"), Axis.linear("batch_size"), Axis.linear("isl")),
              ValueSpace.LATENCY),
          List.of(List.of("bfloat16"), NONE),
          KernelRooflines::contextMla);

  /** Generation MLA attention kernel (absorbed, over the 576-wide latent). */
  public static final KernelFamily GENERATION_MLA =
      new KernelFamily(
          "generation MLA",
          "generation_mla",
          new GridLayout(
              List.of("mla_dtype", "kv_cache_dtype"),
              List.of(Axis.linear("num_heads"), Axis.linear("batch_size"), Axis.linear("step")),
              ValueSpace.LATENCY),
          List.of(List.of("bfloat16"), NONE),
          KernelRooflines::generationMla);

  /** Routed experts of one MoE layer on one GPU; the model shape and parallelism are keys. */
  public static final KernelFamily MOE =
      new KernelFamily(
          "MoE",
          "moe",
          new GridLayout(
              List.of(
                  "kernel_source",
                  "moe_dtype",
                  "distribution",
                  "hidden_size",
                  "inter_size",
                  "topk",
                  "num_experts",
                  "moe_tp_size",
                  "moe_ep_size"),
              List.of(Axis.linear("num_tokens")),
              ValueSpace.LATENCY),
          List.of(
              List.of(
                  "moe_torch_flow_cutlass",
                  "moe_torch_flow",
                  "deepgemm",
                  "moe_torch_flow_min_latency",
                  "moe_torch_flow_nongated"),
              NONE,
              NONE,
              NONE,
              NONE,
              NONE,
              NONE,
              NONE,
              NONE),
          KernelRooflines::moe);

  /**
   * MLA's per-head batched GEMMs in decode: {@code mla_gen_pre} maps q_nope (128) into the latent
   * (512), {@code mla_gen_post} maps the latent back to v (128).
   */
  public static final KernelFamily MLA_BMM =
      new KernelFamily(
          "MLA BMM",
          "mla_bmm",
          new GridLayout(
              List.of("op_name", "kernel_source", "bmm_dtype"),
              List.of(Axis.linear("num_heads"), Axis.linear("num_tokens")),
              ValueSpace.LATENCY),
          List.of(NONE, List.of("trtllm_bmm_out"), NONE),
          KernelRooflines::mlaBmm);

  /**
   * TensorRT-LLM's custom (one-shot / two-shot NVLink) all-reduce inside one node, the collective
   * that follows attention and the MoE under tensor parallelism. {@code message_size} counts
   * elements of {@code allreduce_dtype} (AIConfigurator passes {@code tokens × hidden}). Not part
   * of {@link #all()}: it has no roofline and no leave-one-out bar.
   */
  public static final KernelFamily CUSTOM_ALL_REDUCE =
      new KernelFamily(
          "custom all-reduce",
          "custom_allreduce",
          new GridLayout(
              List.of("kernel_source", "allreduce_dtype", "num_gpus"),
              List.of(Axis.linear("message_size")),
              ValueSpace.LATENCY),
          List.of(NONE, NONE, NONE),
          null);

  /** {@return every family, in report order} */
  public static List<KernelFamily> all() {
    return List.of(
        GEMM, CONTEXT_ATTENTION, GENERATION_ATTENTION, CONTEXT_MLA, GENERATION_MLA, MOE, MLA_BMM);
  }

  private KernelFamilies() {}
}
