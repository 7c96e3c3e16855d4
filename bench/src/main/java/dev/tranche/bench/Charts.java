package dev.tranche.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Grouped bar charts as PNG, drawn with Java2D (headless): one group per x label, one bar per series. */
final class Charts {

  private static final Color[] PALETTE = {new Color(0x4e79a7), new Color(0xf28e2b), new Color(0x59a14f),
      new Color(0xe15759), new Color(0x76b7b2)};

  private Charts() {
  }

  static void bars(Path file, String title, String unit, List<String> groups, LinkedHashMap<String, double[]> series)
      throws IOException {
    int width = 900;
    int height = 480;
    int left = 80;
    int right = 20;
    int top = 60;
    int bottom = 70;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, left, 30);
    double max = series.values().stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(1);
    max = max <= 0 ? 1 : max * 1.15;
    int plotHeight = height - top - bottom;
    int plotWidth = width - left - right;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setStroke(new BasicStroke(1));
    for (int tick = 0; tick <= 5; tick++) {
      double value = max * tick / 5;
      int y = top + plotHeight - (int) (plotHeight * tick / 5.0);
      g.setColor(new Color(0xdddddd));
      g.drawLine(left, y, width - right, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format("%.0f", value), 10, y + 4);
    }
    g.drawString(unit, 10, top - 10);
    int groupWidth = plotWidth / Math.max(1, groups.size());
    int barWidth = Math.max(4, (groupWidth - 30) / Math.max(1, series.size()));
    for (int gi = 0; gi < groups.size(); gi++) {
      int x0 = left + gi * groupWidth + 15;
      int si = 0;
      for (Map.Entry<String, double[]> s : series.entrySet()) {
        double value = gi < s.getValue().length ? s.getValue()[gi] : 0;
        int barHeight = (int) (plotHeight * value / max);
        int x = x0 + si * barWidth;
        g.setColor(PALETTE[si % PALETTE.length]);
        g.fillRect(x, top + plotHeight - barHeight, barWidth - 2, barHeight);
        if (barWidth >= 18) {
          // Narrow bars would overlap their labels: the numbers are in the report beside the chart then.
          g.setColor(Color.BLACK);
          g.drawString(String.format(value >= 100 ? "%.0f" : "%.1f", value), x, top + plotHeight - barHeight - 3);
        }
        si++;
      }
      g.setColor(Color.BLACK);
      g.drawString(groups.get(gi), x0, top + plotHeight + 18);
    }
    int lx = left;
    int si = 0;
    for (String name : series.keySet()) {
      g.setColor(PALETTE[si % PALETTE.length]);
      g.fillRect(lx, height - 30, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(name, lx + 16, height - 20);
      lx += 20 + g.getFontMetrics().stringWidth(name) + 20;
      si++;
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }
}
