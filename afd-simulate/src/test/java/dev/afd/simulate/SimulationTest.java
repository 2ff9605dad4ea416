package dev.afd.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.afd.api.strategy.SloSpec;
import dev.afd.api.unit.TimeSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulationTest {
  private static final SloSpec LOOSE =
      new SloSpec(TimeSpan.ofSeconds(1000), TimeSpan.ofSeconds(1000));

  private static SimulationSpec spec(
      Arrivals arrivals, long requests, long input, long output, long prefix, double hitRate) {
    return new SimulationSpec(
        arrivals,
        requests,
        new LengthDistribution.Fixed(input),
        new LengthDistribution.Fixed(output),
        prefix,
        hitRate,
        42,
        LOOSE);
  }

  /**
   * M/D/1: one rank serving one request at a time (batch 1), each a single iteration of S (a
   * one-token prompt and answer), Poisson arrivals at ρ/S. The mean wait is TTFT − S, and
   * Pollaczek–Khinchine with zero service variance gives W = ρS / (2(1 − ρ)).
   */
  @ParameterizedTest(name = "rho {0}")
  @ValueSource(doubles = {0.5, 0.8})
  void matchesMd1MeanWait(double utilization) {
    double service = 0.010;
    Deployment deployment =
        new Deployment.Aggregated(1, 1, 16, 1 << 20, TestingIterationPricer.constant(service), 1);
    SimulationResult result =
        Simulation.run(
            deployment,
            spec(new Arrivals.Poisson(utilization / service), 500_000, 1, 1, 0, 1),
            null);
    double wait = result.timeToFirstToken().mean() - service;
    double expected = utilization * service / (2 * (1 - utilization));
    assertThat(result.completed()).isEqualTo(500_000);
    assertThat(wait).isCloseTo(expected, withinPercentage(2));
    assertThat(result.busyShare()).isCloseTo(utilization, within(0.005));
  }

  /**
   * MTP with one draft accepted half the time (E = 0.5, step scale 1.25): eight clients, osl 16. A
   * cycle is one prefill iteration (the first token) and ⌈15/1.5⌉ = 10 decode iterations of 2 query
   * tokens per sequence, each 1.25 · 20 ms: X = 8/(11 · 0.025 s), TPOT = 10 · 0.025/15 = 0.025/1.5,
   * the closed form's step/(1 + E).
   */
  @Test
  void mtpEmitsOnePlusAcceptedTokensPerIteration() {
    TestingIterationPricer pricer = TestingIterationPricer.recording(0.02, 0);
    Deployment deployment =
        new Deployment.Aggregated(1, 8, 512, 1 << 20, pricer, 1, new Speculation(1, 0.5, 1.25));
    SimulationResult result =
        Simulation.run(deployment, spec(new Arrivals.Closed(8, 0), 800, 64, 16, 0, 1), null);
    assertThat(result.requestsPerSecond()).isCloseTo(8 / (11 * 0.025), within(1e-9));
    assertThat(result.timeToFirstToken().mean()).isCloseTo(0.025, within(1e-12));
    assertThat(result.timePerOutputToken().mean()).isCloseTo(0.025 / 1.5, within(1e-12));
    assertThat(result.iterations()).isEqualTo(100 * 11);
    // The first decode iteration: 8 sequences × 2 query tokens at context 64.
    assertThat(pricer.shapes.get(1)).isEqualTo(new TestingIterationPricer.Shape(16, 64, 0, 0, 0));
    // The context grows 1.5 tokens per iteration: 64 + 9 · 1.5 = 77.5, rounded to 78.
    assertThat(pricer.shapes.get(10)).isEqualTo(new TestingIterationPricer.Shape(16, 78, 0, 0, 0));
  }

  /**
   * Eight clients, no think time, a batch and chunk that hold them all: every cycle is one
   * iteration prefilling all eight prompts (their first tokens) and osl − 1 decode iterations, so
   * by Little's law X = N / (osl · t) = 8 / (16 · 0.02 s) = 25 requests/s, TTFT = TPOT = t.
   */
  @Test
  void closedLoopThroughputFollowsLittlesLaw() {
    double iteration = 0.02;
    Deployment deployment =
        new Deployment.Aggregated(
            1, 8, 512, 1 << 20, TestingIterationPricer.constant(iteration), 1);
    SimulationResult result =
        Simulation.run(deployment, spec(new Arrivals.Closed(8, 0), 8000, 64, 16, 0, 1), null);
    assertThat(result.makespanSeconds()).isCloseTo(1000 * 16 * iteration, within(1e-9));
    assertThat(result.requestsPerSecond()).isCloseTo(8 / (16 * iteration), within(1e-9));
    assertThat(result.timeToFirstToken().mean()).isCloseTo(iteration, within(1e-12));
    assertThat(result.timePerOutputToken().max()).isCloseTo(iteration, within(1e-12));
    assertThat(result.endToEnd().mean()).isCloseTo(16 * iteration, within(1e-9));
    // Every TTFT is one iteration: the CDF is one step to 1 there.
    assertThat(result.curves().timeToFirstToken()).hasSize(1);
    assertThat(result.curves().timeToFirstToken().get(0).seconds())
        .isCloseTo(iteration, within(1e-12));
    assertThat(result.curves().timeToFirstToken().get(0).share()).isEqualTo(1);
    // 320 s in bins of 1 ms doubled until 256 of them hold it (2.048 s): ⌈320/2.048⌉ = 157 bins,
    // each all busy and with 8 · (64 + 16) tokens of 2^20 reserved.
    List<SimulationCurves.TimelinePoint> timeline = result.curves().timeline();
    assertThat(timeline).hasSize(157);
    assertThat(timeline.get(0).timeSeconds()).isCloseTo(1.024, within(1e-12));
    for (SimulationCurves.TimelinePoint point : timeline) {
      assertThat(point.busyShare()).isCloseTo(1, within(1e-9));
      assertThat(point.kvShare()).isCloseTo(640.0 / (1 << 20), within(1e-12));
    }
  }

  /**
   * More clients than the batch holds, with think time: requests queue, yet N = X · (R + Z) holds
   * for the measured throughput, mean response R and mean think time Z.
   */
  @Test
  void closedLoopWithQueueingKeepsLittlesLaw() {
    Deployment deployment =
        new Deployment.Aggregated(
            1, 8, 256, 1 << 20, TestingIterationPricer.recording(0.01, 1e-5), 1);
    double think = 0.05;
    SimulationResult result =
        Simulation.run(
            deployment, spec(new Arrivals.Closed(32, think), 100_000, 100, 20, 0, 1), null);
    double response = result.endToEnd().mean();
    assertThat(response).isGreaterThan(20 * 0.01);
    assertThat(result.requestsPerSecond()).isCloseTo(32 / (response + think), withinPercentage(1));
  }

  /**
   * A prefix hit skips its prefill: 256 new tokens at 2048 cached in one iteration, where a miss
   * prefills all 2304 tokens in chunks of 1024 (cached 0, 1024, 2048). Decode runs at prefix +
   * input + tokens so far.
   */
  @Test
  void prefixHitSkipsPrefillCompute() {
    TestingIterationPricer hit = TestingIterationPricer.recording(0.01, 1e-5);
    SimulationResult hitResult =
        Simulation.run(
            new Deployment.Aggregated(1, 4, 1024, 1 << 20, hit, 1),
            spec(new Arrivals.Closed(1, 0), 1, 256, 4, 2048, 1),
            null);
    assertThat(hit.shapes)
        .containsExactly(
            new TestingIterationPricer.Shape(0, 0, 1, 256, 2048),
            new TestingIterationPricer.Shape(1, 2304, 0, 0, 0),
            new TestingIterationPricer.Shape(1, 2305, 0, 0, 0),
            new TestingIterationPricer.Shape(1, 2306, 0, 0, 0));
    assertThat(hitResult.timeToFirstToken().mean()).isCloseTo(0.01 + 256e-5, within(1e-12));

    TestingIterationPricer miss = TestingIterationPricer.recording(0.01, 1e-5);
    SimulationResult missResult =
        Simulation.run(
            new Deployment.Aggregated(1, 4, 1024, 1 << 20, miss, 1),
            spec(new Arrivals.Closed(1, 0), 1, 256, 4, 2048, 0),
            null);
    assertThat(miss.shapes.subList(0, 3))
        .containsExactly(
            new TestingIterationPricer.Shape(0, 0, 1, 1024, 0),
            new TestingIterationPricer.Shape(0, 0, 1, 1024, 1024),
            new TestingIterationPricer.Shape(0, 0, 1, 256, 2048));
    assertThat(missResult.timeToFirstToken().mean()).isCloseTo(0.03 + 2304e-5, within(1e-12));
  }

  /**
   * A hit still occupies KV: with room for one request's 2048 + 256 + 4 tokens but not two, the
   * second waits until the first completes (prefill 0.01256 s + 3 decode iterations of 0.01 s),
   * then prefills: its TTFT is 0.04256 + 0.01256 s. Without the prefix both fit at once.
   */
  @Test
  void prefixHitOccupiesKv() {
    long capacity = 2 * (2048 + 256 + 4) - 1;
    List<RequestOutcome> outcomes = new ArrayList<>();
    Simulation.run(
        new Deployment.Aggregated(
            1, 4, 1024, capacity, TestingIterationPricer.recording(0.01, 1e-5), 1),
        spec(new Arrivals.Closed(2, 0), 2, 256, 4, 2048, 1),
        outcomes::add);
    assertThat(outcomes).extracting(RequestOutcome::id).containsExactly(0L, 1L);
    assertThat(outcomes.get(0).ttftSeconds()).isCloseTo(0.01256, within(1e-12));
    assertThat(outcomes.get(1).ttftSeconds()).isCloseTo(0.04256 + 0.01256, within(1e-12));

    List<RequestOutcome> noPrefix = new ArrayList<>();
    Simulation.run(
        new Deployment.Aggregated(
            1, 4, 1024, capacity, TestingIterationPricer.recording(0.01, 1e-5), 1),
        spec(new Arrivals.Closed(2, 0), 2, 256, 4, 0, 1),
        noPrefix::add);
    assertThat(noPrefix)
        .extracting(RequestOutcome::ttftSeconds)
        .allSatisfy(ttft -> assertThat(ttft).isCloseTo(0.01 + 512e-5, within(1e-12)));
  }

  /**
   * A prefill pool of one rank taking one prompt per 0.1 s step, fed every 0.05 s by a trace: the
   * queue grows by one request per 0.1 s, so request k (arriving 0.05k) is prefilled at 0.1(k + 1)
   * and its first token lands after the KV transfer (100 tokens × 1 µs): TTFT = 0.1 + 0.05k +
   * 0.0001 s. The pool caps throughput at 10 requests/s; decode (one 1 ms iteration) never queues.
   */
  @Test
  void pdPrefillQueueSaturates(@TempDir Path directory) throws IOException {
    int requests = 200;
    StringBuilder trace = new StringBuilder();
    for (int k = 0; k < requests; k++) {
      trace.append(
          String.format(
              Locale.ROOT, "{\"arrival\": %s, \"input\": 100, \"output\": 2}%n", 0.05 * k));
    }
    Path file = directory.resolve("trace.jsonl");
    Files.writeString(file, trace);
    Deployment deployment =
        new Deployment.Disaggregated(
            1,
            1,
            TestingIterationPricer.constant(0.1),
            1,
            64,
            1 << 20,
            TestingIterationPricer.constant(0.001),
            1e-6,
            false,
            2,
            Speculation.NONE);
    List<RequestOutcome> outcomes = new ArrayList<>();
    SimulationResult result =
        Simulation.run(
            deployment, spec(new Arrivals.Trace(file), requests, 1, 1, 0, 1), outcomes::add);
    assertThat(outcomes).hasSize(requests);
    for (RequestOutcome outcome : outcomes) {
      assertThat(outcome.ttftSeconds())
          .as("request %d", outcome.id())
          .isCloseTo(0.1 + 0.05 * outcome.id() + 1e-4, within(1e-9));
      assertThat(outcome.tpotSeconds()).isCloseTo(0.001, within(1e-12));
    }
    assertThat(result.makespanSeconds()).isCloseTo(0.1 * requests + 1e-4 + 0.001, within(1e-9));
    assertThat(result.requestsPerSecond()).isCloseTo(10, withinPercentage(0.01));
  }

  @Test
  void sameSeedSameRunOtherSeedOtherRun() {
    Deployment deployment =
        new Deployment.Aggregated(
            2, 8, 256, 1 << 20, TestingIterationPricer.recording(0.01, 1e-5), 2);
    SimulationSpec spec =
        new SimulationSpec(
            new Arrivals.Poisson(30),
            2000,
            new LengthDistribution.LogNormal(200, 0.8),
            new LengthDistribution.Uniform(10, 50),
            100,
            0.5,
            7,
            LOOSE);
    List<RequestOutcome> first = new ArrayList<>();
    List<RequestOutcome> second = new ArrayList<>();
    List<RequestOutcome> other = new ArrayList<>();
    Simulation.run(deployment, spec, first::add);
    Simulation.run(deployment, spec, second::add);
    Simulation.run(
        deployment,
        new SimulationSpec(
            spec.arrivals(),
            spec.requests(),
            spec.inputTokens(),
            spec.outputTokens(),
            spec.prefixTokens(),
            spec.prefixHitRate(),
            8,
            LOOSE),
        other::add);
    assertThat(second).isEqualTo(first).hasSize(2000);
    assertThat(other).isNotEqualTo(first);
  }
}
