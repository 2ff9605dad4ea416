package dev.afd.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.afd.api.cost.OperatorTime;
import dev.afd.api.hardware.AcceleratorSpec;
import dev.afd.api.internal.Checks;
import dev.afd.api.model.Block;
import dev.afd.api.model.LayerGroup;
import dev.afd.api.model.MoeModelSpec;
import dev.afd.api.model.Sharding;
import dev.afd.api.model.StepShape;
import dev.afd.api.operator.CollectiveOperator;
import dev.afd.api.operator.Operator;
import dev.afd.api.unit.DataSize;
import dev.afd.engine.cost.RooflineCostModel;
import dev.afd.spi.ModelProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ModelProvider} must meet, including custom block types (a {@link Block}
 * implementation outside {@code dev.afd.api.model.block}): each block emits finite, non-negative
 * operators for prefill and decode steps, unsharded and sharded, and the engine's {@link
 * RooflineCostModel} prices every operator it emits. Extend it and implement {@link
 * #createProvider()}.
 *
 * @since 0.1
 */
public abstract class ModelProviderContract {

  /** Creates the contract; subclasses are JUnit test classes. */
  protected ModelProviderContract() {}

  /** {@return a new instance of the provider under test} */
  protected abstract ModelProvider createProvider();

  /** {@return the provider, or a failure naming the cause and the line that threw} */
  private ModelProvider provider() {
    return TckFailures.create(getClass(), "Model provider", this::createProvider);
  }

  @Test
  void isRegisteredForServiceLoader() {
    PluginTestKit.assertRegistered(ModelProvider.class, provider().getClass());
  }

  @Test
  void isDiscoverableAlongsideOtherPlugins() {
    PluginTestKit.assertDiscoverable("model", provider().id());
  }

  @Test
  void hasValidId() {
    assertThat(Checks.isValidId(provider().id())).isTrue();
  }

  @Test
  void returnsModelsWithUniqueIdsEveryTime() {
    ModelProvider provider = provider();
    List<MoeModelSpec> models = provider.models();
    assertThat(models).isNotEmpty().doesNotContainNull();
    assertThat(models).extracting(MoeModelSpec::id).doesNotHaveDuplicates();
    assertThat(provider().models()).isEqualTo(models);
    assertThatThrownBy(() -> provider.models().clear())
        .as("models() must be unmodifiable")
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void accountsParametersConsistently() {
    for (MoeModelSpec model : provider().models()) {
      assertThat(model.totalParameters()).as("total parameters of %s", model.id()).isPositive();
      assertThat(model.activeParameters())
          .as("active parameters of %s", model.id())
          .isPositive()
          .isLessThanOrEqualTo(model.totalParameters());
      assertThat(model.kvBytesPerToken()).as("KV bytes of %s", model.id()).isNotNegative();
    }
  }

  /** Unsharded, and a sharding with every degree above one and imbalanced experts. */
  private static final List<Sharding> SHARDINGS =
      List.of(Sharding.single(), new Sharding(2, 2, 2, 4, 1.3));

  private static final List<StepShape> SHAPES =
      List.of(StepShape.prefill(2, 128, 512), StepShape.decode(16, 4096));

  private static List<Block> blocks(MoeModelSpec model) {
    List<Block> blocks = new ArrayList<>(model.edges());
    for (LayerGroup group : model.layers()) {
      blocks.addAll(group.blocks());
    }
    for (LayerGroup group : model.nextTokenPredictionLayers()) {
      blocks.addAll(group.blocks());
    }
    return blocks;
  }

  private static List<Operator> emit(Block block, StepShape shape, Sharding sharding) {
    List<Operator> operators = new ArrayList<>();
    block.emit(shape, sharding, (group, operator) -> operators.add(operator));
    return operators;
  }

  @Test
  void everyBlockEmitsFiniteOperatorsForPrefillAndDecode() {
    for (MoeModelSpec model : provider().models()) {
      for (Block block : blocks(model)) {
        for (Sharding sharding : SHARDINGS) {
          for (StepShape shape : SHAPES) {
            for (Operator operator : emit(block, shape, sharding)) {
              assertThat(operator.flops())
                  .as(
                      "%s %s %s FLOPs under %s",
                      model.id(), block.kind(), operator.name(), sharding)
                  .isFinite()
                  .isNotNegative();
              assertThat(operator.memoryBytes())
                  .as(
                      "%s %s %s bytes under %s",
                      model.id(), block.kind(), operator.name(), sharding)
                  .isFinite()
                  .isNotNegative();
            }
          }
        }
      }
    }
  }

  /**
   * Every operator a block emits, custom blocks included, is one the engine can price: compute
   * operators through the roofline, collectives with a positive group size (a network model prices
   * those).
   */
  @Test
  void everyBlockIsPricedByTheEngineRoofline() {
    RooflineCostModel roofline = new RooflineCostModel();
    AcceleratorSpec accelerator = TestingAccelerators.gpu(DataSize.ofGigabytes(80));
    for (MoeModelSpec model : provider().models()) {
      for (Block block : blocks(model)) {
        for (Sharding sharding : SHARDINGS) {
          for (StepShape shape : SHAPES) {
            for (Operator operator : emit(block, shape, sharding)) {
              String subject =
                  String.format(
                      java.util.Locale.ROOT,
                      "%s block '%s' (%s) operator '%s' under %s",
                      model.id(),
                      block.kind(),
                      block.getClass().getName(),
                      operator.name(),
                      sharding);
              if (operator instanceof CollectiveOperator collective) {
                assertThat(collective.bytes()).as("bytes of " + subject).isFinite();
                continue;
              }
              OperatorTime time = roofline.time(operator, accelerator);
              assertThat(time.seconds())
                  .as("roofline seconds of " + subject)
                  .isFinite()
                  .isNotNegative();
            }
          }
        }
      }
    }
  }
}
