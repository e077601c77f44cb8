package io.waybill.hub.files;

/**
 * A file the hub writes beside a settled file, for its sender: {@code <file>.reason.txt} or
 * {@code <file>.ack}.
 *
 * @param name where, relative to the channel's folder, as {@link FileOutcome#moveTo()}
 * @param text what it says
 */
public record FileNote(String name, String text) {
}
