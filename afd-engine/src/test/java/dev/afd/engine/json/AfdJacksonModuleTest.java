package dev.afd.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.afd.api.unit.ByteRate;
import dev.afd.api.unit.DataSize;
import dev.afd.api.unit.FlopCount;
import dev.afd.api.unit.FlopRate;
import dev.afd.api.unit.Precision;
import dev.afd.api.unit.TimeSpan;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AfdJacksonModuleTest {
  private final ObjectMapper mapper = new ObjectMapper().registerModule(new AfdJacksonModule());

  record Sample(
      DataSize memory,
      ByteRate bandwidth,
      FlopRate peak,
      FlopCount work,
      TimeSpan latency,
      Precision precision,
      Map<Precision, FlopRate> rates) {}

  private static Sample sample() {
    Map<Precision, FlopRate> rates = new EnumMap<>(Precision.class);
    rates.put(Precision.BF16, FlopRate.parse("989 TFLOP/s"));
    rates.put(Precision.FP8_BLOCK, FlopRate.parse("1979 TFLOP/s"));
    return new Sample(
        DataSize.parse("141 GiB"),
        ByteRate.parse("4.8 TB/s"),
        FlopRate.parse("989 TFLOP/s"),
        FlopCount.parse("2.25 PFLOP"),
        TimeSpan.parse("3 us"),
        Precision.FP8_BLOCK,
        rates);
  }

  @Test
  void writesCanonicalStrings() throws Exception {
    assertThat(mapper.writeValueAsString(sample()))
        .isEqualTo(
            "{\"memory\":\"141 GiB\",\"bandwidth\":\"4.8 TB/s\",\"peak\":\"989 TFLOP/s\","
                + "\"work\":\"2.25 PFLOP\",\"latency\":\"3 us\",\"precision\":\"fp8-block\","
                + "\"rates\":{\"bf16\":\"989 TFLOP/s\",\"fp8-block\":\"1.979 PFLOP/s\"}}");
  }

  @Test
  void readsThemBack() throws Exception {
    Sample sample = sample();
    assertThat(mapper.readValue(mapper.writeValueAsString(sample), Sample.class)).isEqualTo(sample);
  }

  @Test
  void reportsTheParserMessage() {
    assertThatThrownBy(() -> mapper.readValue("\"80 GB\"", ByteRate.class))
        .isInstanceOf(InvalidFormatException.class)
        .hasMessageContaining(
            "Cannot parse byte rate '80 GB': 'GB' is a unit of data size, not of byte rate");
  }
}
