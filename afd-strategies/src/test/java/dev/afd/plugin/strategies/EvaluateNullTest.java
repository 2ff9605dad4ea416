package dev.afd.plugin.strategies;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.afd.plugin.strategies.afd.AggAfdStrategyProvider;
import dev.afd.plugin.strategies.afd.PdAfdStrategyProvider;
import dev.afd.plugin.strategies.agg.AggStrategyProvider;
import dev.afd.plugin.strategies.pd.PdStrategyProvider;
import dev.afd.spi.StrategyProvider;
import dev.afd.tck.TestingStrategyContext;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code evaluate(null)} names its parameter instead of failing deep inside with JVM text. */
class EvaluateNullTest {
  static Stream<Arguments> strategies() {
    return Stream.of(
        argumentSet("agg", new AggStrategyProvider()),
        argumentSet("pd", new PdStrategyProvider()),
        argumentSet("agg-afd", new AggAfdStrategyProvider()),
        argumentSet("pd-afd", new PdAfdStrategyProvider()));
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void rejectsANullCandidateByName(StrategyProvider provider) {
    assertThatThrownBy(
            () ->
                provider
                    .create(TestingStrategyContext.builder(provider, Map.of()).build())
                    .evaluate(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("candidate");
  }
}
