package dev.netcode.sample.client;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Color;
import com.badlogic.gdx.graphics.GL20;
import com.badlogic.gdx.graphics.OrthographicCamera;
import com.badlogic.gdx.graphics.g2d.BitmapFont;
import com.badlogic.gdx.graphics.g2d.SpriteBatch;
import com.badlogic.gdx.graphics.glutils.ShapeRenderer;
import com.badlogic.gdx.math.Matrix4;
import com.badlogic.gdx.math.Vector3;
import com.badlogic.gdx.utils.viewport.FitViewport;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.Obstacles;
import dev.netcode.sample.sim.PlayerMotion;
import dev.netcode.sample.sim.PlayerView;
import dev.netcode.sample.sim.Scoreboard;
import dev.netcode.sample.sim.ShotEvent;

/**
 * Draws a {@link GameView} with {@link ShapeRenderer} and libGDX's built-in {@link BitmapFont}
 * only (no asset files): the arena and its walls, players (the local one in {@link Palette#LOCAL_PLAYER} with a
 * white ring), aim lines, shot tracers, HP bars, names and the scoreboard.
 *
 * <p>The arena is drawn in world units through a {@link FitViewport}, so any window shape shows
 * the whole arena letterboxed; text is drawn in window pixels on top.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>Create and use it on the render thread only (it owns GL resources); call
 *       {@link #dispose()}.</li>
 *   <li>Circles pass an explicit segment count: ShapeRenderer derives it from the radius, and a
 *       half-unit radius would give a square.</li>
 * </ul>
 */
public final class ArenaRenderer {
    private static final int CIRCLE_SEGMENTS = 28;
    private static final float AIM_LINE_LENGTH = 1.6f;

    private final OrthographicCamera camera = new OrthographicCamera();
    private final FitViewport viewport =
            new FitViewport(PlayerMotion.ARENA_WIDTH, PlayerMotion.ARENA_HEIGHT, camera);
    private final ShapeRenderer shapes = new ShapeRenderer();
    private final SpriteBatch batch = new SpriteBatch();
    private final BitmapFont font = new BitmapFont();
    private final Matrix4 hudProjection = new Matrix4();
    private final Vector3 tmp = new Vector3();
    private final Color tmpColor = new Color();
    private final int[] order = new int[ArenaRules.MAX_PLAYERS];
    private final NetworkOverlay overlay = new NetworkOverlay();

    public ArenaRenderer() {
        camera.position.set(PlayerMotion.ARENA_WIDTH / 2f, PlayerMotion.ARENA_HEIGHT / 2f, 0f);
        font.setUseIntegerPositions(true);
    }

    public void resize(int width, int height) {
        viewport.update(width, height, true);
    }

    /** Converts window coordinates (y down, as libGDX input reports them) to world units. */
    public Vector3 screenToWorld(float screenX, float screenY, Vector3 out) {
        out.set(screenX, screenY, 0f);
        return viewport.unproject(out);
    }

    /**
     * Draws one frame.
     *
     * @param graphs overlay data, or null to hide the network overlay
     * @param networkStatus the stats source's status text for the overlay title
     */
    public void render(GameView view, NetworkGraphs graphs, String networkStatus, float fps) {
        Gdx.gl.glClearColor(Palette.BACKGROUND.r, Palette.BACKGROUND.g, Palette.BACKGROUND.b, 1f);
        Gdx.gl.glClear(GL20.GL_COLOR_BUFFER_BIT);
        viewport.apply();
        shapes.setProjectionMatrix(camera.combined);
        drawArena();
        enableBlending();
        drawShots(view);
        drawPlayers(view);

        int w = Gdx.graphics.getWidth();
        int h = Gdx.graphics.getHeight();
        Gdx.gl.glViewport(0, 0, Gdx.graphics.getBackBufferWidth(), Gdx.graphics.getBackBufferHeight());
        hudProjection.setToOrtho2D(0, 0, w, h);
        drawNames(view);
        drawHud(view, fps, w, h);
        if (graphs != null) {
            overlay.draw(shapes, batch, font, hudProjection, graphs, networkStatus);
        }
        Gdx.gl.glDisable(GL20.GL_BLEND);
    }

    private void drawArena() {
        shapes.begin(ShapeRenderer.ShapeType.Filled);
        shapes.setColor(Palette.FLOOR);
        shapes.rect(0f, 0f, PlayerMotion.ARENA_WIDTH, PlayerMotion.ARENA_HEIGHT);
        shapes.end();
        shapes.begin(ShapeRenderer.ShapeType.Line);
        shapes.setColor(Palette.GRID);
        for (float x = 4f; x < PlayerMotion.ARENA_WIDTH; x += 4f) {
            shapes.line(x, 0f, x, PlayerMotion.ARENA_HEIGHT);
        }
        for (float y = 4f; y < PlayerMotion.ARENA_HEIGHT; y += 4f) {
            shapes.line(0f, y, PlayerMotion.ARENA_WIDTH, y);
        }
        shapes.setColor(Palette.WALL);
        shapes.rect(0.02f, 0.02f, PlayerMotion.ARENA_WIDTH - 0.04f, PlayerMotion.ARENA_HEIGHT - 0.04f);
        shapes.end();
        shapes.begin(ShapeRenderer.ShapeType.Filled);
        shapes.setColor(Palette.WALL);
        for (int i = 0; i < Obstacles.count(); i++) {
            shapes.rect(Obstacles.x(i), Obstacles.y(i), Obstacles.width(i), Obstacles.height(i));
        }
        shapes.end();
    }

    private void drawShots(GameView view) {
        shapes.begin(ShapeRenderer.ShapeType.Filled);
        for (int i = 0, n = view.shotCount(); i < n; i++) {
            ShotEvent s = view.shot(i);
            float alpha = 1f - view.shotAgeSeconds(i) / 0.3f;
            if (alpha <= 0f) {
                continue;
            }
            shapes.setColor(tmpColor.set(Palette.SHOT).mul(1f, 1f, 1f, alpha));
            shapes.rectLine(s.fromX(), s.fromY(), s.toX(), s.toY(), 0.08f);
            if (s.hit()) {
                shapes.circle(s.toX(), s.toY(), 0.25f, 12);
            }
        }
        shapes.end();
    }

    private void drawPlayers(GameView view) {
        int local = view.localPlayerId();
        shapes.begin(ShapeRenderer.ShapeType.Filled);
        for (int i = 0, n = view.playerCount(); i < n; i++) {
            PlayerView p = view.player(i);
            if (!p.alive()) {
                continue;
            }
            boolean isLocal = p.id() == local;
            float a = p.aimRadians();
            float cos = (float) Math.cos(a);
            float sin = (float) Math.sin(a);
            shapes.setColor(isLocal ? Palette.LOCAL_AIM : Palette.REMOTE_AIM);
            shapes.rectLine(p.x(), p.y(), p.x() + cos * AIM_LINE_LENGTH, p.y() + sin * AIM_LINE_LENGTH, 0.1f);
            if (isLocal) {
                shapes.setColor(Color.WHITE);
                shapes.circle(p.x(), p.y(), PlayerMotion.PLAYER_RADIUS + 0.12f, CIRCLE_SEGMENTS);
            }
            shapes.setColor(isLocal ? Palette.LOCAL_PLAYER : Palette.REMOTE_PLAYER);
            shapes.circle(p.x(), p.y(), PlayerMotion.PLAYER_RADIUS, CIRCLE_SEGMENTS);
            float barW = 1.4f;
            float barY = p.y() + PlayerMotion.PLAYER_RADIUS + 0.35f;
            shapes.setColor(Palette.HP_BACK);
            shapes.rect(p.x() - barW / 2f, barY, barW, 0.2f);
            shapes.setColor(Palette.HP_FRONT);
            shapes.rect(p.x() - barW / 2f, barY, barW * p.hp() / ArenaRules.MAX_HP, 0.2f);
        }
        shapes.end();
    }

    private void drawNames(GameView view) {
        batch.setProjectionMatrix(hudProjection);
        batch.begin();
        font.setColor(Palette.TEXT);
        for (int i = 0, n = view.playerCount(); i < n; i++) {
            PlayerView p = view.player(i);
            if (!p.alive()) {
                continue;
            }
            tmp.set(p.x(), p.y() + PlayerMotion.PLAYER_RADIUS + 1.3f, 0f);
            viewport.project(tmp);
            font.draw(batch, view.playerName(p.id()), tmp.x - 20f, tmp.y);
        }
        batch.end();
    }

    private void drawHud(GameView view, float fps, int w, int h) {
        int rows = view.playerCount();
        float lineH = font.getLineHeight();
        float boardW = 230f;
        float boardH = (rows + 1) * lineH + 12f;
        shapes.setProjectionMatrix(hudProjection);
        enableBlending(); // SpriteBatch.end() switched it off
        shapes.begin(ShapeRenderer.ShapeType.Filled);
        shapes.setColor(Palette.PANEL);
        shapes.rect(w - boardW - 10f, h - boardH - 10f, boardW, boardH);
        shapes.end();

        batch.begin();
        font.setColor(Palette.TEXT);
        font.draw(batch, view.statusLine() + "   " + Math.round(fps) + " fps", 12f, h - 12f);
        font.draw(batch, "WASD move, mouse aim, click/space fire, F3 network", 12f, h - 12f - lineH);
        float x = w - boardW;
        float y = h - 16f;
        font.draw(batch, "player", x, y);
        font.draw(batch, "K", x + 150f, y);
        font.draw(batch, "D", x + 185f, y);
        int n = Scoreboard.rank(view, order);
        for (int i = 0; i < n; i++) {
            PlayerView p = view.player(order[i]);
            y -= lineH;
            // The local row uses a lighter tint than the player colour so only circles carry it.
            font.setColor(p.id() == view.localPlayerId() ? Palette.LOCAL_AIM : Palette.TEXT);
            font.draw(batch, view.playerName(p.id()) + (p.alive() ? "" : " (dead)"), x, y);
            font.draw(batch, Integer.toString(p.kills()), x + 150f, y);
            font.draw(batch, Integer.toString(p.deaths()), x + 185f, y);
        }
        batch.end();
    }

    static void enableBlending() {
        Gdx.gl.glEnable(GL20.GL_BLEND);
        Gdx.gl.glBlendFunc(GL20.GL_SRC_ALPHA, GL20.GL_ONE_MINUS_SRC_ALPHA);
    }

    public void dispose() {
        shapes.dispose();
        batch.dispose();
        font.dispose();
    }
}
