package dev.netcode.sample.client;

import com.badlogic.gdx.graphics.Color;

/**
 * The client's colours as RGBA8888 integers. Players are drawn opaque in exactly these colours,
 * which is what the screenshot test looks for; keep them distinct from everything else drawn.
 */
public final class Palette {
    public static final int LOCAL_PLAYER_RGBA = 0x40E0FFFF;
    public static final int REMOTE_PLAYER_RGBA = 0xFF6040FF;

    public static final Color LOCAL_PLAYER = new Color(LOCAL_PLAYER_RGBA);
    public static final Color REMOTE_PLAYER = new Color(REMOTE_PLAYER_RGBA);
    public static final Color LOCAL_AIM = new Color(0xB0F4FFFF);
    public static final Color REMOTE_AIM = new Color(0xFFB8A8FF);
    public static final Color BACKGROUND = new Color(0x14161BFF);
    public static final Color FLOOR = new Color(0x1E2129FF);
    public static final Color GRID = new Color(0x272B35FF);
    public static final Color WALL = new Color(0x5A6070FF);
    public static final Color SHOT = new Color(0xFFE866FF);
    public static final Color HP_BACK = new Color(0x501818FF);
    public static final Color HP_FRONT = new Color(0x5CD65CFF);
    public static final Color TEXT = new Color(0xE6E6E6FF);
    /** Translucent so a player under the scoreboard or overlay stays visible. */
    public static final Color PANEL = new Color(0x00000078);

    private Palette() {}
}
