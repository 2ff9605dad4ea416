package dev.afd.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.engine.report.SvgScatterChart.Axis;
import dev.afd.engine.report.SvgScatterChart.Point;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgScatterChartTest {
  @Test
  void predictedAgainstMeasuredOnLogAxes() {
    String svg =
        SvgScatterChart.builder()
            .id("validation")
            .title("Predicted vs measured <GEMM>")
            .xAxis(Axis.log("measured (ms)"))
            .yAxis(Axis.log("predicted (ms)"))
            .series(
                "gemm",
                List.of(Point.of(0.02, 0.025), Point.of(0.5, 0.45), new Point(3, 3.3, "big", true)),
                false)
            .series("skipped", List.of(Point.of(0, 1), Point.of(-1, 2)), false)
            .identityLine("y = x")
            .build()
            .svg();

    assertThat(svg)
        .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart scatter\"")
        .endsWith("</svg>\n")
        .contains("Predicted vs measured &lt;GEMM&gt;")
        .contains("measured (ms) (log scale)")
        .contains(">0.01</text>", ">0.1</text>", ">1</text>", ">10</text>")
        .contains("<title>big</title>")
        .contains("<title>y = x</title>")
        .doesNotContain("<polyline");
    // Only the three positive points are drawn; non-positive ones cannot sit on a log axis.
    assertThat(count(svg, "<circle cx=")).isEqualTo(3 + 1);
  }

  @Test
  void linearAxesStartAtZeroWithNiceTicksWhateverTheLocale() {
    String svg =
        SvgScatterChart.builder()
            .xAxis(Axis.linear("tokens/s/user"))
            .yAxis(Axis.linear("tokens/s/GPU"))
            .series("agg", List.of(Point.of(25, 900), Point.of(80, 350)), true)
            .verticalLine(1 / 0.015, "TPOT SLO")
            .build()
            .svg();

    assertThat(svg)
        .contains("<polyline")
        .contains(">0</text>", ">20</text>", ">80</text>", ">200</text>", ">1000</text>")
        .doesNotContainPattern("\\d,\\d\\d?\"");
  }

  @Test
  void everyLineStaysInsideTheChart() {
    String svg =
        SvgScatterChart.builder()
            .size(500, 300)
            .series("agg", List.of(Point.of(25, 900), Point.of(80, 350)), true)
            .verticalLine(66.7, "TPOT SLO")
            .horizontalLine(500, "target")
            .build()
            .svg();

    Matcher coordinates = Pattern.compile(" (x[12]?|y[12]?|cx|cy)=\"(-?[0-9.]+)\"").matcher(svg);
    int checked = 0;
    while (coordinates.find()) {
      double value = Double.parseDouble(coordinates.group(2));
      double limit = coordinates.group(1).contains("x") ? 500 : 300;
      assertThat(value).as(coordinates.group()).isBetween(0.0, limit);
      checked++;
    }
    assertThat(checked).isGreaterThan(50);
  }

  @Test
  void emptyChartSaysSo() {
    String svg = SvgScatterChart.builder().series("none", List.of(), true).build().svg();

    assertThat(svg).contains(">no points</text>");
  }

  @Test
  void rangesAreValidated() {
    assertThatThrownBy(() -> Axis.log("x").withRange(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("log axis 'x' needs a positive range, got 0.0 and 10.0");
  }

  @Test
  void largeTicksUseThousandsOnlyWhenEveryLabelIsRound() {
    String round =
        SvgScatterChart.builder()
            .series("a", List.of(Point.of(1, 0), Point.of(2, 40000)), false)
            .build()
            .svg();
    String mixed =
        SvgScatterChart.builder()
            .series("a", List.of(Point.of(1, 0), Point.of(2, 12000)), false)
            .build()
            .svg();

    assertThat(round).contains(">10k</text>", ">40k</text>");
    assertThat(mixed).contains(">2500</text>", ">10000</text>", ">12500</text>");
  }

  @Test
  void numbersAreLocaleIndependentAndNeverNegativeZero() {
    assertThat(SvgText.number(0.25, 2)).isEqualTo("0.25");
    assertThat(SvgText.number(-0.0, 1)).isEqualTo("0.0");
    assertThat(SvgText.number(-0.01, 1)).isEqualTo("0.0");
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + 1)) {
      count++;
    }
    return count;
  }
}
