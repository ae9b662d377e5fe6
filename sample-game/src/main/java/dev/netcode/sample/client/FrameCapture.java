package dev.netcode.sample.client;

import com.badlogic.gdx.Gdx;
import com.badlogic.gdx.graphics.Pixmap;
import com.badlogic.gdx.graphics.PixmapIO;
import com.badlogic.gdx.utils.BufferUtils;
import com.badlogic.gdx.utils.ScreenUtils;
import java.nio.file.Path;

/** Saves the current back buffer as a PNG (render thread only, after drawing a frame). */
public final class FrameCapture {
    private FrameCapture() {}

    public static void writePng(Path path) {
        int w = Gdx.graphics.getBackBufferWidth();
        int h = Gdx.graphics.getBackBufferHeight();
        // flipY: GL's origin is bottom-left, PNG rows go top-down.
        byte[] pixels = ScreenUtils.getFrameBufferPixels(0, 0, w, h, true);
        // The back buffer's alpha is whatever blending left there; a screenshot is opaque.
        for (int i = 3; i < pixels.length; i += 4) {
            pixels[i] = (byte) 0xFF;
        }
        Pixmap pixmap = new Pixmap(w, h, Pixmap.Format.RGBA8888);
        try {
            BufferUtils.copy(pixels, 0, pixmap.getPixels(), pixels.length);
            PixmapIO.writePNG(Gdx.files.absolute(path.toAbsolutePath().toString()), pixmap);
        } finally {
            pixmap.dispose();
        }
    }
}
