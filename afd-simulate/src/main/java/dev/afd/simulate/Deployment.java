package dev.afd.simulate;

import java.util.Objects;

/**
 * What the simulation serves: the ranks that run scheduler iterations, their limits and their
 * iteration pricing. Each rank is one attention data-parallel rank of a replica or worker; the
 * ranks of one data-parallel group are assumed to carry equal shapes (the feed-forward side is
 * priced at the rank's tokens times the group's ranks), as the strategies' closed forms assume.
 */
public sealed interface Deployment {

  /** {@return GPUs the deployment occupies, for tokens/s/GPU} */
  int devices();

  /**
   * Chunked-prefill continuous batching ({@code agg}).
   *
   * @param ranks ranks (replicas × attention data-parallel ranks)
   * @param batch most sequences a rank runs at once (decoding or prefilling)
   * @param chunk token budget of one iteration: one per decoding sequence, the rest for prefill
   * @param kvCapacityTokens KV-cache tokens one rank holds
   * @param pricer the iteration time of one rank
   * @param devices GPUs of the deployment
   * @param speculation MTP speculative decoding of the decode iterations
   */
  record Aggregated(
      int ranks,
      int batch,
      int chunk,
      long kvCapacityTokens,
      IterationPricer pricer,
      int devices,
      Speculation speculation)
      implements Deployment {
    /** Validates. */
    public Aggregated {
      if (ranks < 1 || batch < 1 || chunk < 1 || kvCapacityTokens < 1 || devices < 1) {
        throw new IllegalArgumentException(
            "ranks, batch, chunk, KV capacity and devices must be >= 1");
      }
      Objects.requireNonNull(speculation, "speculation");
    }

    /** A deployment without speculative decoding. */
    public Aggregated(
        int ranks,
        int batch,
        int chunk,
        long kvCapacityTokens,
        IterationPricer pricer,
        int devices) {
      this(ranks, batch, chunk, kvCapacityTokens, pricer, devices, Speculation.NONE);
    }
  }

  /**
   * Prefill/decode disaggregation ({@code pd}): a prefill pool whose ranks prefill up to {@code
   * prefillBatch} whole prompts per step, the KV transfer, and a decode pool running continuous
   * batching of decode-only iterations.
   *
   * @param prefillRanks prefill workers × their attention data-parallel ranks
   * @param prefillBatch prompts one prefill rank takes per step
   * @param prefillPricer a prefill step's time on one rank
   * @param decodeRanks decode workers × their attention data-parallel ranks
   * @param decodeBatch most sequences a decode rank runs at once
   * @param decodeKvCapacityTokens KV-cache tokens one decode rank holds
   * @param decodePricer a decode iteration's time on one rank
   * @param kvTransferSecondsPerToken KV transfer time per transferred token
   * @param prefixOnDecode whether a request's prefix KV is already on the decode side (only the
   *     prompt's KV moves)
   * @param devices GPUs of both pools
   * @param speculation MTP speculative decoding of the decode iterations
   */
  record Disaggregated(
      int prefillRanks,
      int prefillBatch,
      IterationPricer prefillPricer,
      int decodeRanks,
      int decodeBatch,
      long decodeKvCapacityTokens,
      IterationPricer decodePricer,
      double kvTransferSecondsPerToken,
      boolean prefixOnDecode,
      int devices,
      Speculation speculation)
      implements Deployment {
    /** Validates. */
    public Disaggregated {
      if (prefillRanks < 1
          || prefillBatch < 1
          || decodeRanks < 1
          || decodeBatch < 1
          || decodeKvCapacityTokens < 1
          || devices < 1
          || !(kvTransferSecondsPerToken >= 0)) {
        throw new IllegalArgumentException(
            "ranks, batches, KV capacity and devices must be >= 1, KV seconds >= 0");
      }
      Objects.requireNonNull(speculation, "speculation");
    }
  }
}
