package dev.afd.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImmutableOrderedMapTest {
  @Test
  void copyKeepsIterationOrderAndEqualsOtherMaps() {
    Map<String, String> source = new LinkedHashMap<>();
    source.put("tp", "4");
    source.put("dp", "32");
    source.put("batch", "8");

    ImmutableOrderedMap<String, String> copy = ImmutableOrderedMap.copyOf(source);
    source.put("chunk", "512");

    assertThat(copy)
        .containsExactly(Map.entry("tp", "4"), Map.entry("dp", "32"), Map.entry("batch", "8"));
    assertThat(copy.get("dp")).isEqualTo("32");
    assertThat(copy.get("chunk")).isNull();
    assertThat(copy).isEqualTo(Map.of("batch", "8", "dp", "32", "tp", "4"));
    assertThat(copy.hashCode()).isEqualTo(new HashMap<>(copy).hashCode());
    assertThat(copy.toString()).isEqualTo("{tp=4, dp=32, batch=8}");
  }

  @Test
  void copyOfAnImmutableOrderedMapIsTheSameInstance() {
    ImmutableOrderedMap<String, Integer> map =
        ImmutableOrderedMap.<String, Integer>builder(1).put("ffn", 64).build();

    assertThat(ImmutableOrderedMap.copyOf(map)).isSameAs(map);
  }

  @Test
  void builderReplacesLikeLinkedHashMap() {
    ImmutableOrderedMap<String, String> map =
        ImmutableOrderedMap.<String, String>builder(2)
            .put("a", "1")
            .put("b", "2")
            .put("a", "3")
            .put("c", "4")
            .build();

    assertThat(map).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"), Map.entry("c", "4"));
  }

  @Test
  void builtMapsDoNotChangeWhenTheBuilderGoesOn() {
    ImmutableOrderedMap.Builder<String, String> builder =
        ImmutableOrderedMap.<String, String>builder(2).put("a", "1").put("b", "2");
    ImmutableOrderedMap<String, String> first = builder.build();
    builder.put("b", "changed");
    ImmutableOrderedMap<String, String> second = builder.put("c", "3").build();
    ImmutableOrderedMap<String, String> appended =
        ImmutableOrderedMap.<String, String>builder(4).putAll(second).put("d", "4").build();

    assertThat(first).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(second)
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "changed"), Map.entry("c", "3"));
    assertThat(appended).hasSize(4).containsEntry("d", "4").containsEntry("b", "changed");
  }

  @Test
  void isImmutable() {
    ImmutableOrderedMap<String, String> map =
        ImmutableOrderedMap.<String, String>builder(1).put("a", "1").build();

    assertThatThrownBy(() -> map.put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(map).containsExactly(Map.entry("a", "1"));
  }

  @Test
  void rejectsNulls() {
    Map<String, String> withNull = new LinkedHashMap<>();
    withNull.put("a", null);

    assertThatThrownBy(() -> ImmutableOrderedMap.copyOf(withNull))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value");
  }
}
