package dev.afd.api.model.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.afd.api.operator.Operator;
import dev.afd.api.operator.OperatorGroup;
import dev.afd.api.operator.OperatorSink;
import java.util.ArrayList;
import java.util.List;

/** Records emitted operators for assertions. */
final class RecordingSink implements OperatorSink {
  record Entry(OperatorGroup group, Operator operator) {}

  final List<Entry> entries = new ArrayList<>();

  @Override
  public void accept(OperatorGroup group, Operator operator) {
    entries.add(new Entry(group, operator));
  }

  List<Operator> named(String name) {
    return entries.stream()
        .map(Entry::operator)
        .filter(operator -> operator.name().equals(name))
        .toList();
  }

  <T extends Operator> T single(String name, Class<T> type) {
    List<Operator> matches = named(name);
    assertThat(matches).as("operators named %s", name).hasSize(1);
    return type.cast(matches.get(0));
  }

  OperatorGroup groupOf(String name) {
    return entries.stream()
        .filter(entry -> entry.operator().name().equals(name))
        .findFirst()
        .orElseThrow()
        .group();
  }

  List<String> names() {
    return entries.stream().map(entry -> entry.operator().name()).toList();
  }

  double flops() {
    return entries.stream().mapToDouble(entry -> entry.operator().flops()).sum();
  }

  static void assertClose(double actual, double expected) {
    assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * 1e-12));
  }
}
