package dev.afd.api.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.AfdConfigurationException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitParsingTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "141 GiB, 151397597184",
    "80 GB, 80000000000",
    "1.5 kB, 1500",
    "192 MiB, 201326592",
    "0 B, 0",
    "2.5 TB, 2500000000000"
  })
  void parsesDataSizes(String text, long bytes) {
    assertThat(DataSize.parse(text).bytes()).isEqualTo(bytes);
  }

  @Test
  void distinguishesGigabytesFromGibibytes() {
    assertThat(DataSize.parse("1 GB").bytes()).isEqualTo(1_000_000_000L);
    assertThat(DataSize.parse("1 GiB").bytes()).isEqualTo(1L << 30);
    assertThat(DataSize.ofGibibytes(80)).isNotEqualTo(DataSize.ofGigabytes(80));
  }

  @Test
  void distinguishesGigabitsFromGigabytesPerSecond() {
    assertThat(ByteRate.parse("400 Gbit/s").bytesPerSecond()).isEqualTo(50e9);
    assertThat(ByteRate.parse("400 GB/s").bytesPerSecond()).isEqualTo(400e9);
    assertThat(ByteRate.parse("400 Gbit/s")).isEqualTo(ByteRate.ofGigabitsPerSecond(400));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"141 GiB", "80 GB", "1500 B", "123456789 B", "1.5 kB", "0 B", "8 EiB"})
  void dataSizeRoundTrips(String text) {
    if (text.equals("8 EiB")) {
      assertThatThrownBy(() -> DataSize.parse(text)).isInstanceOf(AfdConfigurationException.class);
      return;
    }
    DataSize size = DataSize.parse(text);
    assertThat(DataSize.parse(size.toString())).isEqualTo(size);
  }

  @Test
  void formatsCanonically() {
    assertThat(DataSize.ofGibibytes(141)).hasToString("141 GiB");
    assertThat(DataSize.ofGigabytes(80)).hasToString("80 GB");
    assertThat(ByteRate.ofTerabytesPerSecond(3.35)).hasToString("3.35 TB/s");
    assertThat(ByteRate.ofGigabitsPerSecond(400)).hasToString("50 GB/s");
    assertThat(FlopRate.ofTeraflopsPerSecond(989)).hasToString("989 TFLOP/s");
    assertThat(FlopRate.parse("2.25 PFLOP/s")).hasToString("2.25 PFLOP/s");
    assertThat(TimeSpan.ofMillis(50)).hasToString("50 ms");
    assertThat(TimeSpan.ofMicros(3)).hasToString("3 us");
    assertThat(TimeSpan.ZERO).hasToString("0 s");
    assertThat(FlopCount.of(2e12)).hasToString("2 TFLOP");
  }

  @Test
  void everyTypeRoundTripsThroughItsText() {
    double[] values = {0, 1, 3.35e12, 1.0 / 3, 989e12, 123.456e-9, 7e-4, 4.8e12, 1e18};
    for (double value : values) {
      ByteRate rate = new ByteRate(value);
      assertThat(ByteRate.parse(rate.toString())).isEqualTo(rate);
      FlopRate flopRate = new FlopRate(value);
      assertThat(FlopRate.parse(flopRate.toString())).isEqualTo(flopRate);
      FlopCount count = new FlopCount(value);
      assertThat(FlopCount.parse(count.toString())).isEqualTo(count);
      TimeSpan time = new TimeSpan(value);
      assertThat(TimeSpan.parse(time.toString())).isEqualTo(time);
    }
  }

  @Test
  void roundTripsUnderCommaDecimalLocale() {
    Locale previous = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      assertThat(ByteRate.ofTerabytesPerSecond(4.8)).hasToString("4.8 TB/s");
      assertThat(TimeSpan.parse("1.5 ms").seconds()).isEqualTo(0.0015);
    } finally {
      Locale.setDefault(previous);
    }
  }

  @Test
  void rejectsAmbiguousSizeUnit() {
    assertThatThrownBy(() -> DataSize.parse("80 G"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Cannot parse data size '80 G': unit 'G' is ambiguous; use 'GB' (decimal) or 'GiB'"
                + " (binary); expected one of B, kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB");
  }

  @Test
  void rejectsBitUnitForSize() {
    assertThatThrownBy(() -> DataSize.parse("80 Gb"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Cannot parse data size '80 Gb': unit 'Gb' means bits; write 'Gbit/s' for a rate or"
                + " 'GB' for bytes; expected one of B, kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB");
  }

  @Test
  void rejectsNegativeSize() {
    assertThatThrownBy(() -> DataSize.parse("-1 GB"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("Cannot parse data size '-1 GB': the value must not be negative");
  }

  @Test
  void rejectsNotANumber() {
    assertThatThrownBy(() -> TimeSpan.parse("NaN ms"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Cannot parse time span 'NaN ms': expected a non-negative number followed by a unit"
                + " (ns, us, ms, s)");
  }

  @Test
  void rejectsOverflow() {
    assertThatThrownBy(() -> DataSize.parse("9000 PiB"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("Cannot parse data size '9000 PiB': the value is too large");
    assertThatThrownBy(() -> TimeSpan.parse("1e400 s"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("Cannot parse time span '1e400 s': the value is too large");
  }

  @Test
  void rejectsBandwidthWhereSizeIsExpected() {
    assertThatThrownBy(() -> DataSize.parse("4.8 TB/s"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Cannot parse data size '4.8 TB/s': 'TB/s' is a unit of byte rate, not of data size;"
                + " expected one of B, kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB");
  }

  @Test
  void rejectsSizeWhereBandwidthIsExpected() {
    assertThatThrownBy(() -> ByteRate.parse("80 GB"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessageStartingWith(
            "Cannot parse byte rate '80 GB': 'GB' is a unit of data size, not of byte rate;");
  }

  @Test
  void rejectsMissingUnit() {
    assertThatThrownBy(() -> TimeSpan.parse("50"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage("Cannot parse time span '50': a unit is required (ns, us, ms, s)");
  }

  @Test
  void countsPrecisionInBits() {
    assertThat(Precision.BF16.sizeOf(1000).bytes()).isEqualTo(2000);
    assertThat(Precision.FP8.sizeOf(1000).bytes()).isEqualTo(1000);
    // NVFP4: 16 four-bit elements plus one FP8 scale = 72 bits = 9 bytes per 16 elements.
    assertThat(Precision.NVFP4.sizeOf(16).bytes()).isEqualTo(9);
    // MXFP4: 32 elements plus one E8M0 scale = 136 bits = 17 bytes.
    assertThat(Precision.MXFP4.sizeOf(32).bytes()).isEqualTo(17);
    assertThat(Precision.INT4.sizeOf(3).bytes()).isEqualTo(2);
    assertThat(Precision.parse("fp8-block")).isEqualTo(Precision.FP8_BLOCK);
    assertThatThrownBy(() -> Precision.parse("fp6"))
        .isInstanceOf(AfdConfigurationException.class)
        .hasMessage(
            "Unknown precision 'fp6'. Known precisions: [bf16, fp16, fp32, fp8, fp8-block, int4,"
                + " int8, mxfp4, nvfp4]");
  }
}
