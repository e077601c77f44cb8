package io.waybill.hub.files;

import io.waybill.hub.ingest.EventResult;
import io.waybill.hub.ingest.ItemResult;

import java.util.List;

/**
 * What became of a file, as its sender and an operator see it.
 *
 * <ul>
 * <li>{@code accepted}: every document was published (or had been already, or deliberately maps
 * to no event); the file goes to {@code .done/}.</li>
 * <li>{@code partly_rejected}: some documents were published, the others are on dlq.v1 with their
 * reason; the file goes to {@code .done/}, because what it carried that could be published is
 * published, with a reason file listing the rejected documents. Sending the whole file again is
 * harmless (the published documents are recognised as duplicates), but only the rejected ones need
 * fixing.</li>
 * <li>{@code rejected}: nothing of it was published: refused as a whole (the stage and reason say
 * why), or every document rejected; the file goes to {@code .error/}, with a reason file.</li>
 * </ul>
 *
 * @param file         the file
 * @param result       {@link #ACCEPTED}, {@link #PARTLY_REJECTED} or {@link #REJECTED}
 * @param stage        for a file refused as a whole: the stage, {@code receive} or {@code parse}
 * @param reason       for a file refused as a whole: why
 * @param rawRef       where its first raw.v1 part is, or null when it was not archived
 * @param documents    how many documents it held (0 when refused as a whole)
 * @param published    how many documents had events published now, or none to publish
 * @param duplicates   how many documents had only events published before
 * @param rejections   the documents rejected, each with its stage and reason
 * @param deadLettered whether the file as a whole went to dlq.v1
 */
public record FileOutcome(ReceivedFile file, String result, String stage, String reason, String rawRef, int documents,
                          long published, long duplicates, List<ItemResult> rejections, boolean deadLettered) {

    public static final String ACCEPTED = "accepted";
    public static final String PARTLY_REJECTED = "partly_rejected";
    public static final String REJECTED = "rejected";

    /** Where settled files go, in the folder they were picked from. */
    public static final String DONE_FOLDER = ".done";
    public static final String ERROR_FOLDER = ".error";
    /** Beside a settled file that was not accepted whole: {@code <file>.reason.txt}. */
    public static final String REASON_SUFFIX = ".reason.txt";

    /** A file whose documents were read and went through the pipeline; {@code items} is the answer per document. */
    static FileOutcome processed(ReceivedFile file, String rawRef, List<ItemResult> items) {
        List<ItemResult> rejected = items.stream().filter(i -> i.status().equals(ItemResult.REJECTED)).toList();
        long duplicates = items.stream().filter(i -> i.status().equals(EventResult.DUPLICATE)).count();
        String result = rejected.isEmpty() ? ACCEPTED : rejected.size() == items.size() ? REJECTED : PARTLY_REJECTED;
        return new FileOutcome(file, result, null, null, rawRef, items.size(), items.size() - rejected.size() - duplicates,
                duplicates, rejected, false);
    }

    /** A file refused as a whole. */
    static FileOutcome refused(ReceivedFile file, String rawRef, FileRefusal refusal) {
        return new FileOutcome(file, REJECTED, refusal.stage(), refusal.reason(), rawRef, 0, 0, 0, List.of(),
                refusal.deadLettered());
    }

    /** {@code .done} or {@code .error}. */
    public String folder() {
        return result.equals(REJECTED) ? ERROR_FOLDER : DONE_FOLDER;
    }

    /** Where the file goes, relative to its channel's folder: {@code <folder>/.done/<name>}. */
    public String moveTo() {
        return (file.folder().isEmpty() ? "" : file.folder() + "/") + folder() + "/" + file.name();
    }

    /** The reason file to write beside the moved file, relative to its channel's folder; null for a file accepted whole. */
    public String reasonFile() {
        return result.equals(ACCEPTED) ? null : moveTo() + REASON_SUFFIX;
    }

    /** What the reason file says: the file, the outcome, and each stage and reason; null for a file accepted whole. */
    public String reasonText() {
        if (result.equals(ACCEPTED)) {
            return null;
        }
        StringBuilder text = new StringBuilder()
                .append("file: ").append(file.name()).append('\n')
                .append("partner: ").append(file.partner()).append('\n')
                .append("channel: ").append(file.channel()).append('\n')
                .append("received: ").append(file.receivedAt()).append('\n');
        if (rawRef != null) {
            text.append("archived: ").append(rawRef).append('\n');
        }
        text.append("outcome: ").append(result).append('\n');
        if (stage != null) {
            text.append("stage: ").append(stage).append('\n')
                    .append("reason: ").append(reason).append('\n');
            if (deadLettered) {
                text.append("the refusal is on the dead-letter topic dlq.v1\n");
            }
            return text.toString();
        }
        text.append("documents: ").append(documents).append(" (").append(published + duplicates).append(" accepted, ")
                .append(rejections.size()).append(" rejected; rejected documents are on the dead-letter topic dlq.v1)\n");
        for (ItemResult rejected : rejections) {
            text.append("document ").append(rejected.index() + 1).append(" (item ").append(rejected.index())
                    .append("): rejected at stage ").append(rejected.stage()).append(": ").append(rejected.reason()).append('\n');
        }
        return text.toString();
    }
}
