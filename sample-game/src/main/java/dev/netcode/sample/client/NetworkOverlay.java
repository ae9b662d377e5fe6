package dev.netcode.sample.client;

import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.math.Matrix4;

/**
 * Draws the F3 network overlay from {@link NetworkGraphs}: one line graph per metric with its
 * latest value and scale, or, without a connection, only the status ("offline") — never numbers
 * that were not measured.
 */
final class NetworkOverlay {
    private static final float X = 10f;
    private static final float Y = 10f;
    private static final float GRAPH_W = 360f;
    private static final float GRAPH_H = 42f;
    private static final float ROW_GAP = 22f;
    private static final Color LINE = new Color(0x7CFC9AFF);
    private static final Color AXIS = new Color(0x505868FF);

    void draw(ShapeRenderer shapes, SpriteBatch batch, BitmapFont font, Matrix4 projection,
              NetworkGraphs graphs, String status) {
        NetworkGraphs.Metric[] metrics = NetworkGraphs.Metric.values();
        float lineH = font.getLineHeight();
        boolean connected = graphs.connected();
        float panelH = connected ? metrics.length * (GRAPH_H + ROW_GAP) - ROW_GAP + 2 * lineH + 20f : 2 * lineH + 16f;
        shapes.setProjectionMatrix(projection);
        ArenaRenderer.enableBlending(); // SpriteBatch.end() switched it off
        shapes.begin(ShapeRenderer.ShapeType.Filled);
        shapes.setColor(Palette.PANEL);
        shapes.rect(X, Y, GRAPH_W + 20f, panelH);
        shapes.end();

        float top = Y + panelH - 8f;
        if (connected) {
            shapes.begin(ShapeRenderer.ShapeType.Line);
            for (int m = 0; m < metrics.length; m++) {
                float gy = graphY(m, top, lineH);
                StatHistory h = graphs.history(metrics[m]);
                shapes.setColor(AXIS);
                shapes.rect(X + 10f, gy, GRAPH_W, GRAPH_H);
                float scale = niceMax(h.max());
                shapes.setColor(LINE);
                float step = GRAPH_W / (NetworkGraphs.CAPACITY - 1);
                for (int i = 1; i < h.size(); i++) {
                    shapes.line(X + 10f + (i - 1) * step, gy + GRAPH_H * h.get(i - 1) / scale,
                            X + 10f + i * step, gy + GRAPH_H * h.get(i) / scale);
                }
            }
            shapes.end();
        }

        batch.setProjectionMatrix(projection);
        batch.begin();
        font.setColor(Palette.TEXT);
        font.draw(batch, "network: " + status + "   (F3 hides)", X + 10f, top);
        if (connected) {
            for (int m = 0; m < metrics.length; m++) {
                float gy = graphY(m, top, lineH);
                StatHistory h = graphs.history(metrics[m]);
                font.draw(batch, String.format("%s %.1f %s   (scale %.0f)", metrics[m].label, h.latest(),
                        metrics[m].unit, niceMax(h.max())), X + 10f, gy + GRAPH_H + lineH);
            }
        } else {
            font.draw(batch, "no connection: nothing to measure", X + 10f, top - lineH);
        }
        batch.end();
    }

    /** Bottom of graph {@code m}: below the title line, each graph topped by its label line. */
    private static float graphY(int m, float top, float lineH) {
        return top - 2f * lineH - 4f - GRAPH_H - m * (GRAPH_H + ROW_GAP);
    }

    /** A round upper bound for a graph's scale so the axis does not twitch every sample. */
    static float niceMax(float max) {
        float bound = 1f;
        while (bound < max) {
            bound *= bound < 10f ? 2f : 1.5f;
        }
        return bound;
    }
}
