package dev.afd.examples.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afd.examples.ExampleOutput;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginsExampleTest {
  @Test
  void discoversThePluginAndExploresWithItsNpuAndStrategy() {
    List<String> lines = ExampleOutput.of(PluginsExample::main);

    assertThat(lines)
        .startsWith(
            "hardware acme: 1 accelerator, 1 system",
            "strategy hetero-afd: 3 options",
            "acme-npu: SRAM 512 MiB at 80 TB/s, HBM 32 GiB at 1.6 TB/s");
    assertThat(lines.get(3)).startsWith("hetero-afd: ").contains("tokens/s/device", "sram-share=");
    assertThat(lines.get(4)).startsWith("agg-afd: ");
  }
}
