package dev.afd.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.internal.Checks;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.Operator;
import dev.afd.spi.ModelProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ModelProvider} must meet, including custom block types: each block
 * emits finite, non-negative operators for prefill and decode steps.
 *
 * @since 0.1
 */
public abstract class ModelProviderContract {

  /** Creates the contract; subclasses are JUnit test classes. */
  protected ModelProviderContract() {}

  /** {@return a new instance of the provider under test} */
  protected abstract ModelProvider createProvider();

  @Test
  void isRegisteredForServiceLoader() {
    PluginTestKit.assertRegistered(ModelProvider.class, createProvider().getClass());
  }

  @Test
  void isDiscoverableAlongsideOtherPlugins() {
    PluginTestKit.assertDiscoverable("model", createProvider().id());
  }

  @Test
  void hasValidId() {
    assertThat(Checks.isValidId(createProvider().id())).isTrue();
  }

  @Test
  void returnsModelsWithUniqueIdsEveryTime() {
    ModelProvider provider = createProvider();
    List<MoeModelSpec> models = provider.models();
    assertThat(models).isNotEmpty().doesNotContainNull();
    assertThat(models).extracting(MoeModelSpec::id).doesNotHaveDuplicates();
    assertThat(createProvider().models()).isEqualTo(models);
    assertThatThrownBy(() -> provider.models().clear())
        .as("models() must be unmodifiable")
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void accountsParametersConsistently() {
    for (MoeModelSpec model : createProvider().models()) {
      assertThat(model.totalParameters()).as("total parameters of %s", model.id()).isPositive();
      assertThat(model.activeParameters())
          .as("active parameters of %s", model.id())
          .isPositive()
          .isLessThanOrEqualTo(model.totalParameters());
      assertThat(model.kvBytesPerToken()).as("KV bytes of %s", model.id()).isNotNegative();
    }
  }

  @Test
  void everyBlockEmitsFiniteOperatorsForPrefillAndDecode() {
    for (MoeModelSpec model : createProvider().models()) {
      List<Block> blocks = new ArrayList<>(model.edges());
      for (LayerGroup group : model.layers()) {
        blocks.addAll(group.blocks());
      }
      for (Block block : blocks) {
        for (StepShape shape :
            List.of(StepShape.prefill(2, 128, 512), StepShape.decode(16, 4096))) {
          List<Operator> operators = new ArrayList<>();
          block.emit(shape, Sharding.single(), (group, operator) -> operators.add(operator));
          for (Operator operator : operators) {
            assertThat(operator.flops())
                .as("%s %s %s FLOPs", model.id(), block.kind(), operator.name())
                .isFinite()
                .isNotNegative();
            assertThat(operator.memoryBytes())
                .as("%s %s %s bytes", model.id(), block.kind(), operator.name())
                .isFinite()
                .isNotNegative();
          }
        }
      }
    }
  }
}
