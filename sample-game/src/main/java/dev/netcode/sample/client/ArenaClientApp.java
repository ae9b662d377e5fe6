package dev.netcode.sample.client;

import com.badlogic.gdx.ApplicationAdapter;
import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.Input;
import com.badlogic.gdx.math.Vector3;
import dev.netcode.sample.sim.ArenaRules;
import dev.netcode.sample.sim.PlayerView;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The desktop client's libGDX application: each frame it reads keyboard and mouse into
 * {@link LocalControls}, updates the {@link GameSession} and draws its {@link GameView} with
 * {@link ArenaRenderer}. F3 toggles the network overlay, Escape quits.
 *
 * <p>The session is created in {@link #create()} (through the supplier) because a networked
 * session may need the GL context or the app's lifecycle; it is closed in {@link #dispose()}.
 *
 * <h2>Pitfalls</h2>
 * <ul>
 *   <li>With {@code fixedStep}, every frame advances exactly one tick whatever the frame time: a
 *       reproducible demo (used by the screenshot test), not for play.</li>
 *   <li>With a screenshot path, the app writes the PNG and exits once it has drawn the given number
 *       of frames since it joined (the local player and another player are in the view; offline
 *       that is from the first frame).</li>
 * </ul>
 */
public final class ArenaClientApp extends ApplicationAdapter {
    private final Supplier<GameSession> sessionFactory;
    private final boolean fixedStep;
    private final Path screenshotPath;
    private final int screenshotFrame;
    private final LocalControls controls = new LocalControls();
    private final NetworkGraphs graphs = new NetworkGraphs();
    private final Vector3 mouseWorld = new Vector3();
    private GameSession session;
    private ArenaRenderer renderer;
    private boolean overlayVisible;
    private long frames;
    private long framesSinceJoin;

    /**
     * @param screenshotPath where to write a PNG, or null for normal play
     * @param screenshotFrame the frame after which the screenshot is taken
     */
    public ArenaClientApp(Supplier<GameSession> sessionFactory, boolean fixedStep, boolean overlayVisible,
                          Path screenshotPath, int screenshotFrame) {
        this.sessionFactory = sessionFactory;
        this.fixedStep = fixedStep;
        this.overlayVisible = overlayVisible;
        this.screenshotPath = screenshotPath;
        this.screenshotFrame = screenshotFrame;
    }

    @Override
    public void create() {
        session = sessionFactory.get();
        renderer = new ArenaRenderer();
        renderer.resize(Gdx.graphics.getWidth(), Gdx.graphics.getHeight());
    }

    @Override
    public void resize(int width, int height) {
        renderer.resize(width, height);
    }

    @Override
    public void render() {
        if (Gdx.input.isKeyJustPressed(Input.Keys.F3)) {
            overlayVisible = !overlayVisible;
        }
        if (Gdx.input.isKeyJustPressed(Input.Keys.ESCAPE)) {
            Gdx.app.exit();
            return;
        }
        readControls();
        float delta = fixedStep ? ArenaRules.TICK_SECONDS : Gdx.graphics.getDeltaTime();
        session.update(delta, controls);
        NetworkStatsSource stats = session.networkStats();
        graphs.update(stats, System.currentTimeMillis());
        renderer.render(session.view(), overlayVisible ? graphs : null, stats.statusText(),
                Gdx.graphics.getFramesPerSecond());
        frames++;
        if (joined(session.view())) {
            framesSinceJoin++;
        }
        if (screenshotPath != null && framesSinceJoin == screenshotFrame) {
            FrameCapture.writePng(screenshotPath);
            Gdx.app.log("client", "screenshot written to " + screenshotPath + " after " + frames + " frames ("
                    + framesSinceJoin + " since joining)");
            Gdx.app.exit();
        }
    }

    /** The local player and at least one other are in the view (immediately true offline). */
    private static boolean joined(GameView view) {
        return view.localPlayerId() >= 0 && view.findPlayer(view.localPlayerId()) != null && view.playerCount() >= 2;
    }

    private void readControls() {
        controls.clear();
        if (Gdx.input.isKeyPressed(Input.Keys.A) || Gdx.input.isKeyPressed(Input.Keys.LEFT)) {
            controls.moveX -= 1f;
        }
        if (Gdx.input.isKeyPressed(Input.Keys.D) || Gdx.input.isKeyPressed(Input.Keys.RIGHT)) {
            controls.moveX += 1f;
        }
        if (Gdx.input.isKeyPressed(Input.Keys.S) || Gdx.input.isKeyPressed(Input.Keys.DOWN)) {
            controls.moveY -= 1f;
        }
        if (Gdx.input.isKeyPressed(Input.Keys.W) || Gdx.input.isKeyPressed(Input.Keys.UP)) {
            controls.moveY += 1f;
        }
        controls.fire = Gdx.input.isButtonPressed(Input.Buttons.LEFT) || Gdx.input.isKeyPressed(Input.Keys.SPACE);
        GameView view = session.view();
        PlayerView me = view.findPlayer(view.localPlayerId());
        if (me != null) {
            renderer.screenToWorld(Gdx.input.getX(), Gdx.input.getY(), mouseWorld);
            float dx = mouseWorld.x - me.x();
            float dy = mouseWorld.y - me.y();
            if (dx * dx + dy * dy > 1e-4f) {
                controls.aimRadians = (float) Math.atan2(dy, dx);
            }
        }
    }

    @Override
    public void dispose() {
        if (renderer != null) {
            renderer.dispose();
        }
        if (session != null) {
            session.close();
        }
    }
}
