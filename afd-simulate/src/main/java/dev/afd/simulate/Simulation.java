package dev.afd.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs one request-level simulation: one event per request arrival, per KV transfer and per
 * scheduler iteration of a rank (never per token), in time order, ties in scheduling order.
 *
 * <p>Deterministic: every draw comes from a {@link SplittableRandom} seeded with the spec's seed,
 * split once per purpose (arrivals, lengths, prefix hits, think times) so that changing one does
 * not shift the others; nothing reads the clock. Memory holds the requests in flight and one
 * pending arrival: arrivals and traces are streamed, latencies go to fixed-size histograms, and
 * each completed request goes to the sink and is dropped.
 *
 * <p>Iterations start once every event of their instant has happened, so requests arriving together
 * (a closed loop's clients at time 0) are scheduled together. Requests go to the rank with the
 * fewest outstanding requests (waiting or running; ties to the lowest index), the
 * join-the-shortest-queue rule of serving routers.
 */
public final class Simulation implements Rank.Outcomes {
  private final Deployment deployment;
  private final SimulationSpec spec;
  private final @Nullable Consumer<RequestOutcome> sink;
  private final EventQueue queue = new EventQueue();
  private final Rank[] entry;
  private final Rank[] decode;
  private final List<Rank> touched = new ArrayList<>();
  private final SplittableRandom arrivalRandom;
  private final SplittableRandom lengthRandom;
  private final SplittableRandom hitRandom;
  private final SplittableRandom thinkRandom;
  private final double sloTtftSeconds;
  private final double sloTpotSeconds;
  private final double kvSecondsPerToken;
  private final boolean prefixOnDecode;
  private final long kvCapacityTokens;
  private final @Nullable TraceReader trace;

  private long issued;
  private long completed;
  private long rejected;
  private long outputTokens;
  private long meetingSlo;
  private double lastCompletion;
  private double nextPoissonSeconds;
  private final LatencyHistogram ttft = new LatencyHistogram();
  private final LatencyHistogram tpot = new LatencyHistogram();
  private final LatencyHistogram endToEnd = new LatencyHistogram();
  private final Timeline timeline = new Timeline();

  /** Points per latency CDF in the result (report.html). */
  private static final int CDF_POINTS = 200;

  private Simulation(
      Deployment deployment, SimulationSpec spec, @Nullable Consumer<RequestOutcome> sink) {
    this.deployment = deployment;
    this.spec = spec;
    this.sink = sink;
    SplittableRandom root = new SplittableRandom(spec.seed());
    this.arrivalRandom = root.split();
    this.lengthRandom = root.split();
    this.hitRandom = root.split();
    this.thinkRandom = root.split();
    this.sloTtftSeconds = spec.slo().timeToFirstToken().seconds();
    this.sloTpotSeconds = spec.slo().timePerOutputToken().seconds();
    if (deployment instanceof Deployment.Aggregated agg) {
      entry = new Rank[agg.ranks()];
      for (int index = 0; index < entry.length; index++) {
        entry[index] =
            new Rank(
                Rank.Role.AGGREGATED,
                agg.batch(),
                agg.chunk(),
                agg.kvCapacityTokens(),
                agg.pricer(),
                agg.speculation(),
                timeline);
      }
      decode = new Rank[0];
      kvSecondsPerToken = 0;
      prefixOnDecode = false;
      kvCapacityTokens = agg.kvCapacityTokens();
    } else {
      Deployment.Disaggregated pd = (Deployment.Disaggregated) deployment;
      entry = new Rank[pd.prefillRanks()];
      for (int index = 0; index < entry.length; index++) {
        entry[index] =
            new Rank(
                Rank.Role.PREFILL,
                pd.prefillBatch(),
                0,
                Long.MAX_VALUE,
                pd.prefillPricer(),
                Speculation.NONE,
                timeline);
      }
      decode = new Rank[pd.decodeRanks()];
      for (int index = 0; index < decode.length; index++) {
        decode[index] =
            new Rank(
                Rank.Role.DECODE,
                pd.decodeBatch(),
                0,
                pd.decodeKvCapacityTokens(),
                pd.decodePricer(),
                pd.speculation(),
                timeline);
      }
      kvSecondsPerToken = pd.kvTransferSecondsPerToken();
      prefixOnDecode = pd.prefixOnDecode();
      kvCapacityTokens = pd.decodeKvCapacityTokens();
    }
    this.trace =
        spec.arrivals() instanceof Arrivals.Trace replay
            ? new TraceReader(replay.file(), replay.format())
            : null;
  }

  /**
   * Simulates {@code spec}'s traffic on {@code deployment}.
   *
   * @param sink receives every completed request in completion order, or null
   * @return what was measured
   * @throws dev.afd.api.AfdConfigurationException for a bad trace line
   */
  public static SimulationResult run(
      Deployment deployment, SimulationSpec spec, @Nullable Consumer<RequestOutcome> sink) {
    Simulation simulation = new Simulation(deployment, spec, sink);
    try {
      return simulation.run();
    } finally {
      if (simulation.trace != null) {
        simulation.trace.close();
      }
    }
  }

  private SimulationResult run() {
    if (spec.arrivals() instanceof Arrivals.Closed closed) {
      for (int client = 0; client < closed.clients() && issued < spec.requests(); client++) {
        queue.add(newRequest(0, client));
      }
    } else {
      scheduleOpenArrival();
    }
    Event event;
    while ((event = queue.poll()) != null) {
      double now = event.time;
      if (event instanceof Rank rank) {
        rank.finish(now, this);
        touched.add(rank);
      } else {
        Request request = (Request) event;
        if (request.stage == Request.ARRIVING) {
          if (request.client < 0) {
            scheduleOpenArrival();
          }
          arrive(request, now);
        } else {
          transferred(request, now);
        }
      }
      if (queue.nextTime() == now) {
        // Iterations start once everything of this instant has happened: requests arriving
        // together are scheduled together.
        continue;
      }
      for (int index = 0; index < touched.size(); index++) {
        Rank rank = touched.get(index);
        if (!rank.busy && rank.start(now)) {
          queue.add(rank);
        }
      }
      touched.clear();
    }
    return result();
  }

  private void scheduleOpenArrival() {
    if (issued >= spec.requests()) {
      return;
    }
    if (trace != null) {
      TraceReader.Line line = trace.next();
      if (line != null) {
        queue.add(
            new Request(
                issued++,
                line.arrivalSeconds(),
                -1,
                line.prefixTokens(),
                line.inputTokens(),
                line.outputTokens(),
                hit()));
      }
      return;
    }
    double rate = ((Arrivals.Poisson) spec.arrivals()).requestsPerSecond();
    nextPoissonSeconds += -Math.log(1 - arrivalRandom.nextDouble()) / rate;
    queue.add(newRequest(nextPoissonSeconds, -1));
  }

  private Request newRequest(double arrivalSeconds, int client) {
    long input = spec.inputTokens().sample(lengthRandom);
    long output = spec.outputTokens().sample(lengthRandom);
    return new Request(issued++, arrivalSeconds, client, spec.prefixTokens(), input, output, hit());
  }

  private boolean hit() {
    double rate = spec.prefixHitRate();
    return rate >= 1 || (rate > 0 && hitRandom.nextDouble() < rate);
  }

  private void arrive(Request request, double now) {
    if (request.reservedTokens() > kvCapacityTokens) {
      rejected++;
      clientNext(request, now);
      return;
    }
    assign(entry, request);
  }

  private void assign(Rank[] ranks, Request request) {
    Rank best = ranks[0];
    for (int index = 1; index < ranks.length; index++) {
      if (ranks[index].outstanding < best.outstanding) {
        best = ranks[index];
      }
    }
    best.outstanding++;
    best.waiting.add(request);
    request.rank = best;
    touched.add(best);
  }

  @Override
  public void prefilled(Request request, double now) {
    request.rank.outstanding--;
    long tokens = request.inputTokens + (prefixOnDecode ? 0 : request.prefixTokens);
    request.stage = Request.TRANSFERRING;
    request.time = now + kvSecondsPerToken * tokens;
    queue.add(request);
  }

  private void transferred(Request request, double now) {
    request.firstTokenSeconds = now;
    if (request.outputTokens == 1) {
      request.rank = null;
      completed(request, now);
      return;
    }
    assign(decode, request);
  }

  @Override
  public void completed(Request request, double now) {
    Rank rank = request.rank;
    if (rank != null) {
      rank.release(request, now);
      rank.outstanding--;
    }
    double firstToken = request.firstTokenSeconds - request.arrivalSeconds;
    double total = now - request.arrivalSeconds;
    double perToken =
        request.outputTokens > 1
            ? (now - request.firstTokenSeconds) / (request.outputTokens - 1)
            : Double.NaN;
    ttft.add(firstToken);
    endToEnd.add(total);
    if (request.outputTokens > 1) {
      tpot.add(perToken);
    }
    boolean meets =
        firstToken <= sloTtftSeconds && (request.outputTokens == 1 || perToken <= sloTpotSeconds);
    if (meets) {
      meetingSlo++;
    }
    completed++;
    outputTokens += request.outputTokens;
    lastCompletion = now;
    if (sink != null) {
      sink.accept(
          new RequestOutcome(
              request.id,
              request.arrivalSeconds,
              request.prefixTokens,
              request.inputTokens,
              request.outputTokens,
              request.prefixHit,
              firstToken,
              perToken,
              total,
              meets));
    }
    clientNext(request, now);
  }

  /** A closed-loop client sends its next request after a think time. */
  private void clientNext(Request request, double now) {
    if (request.client < 0 || issued >= spec.requests()) {
      return;
    }
    double think = ((Arrivals.Closed) spec.arrivals()).thinkSeconds();
    // Without think time it arrives now, in time for the iterations that start at this instant.
    double delay = think == 0 ? 0 : -Math.log(1 - thinkRandom.nextDouble()) * think;
    queue.add(newRequest(now + delay, request.client));
  }

  private SimulationResult result() {
    double makespan = lastCompletion;
    double busy = 0;
    double kv = 0;
    int kvRanks = 0;
    long iterations = 0;
    for (Rank[] ranks : new Rank[][] {entry, decode}) {
      for (Rank rank : ranks) {
        rank.closeStatistics(makespan);
        busy += rank.busySeconds;
        iterations += rank.iterations;
        if (rank.kvCapacityTokens != Long.MAX_VALUE) {
          kv += rank.reservedTokenSeconds / rank.kvCapacityTokens;
          kvRanks++;
        }
      }
    }
    int ranks = entry.length + decode.length;
    return new SimulationResult(
        completed,
        rejected,
        makespan,
        outputTokens,
        ttft.summary(),
        tpot.summary(),
        endToEnd.summary(),
        meetingSlo,
        deployment.devices(),
        makespan > 0 ? busy / (makespan * ranks) : 0,
        makespan > 0 && kvRanks > 0 ? kv / (makespan * kvRanks) : 0,
        iterations,
        new SimulationCurves(
            ttft.cdf(CDF_POINTS),
            tpot.cdf(CDF_POINTS),
            endToEnd.cdf(CDF_POINTS),
            timeline.points(makespan, ranks, kvRanks)));
  }
}
