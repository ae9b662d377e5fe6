package dev.netcode.bench.hostscale;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The host-scale curve as a PNG: clients on x; late ticks % on the left axis, host and load
 * generator CPU % on the right axis. Drawn with {@code java.awt} in headless mode, as the
 * playtest report draws its charts, so no display is needed.
 */
final class HostScaleChart {
    private static final int W = 820;
    private static final int H = 420;
    private static final int LEFT = 64;
    private static final int RIGHT = 64;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private HostScaleChart() {}

    static void write(Path png, HostScaleResult result) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<HostScaleResult.Step> steps = result.steps();
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(String.format(Locale.ROOT, "Host scale: %d Hz tick, %d cores, load %.2f", result.options().tickHz(),
                    result.cores(), result.loadAvgBefore()), LEFT, 24);
            int plotW = W - LEFT - RIGHT;
            int plotH = H - TOP - BOTTOM;
            double maxX = steps.get(steps.size() - 1).clients();
            double maxLate = 1; // at least the 1 % target line's scale
            for (HostScaleResult.Step s : steps) {
                maxLate = Math.max(maxLate, s.lateTicksPct());
            }
            maxLate = Math.ceil(maxLate / 5) * 5 == 0 ? 5 : Math.max(5, Math.ceil(maxLate / 5) * 5);
            double maxCpu = 100;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int k = 0; k <= 5; k++) {
                int y = TOP + plotH - plotH * k / 5;
                g.setColor(new Color(0xE4E4E4));
                g.drawLine(LEFT, y, LEFT + plotW, y);
                g.setColor(new Color(0xC0392B));
                g.drawString(String.format(Locale.ROOT, "%.3g %%", maxLate * k / 5), 6, y + 4);
                g.setColor(new Color(0x2471A3));
                g.drawString(String.format(Locale.ROOT, "%.0f %%", maxCpu * k / 5), LEFT + plotW + 8, y + 4);
            }
            g.setColor(Color.GRAY);
            g.drawRect(LEFT, TOP, plotW, plotH);
            for (HostScaleResult.Step s : steps) {
                int x = LEFT + (int) (plotW * s.clients() / maxX);
                g.drawString(Integer.toString(s.clients()), x - 8, TOP + plotH + 16);
                if (s.connected() != s.clients()) {
                    g.setColor(new Color(0xC0392B)); // fewer connected than asked: say so under the step
                    g.drawString(s.connected() + " conn", x - 16, TOP + plotH + 28);
                    g.setColor(Color.GRAY);
                }
            }
            g.drawString("clients", LEFT + plotW / 2 - 16, TOP + plotH + 40);
            // The 1 % late-tick target.
            int target = TOP + plotH - (int) (plotH * Math.min(1, 1 / maxLate));
            g.setColor(new Color(0xF5B7B1));
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {5f, 4f}, 0f));
            g.drawLine(LEFT, target, LEFT + plotW, target);
            series(g, steps, maxX, plotW, plotH, maxLate, new Color(0xC0392B), 0);
            series(g, steps, maxX, plotW, plotH, maxCpu, new Color(0x2471A3), 1);
            series(g, steps, maxX, plotW, plotH, maxCpu, new Color(0x7FB3D5), 2);
            int ly = H - 12;
            legend(g, LEFT, ly, new Color(0xC0392B), "late ticks % (left; dashed: 1 % target)");
            legend(g, LEFT + 290, ly, new Color(0x2471A3), "host CPU % of machine (right)");
            legend(g, LEFT + 510, ly, new Color(0x7FB3D5), "load generator CPU %");
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", png.toFile());
    }

    private static void series(Graphics2D g, List<HostScaleResult.Step> steps, double maxX, int plotW, int plotH,
                               double maxY, Color color, int which) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int px = -1;
        int py = -1;
        for (HostScaleResult.Step s : steps) {
            double v = which == 0 ? s.lateTicksPct() : which == 1 ? s.hostCpuPct() : s.loadgenCpuPct();
            int x = LEFT + (int) (plotW * s.clients() / maxX);
            int y = TOP + plotH - (int) (plotH * Math.min(1, v / maxY));
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            g.fillOval(x - 3, y - 3, 6, 6);
            px = x;
            py = y;
        }
    }

    private static void legend(Graphics2D g, int x, int y, Color color, String text) {
        g.setColor(color);
        g.fillRect(x, y - 8, 12, 8);
        g.setColor(Color.DARK_GRAY);
        g.drawString(text, x + 16, y);
    }
}
