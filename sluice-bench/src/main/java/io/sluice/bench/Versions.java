package io.sluice.bench;

import java.io.InputStream;
import java.util.Properties;

/**
 * Artifact versions read from the {@code META-INF/maven/<group>/<artifact>/pom.properties} that
 * every Maven-built jar carries (the shaded jar keeps them; manifests are merged away).
 */
public final class Versions {
    private Versions() {
    }

    public static String of(String group, String artifact) {
        String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Versions.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
