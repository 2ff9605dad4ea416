package dev.afd.simulate;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One rank running scheduler iterations back to back while it has work; an {@link Event} while an
 * iteration runs (its end). The scheduling policy (docs/simulate.md):
 *
 * <ul>
 *   <li>Every decoding sequence advances one token per iteration (decode first, as Sarathi-Serve
 *       and vLLM schedule).
 *   <li>An aggregated rank fills the rest of its token budget with prefill: first the prompts
 *       already being prefilled, oldest first, then new requests admitted from its queue.
 *   <li>Admission is first come, first served with head-of-line blocking, while the rank runs fewer
 *       than {@code batch} sequences and the head request's whole final context (prefix + input +
 *       output) fits the KV cache beside the reservations of the running ones. Reserving the final
 *       context up front (TensorRT-LLM's {@code GUARANTEED_NO_EVICT}) means a running request never
 *       runs out of KV, so nothing is ever preempted.
 *   <li>A prefill rank takes up to {@code batch} whole prompts per step, oldest first.
 * </ul>
 */
final class Rank extends Event {
  enum Role {
    AGGREGATED,
    PREFILL,
    DECODE
  }

  final Role role;
  final int batch;
  final long budget;
  final long kvCapacityTokens;
  final IterationPricer pricer;
  final Speculation speculation;
  private final Timeline timeline;
  // Query tokens a decoding sequence runs per iteration (1 + drafts) and tokens it emits (1 + E).
  private final int queryTokens;
  private final double tokensPerStep;

  final ArrayDeque<Request> waiting = new ArrayDeque<>();
  private final ArrayDeque<Request> prefilling = new ArrayDeque<>();

  // Decoding sequences: a min-heap by the iteration count at which each is done.
  private Request[] decoding = new Request[16];
  private int decodingSize;

  /**
   * Σ over decoding sequences of (context at join − tokens per step · iteration count at join): the
   * sum of their contexts at iteration count {@code j} is this plus {@code decodingSize · g · j},
   * {@code g} the tokens a sequence emits per iteration (1 without speculative decoding, when every
   * term is a whole number and the sums are exact).
   */
  private double contextBase;

  // The chunks of the running iteration: which prompts, how many tokens each.
  private Request[] chunkRequests = new Request[16];
  private long[] chunkTokens = new long[16];
  private int chunks;

  long iterations;
  long reservedTokens;
  boolean busy;

  /** Requests assigned here and not yet gone: waiting, running, or in a prefill step. */
  int outstanding;

  // Statistics: busy seconds, and the integral of reserved KV over time.
  double busySeconds;
  double reservedTokenSeconds;
  private double lastReservationChange;

  Rank(
      Role role,
      int batch,
      long budget,
      long kvCapacityTokens,
      IterationPricer pricer,
      Speculation speculation,
      Timeline timeline) {
    this.role = role;
    this.timeline = timeline;
    this.batch = batch;
    this.budget = budget;
    this.kvCapacityTokens = kvCapacityTokens;
    this.pricer = pricer;
    this.speculation = speculation;
    this.queryTokens = 1 + speculation.draftTokens();
    this.tokensPerStep = speculation.tokensPerStep();
  }

  int running() {
    return decodingSize + prefilling.size();
  }

  private void reserve(long tokens, double now) {
    timeline.reserved(lastReservationChange, now, reservedTokens / (double) kvCapacityTokens);
    reservedTokenSeconds += reservedTokens * (now - lastReservationChange);
    lastReservationChange = now;
    reservedTokens += tokens;
  }

  /** Frees a finished request's KV. */
  void release(Request request, double now) {
    reserve(-request.reservedTokens(), now);
  }

  /** Closes the reservation integral at {@code now}. */
  void closeStatistics(double now) {
    reserve(0, now);
  }

  /**
   * Starts the next iteration at {@code now} if there is work, setting {@link #time} to its end.
   *
   * @return whether an iteration started
   */
  boolean start(double now) {
    chunks = 0;
    double seconds;
    if (role == Role.PREFILL) {
      long tokens = 0;
      long cached = 0;
      while (chunks < batch && !waiting.isEmpty()) {
        Request request = waiting.poll();
        long prompt = request.newTokens();
        addChunk(request, prompt);
        tokens += prompt;
        cached += request.prefixHit ? request.prefixTokens : 0;
      }
      if (chunks == 0) {
        return false;
      }
      seconds = pricer.iterationSeconds(0, 0, chunks, tokens, cached / chunks);
    } else {
      long left = role == Role.AGGREGATED ? budget - decodingSize : 0;
      long tokens = 0;
      long cached = 0;
      for (Request request : prefilling) {
        if (left <= 0) {
          break;
        }
        long take = Math.min(left, request.prefillRemaining);
        addChunk(request, take);
        left -= take;
        tokens += take;
        cached += cachedBefore(request);
      }
      while ((role == Role.DECODE || left > 0) && !waiting.isEmpty() && running() < batch) {
        Request head = waiting.peek();
        if (reservedTokens + head.reservedTokens() > kvCapacityTokens) {
          break;
        }
        waiting.poll();
        reserve(head.reservedTokens(), now);
        if (role == Role.DECODE) {
          joinDecode(head);
          continue;
        }
        head.prefillRemaining = head.newTokens();
        head.prefillDone = 0;
        prefilling.add(head);
        long take = Math.min(left, head.prefillRemaining);
        addChunk(head, take);
        left -= take;
        tokens += take;
        cached += cachedBefore(head);
      }
      if (decodingSize == 0 && chunks == 0) {
        return false;
      }
      long context =
          decodingSize == 0
              ? 0
              : Math.round(
                  (contextBase + (double) decodingSize * tokensPerStep * iterations)
                      / decodingSize);
      // Speculative decoding: 1 + n query tokens per decoding sequence, the MTP layers on top.
      seconds =
          pricer.iterationSeconds(
                  decodingSize * queryTokens,
                  context,
                  chunks,
                  tokens,
                  chunks == 0 ? 0 : cached / chunks)
              * speculation.stepScale();
    }
    if (!(seconds > 0)) {
      throw new IllegalStateException("iteration pricer returned " + seconds + " seconds");
    }
    busy = true;
    busySeconds += seconds;
    time = now + seconds;
    timeline.busy(now, time);
    return true;
  }

  private static long cachedBefore(Request request) {
    return (request.prefixHit ? request.prefixTokens : 0) + request.prefillDone;
  }

  private void addChunk(Request request, long tokens) {
    if (chunks == chunkRequests.length) {
      chunkRequests = Arrays.copyOf(chunkRequests, chunks * 2);
      chunkTokens = Arrays.copyOf(chunkTokens, chunks * 2);
    }
    chunkRequests[chunks] = request;
    chunkTokens[chunks] = tokens;
    chunks++;
  }

  /** Callbacks for what an iteration's end produces. */
  interface Outcomes {
    /** A prefill step finished this prompt: its KV is ready to move. */
    void prefilled(Request request, double now);

    /** The request's last token came out. */
    void completed(Request request, double now);
  }

  /** Ends the running iteration at {@code now}: first tokens, joins, completions. */
  void finish(double now, Outcomes outcomes) {
    busy = false;
    iterations++;
    if (role == Role.PREFILL) {
      for (int index = 0; index < chunks; index++) {
        Request request = chunkRequests[index];
        chunkRequests[index] = null;
        outcomes.prefilled(request, now);
      }
      chunks = 0;
      return;
    }
    for (int index = 0; index < chunks; index++) {
      Request request = chunkRequests[index];
      chunkRequests[index] = null;
      request.prefillRemaining -= chunkTokens[index];
      request.prefillDone += chunkTokens[index];
    }
    chunks = 0;
    // Budget goes to the oldest prompts first, so the finished ones lead the queue.
    while (!prefilling.isEmpty() && prefilling.peek().prefillRemaining == 0) {
      Request request = prefilling.poll();
      request.firstTokenSeconds = now;
      if (request.outputTokens == 1) {
        outcomes.completed(request, now);
      } else {
        joinDecode(request);
      }
    }
    while (decodingSize > 0 && decoding[0].finishIteration <= iterations) {
      Request request = popDecoding();
      contextBase -= request.decodeBase;
      outcomes.completed(request, now);
    }
  }

  /**
   * Adds a request with its first token to the decoding set from the next iteration on: it needs
   * {@code osl − 1} more tokens ({@code ⌈(osl − 1)/(1 + E)⌉} iterations with speculative decoding),
   * starting at context prefix + input.
   */
  private void joinDecode(Request request) {
    request.finishIteration = iterations + speculation.iterations(request.outputTokens - 1);
    request.decodeBase = request.prefixTokens + request.inputTokens - tokensPerStep * iterations;
    contextBase += request.decodeBase;
    if (decodingSize == decoding.length) {
      decoding = Arrays.copyOf(decoding, decodingSize * 2);
    }
    int index = decodingSize++;
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (decoding[parent].finishIteration <= request.finishIteration) {
        break;
      }
      decoding[index] = decoding[parent];
      index = parent;
    }
    decoding[index] = request;
  }

  private Request popDecoding() {
    Request top = decoding[0];
    Request last = decoding[--decodingSize];
    decoding[decodingSize] = null;
    if (decodingSize > 0) {
      int index = 0;
      while (true) {
        int child = 2 * index + 1;
        if (child >= decodingSize) {
          break;
        }
        if (child + 1 < decodingSize
            && decoding[child + 1].finishIteration < decoding[child].finishIteration) {
          child++;
        }
        if (decoding[child].finishIteration >= last.finishIteration) {
          break;
        }
        decoding[index] = decoding[child];
        index = child;
      }
      decoding[index] = last;
    }
    return top;
  }
}
