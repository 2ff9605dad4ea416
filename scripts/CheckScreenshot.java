import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Checks that a report screenshot is not blank and shows the Pareto charts: enough distinct
 * colours, enough non-white pixels, and pixels of the first two series colours.
 *
 * <p>Usage: {@code java scripts/CheckScreenshot.java OUT.png}; exits 1 when a check fails.
 */
public final class CheckScreenshot {
  /** The first two SvgScatterChart.PALETTE colours, which the first two strategies use. */
  private static final List<Integer> SERIES_COLORS = List.of(0x0072B2, 0xD55E00);

  private CheckScreenshot() {}

  public static void main(String[] arguments) throws IOException {
    BufferedImage image = ImageIO.read(new File(arguments[0]));
    if (image == null) {
      fail("'" + arguments[0] + "' is not a readable image");
    }
    Set<Integer> colors = new HashSet<>();
    long nonWhite = 0;
    long[] seriesPixels = new long[SERIES_COLORS.size()];
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colors.add(rgb);
        if (rgb != 0xFFFFFF) {
          nonWhite++;
        }
        for (int index = 0; index < SERIES_COLORS.size(); index++) {
          if (close(rgb, SERIES_COLORS.get(index))) {
            seriesPixels[index]++;
          }
        }
      }
    }
    long pixels = (long) image.getWidth() * image.getHeight();
    double nonWhiteShare = (double) nonWhite / pixels;
    System.out.printf(
        Locale.ROOT,
        "%s: %d x %d, %d colours, %.1f%% non-white, series pixels %d and %d%n",
        arguments[0],
        image.getWidth(),
        image.getHeight(),
        colors.size(),
        100 * nonWhiteShare,
        seriesPixels[0],
        seriesPixels[1]);
    if (colors.size() < 16) {
      fail("the screenshot looks blank: only " + colors.size() + " colours");
    }
    if (nonWhiteShare < 0.02) {
      fail(String.format(Locale.ROOT, "only %.2f%% of pixels are not white", 100 * nonWhiteShare));
    }
    for (int index = 0; index < SERIES_COLORS.size(); index++) {
      if (seriesPixels[index] < 50) {
        fail(
            String.format(
                Locale.ROOT,
                "no chart series in colour #%06X (%d pixels)",
                SERIES_COLORS.get(index),
                seriesPixels[index]));
      }
    }
    System.out.println("screenshot OK");
  }

  private static boolean close(int rgb, int target) {
    int dr = Math.abs(((rgb >> 16) & 0xFF) - ((target >> 16) & 0xFF));
    int dg = Math.abs(((rgb >> 8) & 0xFF) - ((target >> 8) & 0xFF));
    int db = Math.abs((rgb & 0xFF) - (target & 0xFF));
    return dr + dg + db <= 24;
  }

  private static void fail(String message) {
    System.err.println("screenshot check failed: " + message);
    System.exit(1);
  }
}
