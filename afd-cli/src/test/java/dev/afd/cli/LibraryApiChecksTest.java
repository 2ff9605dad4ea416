package dev.afd.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.afd.api.hardware.ClusterSpec;
import dev.afd.api.strategy.WorkloadSpec;
import dev.afd.engine.AfdEngine;
import dev.afd.engine.cost.KernelCostModels;
import dev.afd.engine.explore.Explorer;
import dev.afd.engine.explore.OutcomeAccumulator;
import dev.afd.engine.explore.StrategyRun;
import dev.afd.engine.network.AnalyticalNetworkModel;
import dev.afd.spi.StrategyOptions;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The library entry points reject null and out-of-range arguments with an explicit message that
 * names the parameter (and the limit), never with the JVM's own NullPointerException text or a
 * silent overflow.
 */
class LibraryApiChecksTest {
  private static final AfdEngine ENGINE = AfdEngine.builder().discoverPlugins().build();

  static Stream<Arguments> badCalls() {
    return Stream.of(
        argumentSet(
            "ClusterSpec.of(null)",
            (ThrowingCallable) () -> ClusterSpec.of(null),
            NullPointerException.class,
            "system"),
        argumentSet(
            "Explorer.explore(null, ...)",
            (ThrowingCallable) () -> explorer().explore(null, List.of(), result -> {}),
            NullPointerException.class,
            "scenario"),
        argumentSet(
            "Explorer.exploreRange(null, ...)",
            (ThrowingCallable)
                () -> explorer().exploreRange(null, StrategyRun.of("agg"), 0, 1, result -> {}),
            NullPointerException.class,
            "scenario"),
        argumentSet(
            "Explorer.candidateCount(null, ...)",
            (ThrowingCallable) () -> explorer().candidateCount(null, StrategyRun.of("agg")),
            NullPointerException.class,
            "scenario"),
        argumentSet(
            "new OutcomeAccumulator(null, slo)",
            (ThrowingCallable) () -> new OutcomeAccumulator(null, null),
            NullPointerException.class,
            "strategyId"),
        argumentSet(
            "AfdEngine.Builder.modelFiles(null)",
            (ThrowingCallable) () -> AfdEngine.builder().modelFiles(null),
            NullPointerException.class,
            "files"),
        argumentSet(
            "AfdEngine.Builder.hardwareFiles(null)",
            (ThrowingCallable) () -> AfdEngine.builder().hardwareFiles(null),
            NullPointerException.class,
            "files"),
        argumentSet(
            "AfdEngine.Builder.pluginPath(null)",
            (ThrowingCallable) () -> AfdEngine.builder().pluginPath(null),
            NullPointerException.class,
            "paths"),
        argumentSet(
            "new StrategyRun(id, null options)",
            (ThrowingCallable) () -> new StrategyRun("agg", null),
            NullPointerException.class,
            "options"),
        argumentSet(
            "StrategyOptions.parse(id, declared, null)",
            (ThrowingCallable) () -> StrategyOptions.parse("agg", List.of(), null),
            NullPointerException.class,
            "raw"),
        argumentSet(
            "withDeviceCount(Integer.MAX_VALUE)",
            (ThrowingCallable) () -> ENGINE.system("h200-nvl8").withDeviceCount(Integer.MAX_VALUE),
            IllegalArgumentException.class,
            "devices must be at most 131072 (SystemSpec.MAX_DEVICES), got '2147483647'"),
        argumentSet(
            "Explorer.Builder.threads(100000)",
            (ThrowingCallable) () -> Explorer.builder().threads(100_000),
            IllegalArgumentException.class,
            "threads must be between 1 and 1024 (Explorer.MAX_THREADS), got '100000'"),
        argumentSet(
            "a workload whose final context overflows a long",
            (ThrowingCallable) () -> new WorkloadSpec("w", Long.MAX_VALUE, Long.MAX_VALUE, 1),
            IllegalArgumentException.class,
            "workload 'w': prefixTokens + inputTokens + outputTokens must be at most 1073741824"
                + " (WorkloadSpec.MAX_CONTEXT_TOKENS), got '9223372036854775807 +"
                + " 9223372036854775807 + 1'"));
  }

  @ParameterizedTest
  @MethodSource("badCalls")
  void rejectsWithAMessageNamingTheParameter(
      ThrowingCallable call, Class<? extends Throwable> type, String message) {
    assertThatThrownBy(call).isInstanceOf(type).hasMessage(message);
  }

  private static Explorer explorer() {
    return Explorer.builder()
        .engine(ENGINE)
        .kernelCostModel(KernelCostModels.roofline())
        .networkModels(AnalyticalNetworkModel::new)
        .build();
  }
}
