package io.waybill.hub.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One push of the demo: a bundled sample (a classpath resource under {@code demo/}) that a demo
 * partner signs and sends. The demo's pushes, in order, are listed in {@code demo/pushes.yaml}.
 *
 * @param partner the partner id, as in the push URL
 * @param sample  path of the body under {@code demo/}, e.g. {@code acme-freight/status-picked-up.json}
 * @param shows   what the push shows, for the summary line
 */
public record DemoPush(String partner, String sample, String shows) {

    static final String SCRIPT = "demo/pushes.yaml";

    /** The pushes of {@code demo/pushes.yaml}, in order. */
    public static List<DemoPush> script() {
        try (InputStream in = resource(SCRIPT)) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<List<DemoPush>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCRIPT + ": " + e.getMessage(), e);
        }
    }

    /** The sample's bytes, exactly as they are sent. */
    public byte[] body() {
        try (InputStream in = resource("demo/" + sample)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo sample " + sample + ": " + e.getMessage(), e);
        }
    }

    /** The sample's file name, e.g. {@code status-picked-up.json}. */
    public String sampleName() {
        return sample.substring(sample.lastIndexOf('/') + 1);
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = DemoPush.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException(path + " is not on the classpath");
        }
        return in;
    }
}
