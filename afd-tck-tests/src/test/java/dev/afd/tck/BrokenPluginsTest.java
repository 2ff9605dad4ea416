package dev.afd.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.broken.ClashingHardwareProvider;
import com.example.broken.ClashingStrategyProvider;
import com.example.broken.DefaultOnlyStrategyProvider;
import com.example.broken.NegativeBandwidthHardwareProvider;
import com.example.broken.NoMemoryCheckStrategyProvider;
import com.example.broken.SlowFp8HardwareProvider;
import com.example.broken.UnshardableStrategyProvider;
import dev.afd.api.AfdPluginException;
import dev.afd.spi.HardwareProvider;
import dev.afd.spi.StrategyProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Runs the contracts on deliberately broken plugins (issue 20's mistakes) and checks that each one
 * fails, with a message naming the plugin and the field. The built-ins are on this module's test
 * class path, as they are on a plugin author's who follows docs/plugin-authors.md.
 */
class BrokenPluginsTest {

  static final class ClashingHardwareContract extends HardwareProviderContract {
    @Override
    protected HardwareProvider createProvider() {
      return new ClashingHardwareProvider();
    }
  }

  static final class SlowFp8Contract extends HardwareProviderContract {
    @Override
    protected HardwareProvider createProvider() {
      return new SlowFp8HardwareProvider();
    }
  }

  static final class NegativeBandwidthContract extends HardwareProviderContract {
    @Override
    protected HardwareProvider createProvider() {
      return new NegativeBandwidthHardwareProvider();
    }
  }

  static final class ClashingStrategyContract extends StrategyProviderContract {
    @Override
    protected StrategyProvider createProvider() {
      return new ClashingStrategyProvider();
    }
  }

  static final class NoMemoryCheckContract extends StrategyProviderContract {
    @Override
    protected StrategyProvider createProvider() {
      return new NoMemoryCheckStrategyProvider();
    }
  }

  static final class UnshardableContract extends StrategyProviderContract {
    @Override
    protected StrategyProvider createProvider() {
      return new UnshardableStrategyProvider();
    }
  }

  static final class DefaultOnlyContract extends StrategyProviderContract {
    @Override
    protected StrategyProvider createProvider() {
      return new DefaultOnlyStrategyProvider();
    }
  }

  /** Runs {@code check} with the services files of {@code broken/<fixture>} registered. */
  private static void withPlugins(String fixture, Runnable check) throws Exception {
    URL services =
        Objects.requireNonNull(BrokenPluginsTest.class.getResource("/broken/" + fixture + "/"));
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {services}, BrokenPluginsTest.class.getClassLoader())) {
      thread.setContextClassLoader(loader);
      check.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Hides the built-in hardware module's services files, as a build without it would. */
  private static final class WithoutBuiltInHardware extends ClassLoader {
    WithoutBuiltInHardware() {
      super(BrokenPluginsTest.class.getClassLoader());
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      List<URL> kept = new ArrayList<>();
      for (URL url : Collections.list(super.getResources(name))) {
        if (!url.toString().contains("afd-hardware")) {
          kept.add(url);
        }
      }
      return Collections.enumeration(kept);
    }
  }

  @Test
  void aBuildWithoutTheBuiltInsFailsNamingTheArtifactToAdd() {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(new WithoutBuiltInHardware());
    try {
      assertThatThrownBy(() -> new ClashingHardwareContract().isDiscoverableAlongsideOtherPlugins())
          .isInstanceOf(AssertionError.class)
          .hasMessageStartingWith(
              "[built-in hardware providers (package dev.afd.plugin.*) on the test class path, to"
                  + " check 'example-clash' against: add dev.afd:afd-hardware at test scope"
                  + " (dev.afd:afd-plugin-parent does)]");
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Test
  void anAcceleratorIdOfABuiltInFailsDiscovery() {
    assertThatThrownBy(
            () ->
                withPlugins(
                    "clash-hardware",
                    () -> new ClashingHardwareContract().isDiscoverableAlongsideOtherPlugins()))
        .isInstanceOf(AfdPluginException.class)
        .hasMessageContaining("Duplicate accelerator id 'nvidia-b200':")
        .hasMessageContaining("com.example.broken.ClashingHardwareProvider")
        .hasMessageContaining("dev.afd.plugin.hardware.nvidia.");
  }

  @Test
  void aStrategyIdOfABuiltInFailsDiscovery() {
    assertThatThrownBy(
            () ->
                withPlugins(
                    "clash-strategy",
                    () -> new ClashingStrategyContract().isDiscoverableAlongsideOtherPlugins()))
        .isInstanceOf(AfdPluginException.class)
        .hasMessageContaining("Duplicate strategy provider id 'agg':")
        .hasMessageContaining("com.example.broken.ClashingStrategyProvider")
        .hasMessageContaining("dev.afd.plugin.strategies.agg.AggStrategyProvider");
  }

  @Test
  void aProviderRegisteredNowhereFailsRegistration() {
    assertThatThrownBy(() -> new SlowFp8Contract().isRegisteredForServiceLoader())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "[com.example.broken.SlowFp8HardwareProvider must be registered in"
                + " META-INF/services/dev.afd.spi.HardwareProvider; annotate it with"
                + " @AutoService(HardwareProvider.class)");
  }

  @Test
  void anFp8Rate1000TimesTooLowFailsNamingAcceleratorAndField() {
    assertThatThrownBy(() -> new SlowFp8Contract().describesPhysicallyPlausibleAccelerators())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "[accelerator 'example-slow-fp8-npu' denseFlopRates[FP8] 800 GFLOP/s: ridge point over"
                + " memoryBandwidth 1.6 TB/s, in FLOP/B]");
  }

  @Test
  void anFp8RateBelowBf16FailsTheOrdering() {
    // The ridge check comes first in the contract; the ordering is checked on its own here.
    assertThatThrownBy(
            () ->
                HardwareProviderContract.assertPrecisionOrder(
                    new SlowFp8HardwareProvider().accelerators().get(0)))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "[accelerator 'example-slow-fp8-npu' denseFlopRates[FP8] 800 GFLOP/s must be at least"
                + " denseFlopRates[BF16] 400 TFLOP/s]");
  }

  @Test
  void aNegativeBandwidthNamesTheProviderAndTheLineInEveryTest() {
    NegativeBandwidthContract contract = new NegativeBandwidthContract();
    String expected =
        "Hardware provider could not be created by createProvider():"
            + " java.lang.IllegalArgumentException: bytesPerSecond must be finite and >= 0, got"
            + " '-1.6E12' (at com.example.broken.NegativeBandwidthHardwareProvider.<clinit>(";
    assertThatThrownBy(contract::hasValidId)
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(expected);
    assertThatThrownBy(contract::describesPhysicallyPlausibleAccelerators)
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(expected);
  }

  @Test
  void aStrategyWithoutAMemoryCheckFailsWhereTheModelCannotFit() {
    assertThatThrownBy(
            () -> new NoMemoryCheckContract().reportsNothingFeasibleWhereTheModelCannotFit())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "[strategy 'example-no-memory-check' reported {tp=1, ep=1, batch=8} feasible on devices"
                + " of 1 MiB, where model 'tiny-moe' cannot fit (does the strategy check memory?)]");
  }

  @Test
  void aLayoutTheModelCannotShardFails() {
    assertThatThrownBy(
            () -> new UnshardableContract().feasibleResultsFitInMemoryAndObeyLittlesLaw())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "[strategy 'example-tp3' with default options, feasible result {tp=3, ep=1, batch=8}"
                + " (the explorer would turn it infeasible)]")
        .hasMessageContaining(
            "strategy 'example-tp3' reported this result feasible, but model 'tiny-moe' cannot be"
                + " sharded as tp=3 ep=1: 8 attention heads are not divisible by attention TP 3");
  }

  @Test
  void aStrategyThatOnlyWorksWithItsDefaultsFailsNamingTheOption() {
    assertThatThrownBy(
            () -> new DefaultOnlyContract().createsAndEvaluatesWithEachOptionAtAnotherValue())
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith(
            "strategy 'example-default-only' failed in create() with option batch=8:"
                + " java.lang.IndexOutOfBoundsException: ")
        // The JDK words the index message; the line of plugin code that threw is ours.
        .hasMessageContaining("(at com.example.broken.DefaultOnlyStrategyProvider.create(");
  }

  @Test
  void theWellBehavedFixedLayoutPassesWhatTheBrokenOnesFail() {
    // The control: the same fixed strategy with a layout the model takes and a memory check.
    ClashingStrategyContract control = new ClashingStrategyContract();
    control.feasibleResultsFitInMemoryAndObeyLittlesLaw();
    control.reportsNothingFeasibleWhereTheModelCannotFit();
    control.createsAndEvaluatesWithEachOptionAtAnotherValue();
    assertThat(new ClashingHardwareProvider().accelerators()).hasSize(1);
    new ClashingHardwareContract().describesPhysicallyPlausibleAccelerators();
  }
}
