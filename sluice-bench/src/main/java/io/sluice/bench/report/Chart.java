package io.sluice.bench.report;

import io.sluice.bench.Cell;
import io.sluice.bench.Workload;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart (java.awt, headless): one group per workload/server/variant, one bar per
 * target, each normalised to the best peer of its group (1.0 = the best peer).
 */
public final class Chart {
    private static final Color SLUICE = new Color(0xD9, 0x48, 0x1C);
    private static final Color[] PEERS = {new Color(0x4E, 0x79, 0xA7), new Color(0x59, 0xA1, 0x4F),
        new Color(0xB0, 0x7A, 0xA1), new Color(0x76, 0xB7, 0xB2), new Color(0xED, 0xC9, 0x48),
        new Color(0x9C, 0x75, 0x5F), new Color(0xBA, 0xB0, 0xAC)};

    private Chart() {
    }

    /** One bar group: label and target -> value relative to the best peer. */
    record Group(String label, Map<String, Double> bars) {
    }

    static List<Group> groups(List<Cell> cells) {
        Map<String, Map<String, Double>> raw = new LinkedHashMap<>();
        for (Cell c : cells) {
            if (!c.ok() || c.target().equals("pgbench") || c.target().equals("sysbench")) {
                continue;
            }
            String label = c.workload().id() + (c.db() == null ? "" : " " + c.db().id())
                    + (c.workload() == Workload.BULK_INSERT || c.variant().isEmpty() ? "" : " " + c.variant());
            String target = shortName(c.target());
            raw.computeIfAbsent(label, k -> new LinkedHashMap<>()).merge(target, c.value(), Math::max);
        }
        List<Group> out = new ArrayList<>();
        raw.forEach((label, bars) -> {
            double best = bars.entrySet().stream().filter(e -> !e.getKey().equals("sluice"))
                    .mapToDouble(Map.Entry::getValue).max().orElse(Double.NaN);
            if (Double.isNaN(best) || best <= 0) {
                return;
            }
            Map<String, Double> norm = new LinkedHashMap<>();
            bars.forEach((t, v) -> norm.put(t, v / best));
            out.add(new Group(label, norm));
        });
        return out;
    }

    /** Target names without the server part, so one colour means one client family across groups. */
    static String shortName(String t) {
        return t.replace("-mysql", "").replace("-pg", "").replace("+pool", "").replace("+hikari", "");
    }

    public static void write(List<Cell> cells, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Group> groups = groups(cells);
        List<String> targets = new ArrayList<>();
        groups.forEach(g -> g.bars().keySet().forEach(t -> {
            if (!targets.contains(t)) {
                targets.add(t);
            }
        }));
        targets.sort((a, b) -> a.equals("sluice") ? -1 : b.equals("sluice") ? 1 : 0);
        int barW = 14;
        int groupW = Math.max(60, targets.size() * barW + 24);
        int left = 60;
        int top = 60;
        int plotH = 380;
        int bottom = 150;
        int width = Math.max(700, left + groups.size() * groupW + 40);
        int height = top + plotH + bottom;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 24);
        double max = Math.max(1.5, groups.stream().flatMap(x -> x.bars().values().stream())
                .mapToDouble(Double::doubleValue).max().orElse(1.5));
        max = Math.ceil(max * 4) / 4;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (double y = 0; y <= max + 1e-9; y += 0.25) {
            int py = top + plotH - (int) (y / max * plotH);
            g.setColor(Math.abs(y - 1.0) < 1e-9 ? Color.DARK_GRAY : new Color(0xE0, 0xE0, 0xE0));
            g.setStroke(new BasicStroke(Math.abs(y - 1.0) < 1e-9 ? 1.5f : 1f));
            g.drawLine(left, py, width - 20, py);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.2f", y), 18, py + 4);
        }
        for (int gi = 0; gi < groups.size(); gi++) {
            Group grp = groups.get(gi);
            int x0 = left + gi * groupW + 12;
            int k = 0;
            for (String t : targets) {
                Double v = grp.bars().get(t);
                if (v != null) {
                    int h = (int) (v / max * plotH);
                    g.setColor(color(t, targets));
                    g.fillRect(x0 + k * barW, top + plotH - h, barW - 2, h);
                }
                k++;
            }
            AffineTransform saved = g.getTransform();
            g.setColor(Color.BLACK);
            g.translate(x0 + 4, top + plotH + 8);
            g.rotate(Math.toRadians(35));
            g.drawString(grp.label(), 0, 0);
            g.setTransform(saved);
        }
        int lx = left;
        int ly = 44;
        for (String t : targets) {
            g.setColor(color(t, targets));
            g.fillRect(lx, ly - 9, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(t, lx + 14, ly);
            lx += 20 + g.getFontMetrics().stringWidth(t) + 12;
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    static Color color(String t, List<String> targets) {
        if (t.equals("sluice")) {
            return SLUICE;
        }
        int i = targets.indexOf(t);
        return PEERS[Math.max(0, i - 1) % PEERS.length];
    }
}
