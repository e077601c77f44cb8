package io.waybill.hub.files;

import io.waybill.hub.ingest.EventResult;
import io.waybill.hub.ingest.ItemResult;

import java.util.ArrayList;
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
 * For EDI, what the envelope checks refused counts as rejected, and an interchange acknowledged as
 * a duplicate as accepted; the acknowledgments go beside the file as {@code <file>.ack}.
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
 * @param checks       what the checks of the file's format decided besides its documents
 */
public record FileOutcome(ReceivedFile file, String result, String stage, String reason, String rawRef, int documents,
                          long published, long duplicates, List<ItemResult> rejections, boolean deadLettered,
                          FormatChecks checks) {

    public static final String ACCEPTED = "accepted";
    public static final String PARTLY_REJECTED = "partly_rejected";
    public static final String REJECTED = "rejected";

    /** Where settled files go, in the folder they were picked from. */
    public static final String DONE_FOLDER = ".done";
    public static final String ERROR_FOLDER = ".error";
    /** Beside a settled file that was not accepted whole: {@code <file>.reason.txt}. */
    public static final String REASON_SUFFIX = ".reason.txt";
    /** Beside a settled file the sender gets an answer to in its own format (EDI acknowledgments): {@code <file>.ack}. */
    public static final String REPLY_SUFFIX = ".ack";

    /** A file whose documents were read and went through the pipeline; {@code items} is the answer per document. */
    static FileOutcome processed(ReceivedFile file, String rawRef, List<ItemResult> items) {
        return processed(file, rawRef, items, FormatChecks.NONE);
    }

    /** As {@link #processed(ReceivedFile, String, List)}, with the checks of the file's format. */
    static FileOutcome processed(ReceivedFile file, String rawRef, List<ItemResult> items, FormatChecks checks) {
        List<ItemResult> rejected = items.stream().filter(i -> i.status().equals(ItemResult.REJECTED)).toList();
        long duplicates = items.stream().filter(i -> i.status().equals(EventResult.DUPLICATE)).count();
        boolean refused = !rejected.isEmpty() || !checks.refusals().isEmpty();
        boolean accepted = rejected.size() < items.size() || checks.anyAccepted();
        String result = !refused ? ACCEPTED : accepted ? PARTLY_REJECTED : REJECTED;
        return new FileOutcome(file, result, null, null, rawRef, items.size(), items.size() - rejected.size() - duplicates,
                duplicates, rejected, false, checks);
    }

    /** A file refused as a whole. */
    static FileOutcome refused(ReceivedFile file, String rawRef, FileRefusal refusal) {
        return new FileOutcome(file, REJECTED, refusal.stage(), refusal.reason(), rawRef, 0, 0, 0, List.of(),
                refusal.deadLettered(), FormatChecks.NONE);
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

    /** What the channel writes beside the moved file: the reason file and the reply, each when there is one. */
    public List<FileNote> notes() {
        List<FileNote> notes = new ArrayList<>(2);
        if (reasonFile() != null) {
            notes.add(new FileNote(reasonFile(), reasonText()));
        }
        if (checks.reply() != null) {
            notes.add(new FileNote(moveTo() + REPLY_SUFFIX, checks.reply()));
        }
        return notes;
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
        for (String refusal : checks.refusals()) {
            text.append("refused: ").append(refusal).append('\n');
        }
        if (!checks.refusals().isEmpty()) {
            text.append("what was refused is on the dead-letter topic dlq.v1");
            text.append(checks.reply() != null ? "; the acknowledgments are in " + file.name() + REPLY_SUFFIX + "\n" : "\n");
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
