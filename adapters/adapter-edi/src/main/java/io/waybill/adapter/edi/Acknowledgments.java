package io.waybill.adapter.edi;

import io.waybill.adapter.edi.EdiFinding.Level;
import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import io.xlate.edi.stream.EDIOutputFactory;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamWriter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the acknowledgment of a received interchange from its {@link InterchangeSummary}, written
 * with StAEDI's EDIStreamWriter. Sender and receiver are swapped; the acknowledgment's own control
 * number comes from the caller (a counter the hub persists).
 *
 * <ul>
 *   <li>X12: one interchange holding a TA1 (interchange envelope: A, E or R with the note code) and,
 *       unless the interchange was rejected, one functional group {@code FA} with one 997 per received
 *       group — or a 999 when asked for and the group is 005010 or later. AK2/AK5 (IK5) for every
 *       transaction set; AK3/AK4 (IK3/IK4) for its segment and element findings; AK9 with the
 *       group's verdict and counts.</li>
 *   <li>EDIFACT: one interchange holding a CONTRL: UCI with the interchange verdict, UCF per group and
 *       UCM per message that has findings (action 4 rejected, or 7 with the error code noted), UCS and
 *       UCD for segment and element errors. Messages not listed are acknowledged (UCI action 7 means
 *       "this level and those below, unless explicitly rejected").</li>
 *   <li>A duplicate (a resent interchange): X12 TA1 R with note code 025; EDIFACT CONTRL UCI action 4
 *       with syntax error 26 ("duplicate detected").</li>
 * </ul>
 *
 * Not covered: the implementation-guide codes of the 999 (I-codes) and its CTX segments, the
 * optional TA1 for requested acknowledgment only, EDIFACT syntax 4 "AUTACK", and security segments.
 */
public final class Acknowledgments {

    /** Which X12 functional acknowledgment to write. */
    public enum X12FunctionalAck {
        /** 997 Functional Acknowledgment, for every X12 version. */
        ACK_997,
        /** 999 Implementation Acknowledgment, for groups of version 005010 and later (997 for older groups). */
        ACK_999
    }

    /** CONTRL action codes (0083). */
    private static final String ACTION_REJECTED = "4";
    private static final String ACTION_ACKNOWLEDGED = "7";
    private static final String X12_999_VERSION = "005010X231A1";
    private static final String X12_CONTENT_TYPE = "application/edi-x12";
    private static final String EDIFACT_CONTENT_TYPE = "application/edifact";
    private static final int MAX_BAD_DATA = 99;

    private final Clock clock;
    private final EDIOutputFactory factory;

    /** Dates and times in the acknowledgment envelope in UTC. */
    public Acknowledgments() {
        this(Clock.systemUTC());
    }

    /** Dates and times in the acknowledgment envelope from {@code clock} (and its zone). */
    public Acknowledgments(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.factory = EDIOutputFactory.newFactory();
        factory.setProperty(EDIOutputFactory.PRETTY_PRINT, true);
        // Values copied from the received interchange go back as received even where the control schema
        // would judge them (a one-character GS02, say): the reader has reported them already.
        factory.setErrorReporter((error, writer, location, data, reference) -> { });
    }

    /** StAEDI's control schema for the envelope written (it checks the structure as it is written). */
    private static Schema controlSchema(String standard, String... version) throws EDIStreamException {
        try {
            return SchemaFactory.newFactory().getControlSchema(standard, version);
        } catch (EDISchemaException e) {
            throw new EDIStreamException("no control schema for " + standard + " " + String.join(":", version));
        }
    }

    /**
     * The acknowledgment of one received interchange: TA1 + 997/999 for X12, CONTRL for EDIFACT. A
     * summary marked {@link InterchangeSummary#duplicate()} gets {@link #duplicate}.
     *
     * @param received      what was read
     * @param controlNumber the acknowledgment's own interchange control number (1 to 999999999)
     * @param x12Ack        997 or 999 (ignored for EDIFACT)
     * @throws IllegalArgumentException when the received interchange's header was not readable
     *                                  ({@link InterchangeSummary#headerRead()} false): there is no one to answer
     */
    public Acknowledgment acknowledge(InterchangeSummary received, long controlNumber, X12FunctionalAck x12Ack) {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(x12Ack, "x12Ack");
        requireAnswerable(received, controlNumber);
        if (received.duplicate()) {
            return duplicate(received, controlNumber);
        }
        try {
            return isX12(received) ? x12(received, controlNumber, x12Ack) : contrl(received, controlNumber);
        } catch (EDIStreamException e) {
            throw new IllegalStateException("the acknowledgment of interchange " + received.id() + " could not be written: "
                    + e.getMessage(), e);
        }
    }

    /** The acknowledgment of a resent interchange: X12 TA1 R 025; EDIFACT CONTRL UCI 4 with error 26. */
    public Acknowledgment duplicate(InterchangeSummary received, long controlNumber) {
        Objects.requireNonNull(received, "received");
        requireAnswerable(received, controlNumber);
        try {
            if (isX12(received)) {
                X12Writer out = new X12Writer(received, controlNumber);
                out.ta1(EdiStatus.REJECTED, "025");
                return out.finish("TA1", EdiStatus.REJECTED, true);
            }
            ContrlWriter out = new ContrlWriter(received, controlNumber);
            out.uci(ACTION_REJECTED, "26", null);
            return out.finish(EdiStatus.REJECTED, true);
        } catch (EDIStreamException e) {
            throw new IllegalStateException("the duplicate acknowledgment of interchange " + received.id()
                    + " could not be written: " + e.getMessage(), e);
        }
    }

    private static void requireAnswerable(InterchangeSummary received, long controlNumber) {
        if (!received.headerRead()) {
            throw new IllegalArgumentException("interchange " + received.id()
                    + " has no readable header (ISA/UNB): no acknowledgment can be addressed");
        }
        if (controlNumber < 1 || controlNumber > 999_999_999L) {
            throw new IllegalArgumentException("controlNumber must be between 1 and 999999999, was " + controlNumber);
        }
    }

    private static boolean isX12(InterchangeSummary received) {
        return StandardCodes.X12.equals(received.standard());
    }

    // ---------------------------------------------------------------- X12

    private Acknowledgment x12(InterchangeSummary received, long controlNumber, X12FunctionalAck x12Ack)
            throws EDIStreamException {
        X12Writer out = new X12Writer(received, controlNumber);
        out.ta1(received.status(), ta1NoteCode(received));
        String kind = "TA1";
        if (received.status() != EdiStatus.REJECTED && !received.groups().isEmpty()) {
            boolean any999 = false;
            boolean any997 = false;
            out.startFunctionalGroup(x12Ack);
            int setNumber = 0;
            for (InterchangeSummary.Group group : received.groups()) {
                boolean as999 = x12Ack == X12FunctionalAck.ACK_999 && isVersion5010OrLater(group.version());
                any999 |= as999;
                any997 |= !as999;
                out.functionalAck(group, ++setNumber, as999);
            }
            out.endFunctionalGroup(setNumber);
            kind = "TA1+" + (any999 && any997 ? "997+999" : any999 ? "999" : "997");
        }
        return out.finish(kind, received.status(), false);
    }

    private static String ta1NoteCode(InterchangeSummary received) {
        for (EdiFinding finding : received.findings()) {
            if (finding.acknowledged()) {
                return finding.ackCode();
            }
        }
        for (InterchangeSummary.Group group : received.groups()) {
            for (EdiFinding finding : group.findings()) {
                if (finding.code() == EdiFinding.Code.INVALID_ENVELOPE_VALUE && finding.severity() != EdiFinding.Severity.NOTE) {
                    return "024";
                }
            }
        }
        return "000";
    }

    private static boolean isVersion5010OrLater(String version) {
        if (version == null || version.length() < 6) {
            return false;
        }
        try {
            return Integer.parseInt(version.substring(0, 6)) >= 5010;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Writes one X12 acknowledgment interchange. */
    private final class X12Writer {
        private final InterchangeSummary received;
        private final String controlNumber;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final EDIStreamWriter writer;
        private final ZonedDateTime now = ZonedDateTime.now(clock);
        private int groups;
        private int segmentsInSet;

        X12Writer(InterchangeSummary received, long controlNumber) throws EDIStreamException {
            this.received = received;
            this.controlNumber = String.format("%09d", controlNumber);
            this.writer = factory.createEDIStreamWriter(bytes, StandardCharsets.UTF_8.name());
            String version = received.version().matches("\\d{5}") ? received.version() : "00401";
            writer.setControlSchema(controlSchema(StandardCodes.X12, version));
            writer.startInterchange();
            writeSegment(writer, "ISA", null, "00", pad("", 10), "00", pad("", 10),
                    pad(orDefault(received.receiverQualifier(), "ZZ"), 2), pad(safe(received.receiver()), 15),
                    pad(orDefault(received.id().senderQualifier(), "ZZ"), 2), pad(safe(received.id().sender()), 15),
                    now.format(DateTimeFormatter.ofPattern("yyMMdd")), now.format(DateTimeFormatter.ofPattern("HHmm")),
                    version.compareTo("00402") >= 0 ? "^" : "U", version, this.controlNumber, "0",
                    received.test() ? "T" : "P", ">");
        }

        void ta1(EdiStatus status, String noteCode) throws EDIStreamException {
            segment("TA1", safe(received.id().controlNumber()), safe(received.date()), safe(received.time()),
                    x12Code(status), noteCode);
        }

        void startFunctionalGroup(X12FunctionalAck x12Ack) throws EDIStreamException {
            groups++;
            InterchangeSummary.Group first = received.groups().get(0);
            String version = x12Ack == X12FunctionalAck.ACK_999 && isVersion5010OrLater(first.version())
                    ? X12_999_VERSION : orDefault(first.version(), "004010");
            segment("GS", "FA", orDefault(safe(first.receiver()), safe(received.receiver())),
                    orDefault(safe(first.sender()), safe(received.id().sender())),
                    now.format(DateTimeFormatter.ofPattern("yyyyMMdd")), now.format(DateTimeFormatter.ofPattern("HHmm")),
                    Long.toString(Long.parseLong(controlNumber)), "X", version);
        }

        void endFunctionalGroup(int sets) throws EDIStreamException {
            segment("GE", Integer.toString(sets), Long.toString(Long.parseLong(controlNumber)));
        }

        void functionalAck(InterchangeSummary.Group group, int setNumber, boolean as999) throws EDIStreamException {
            segmentsInSet = 0;
            String setControl = String.format("%04d", setNumber);
            if (as999) {
                setSegment("ST", "999", setControl, X12_999_VERSION);
                setSegment("AK1", safe(group.functionalId()), safe(group.controlNumber()), safe(group.version()));
            } else {
                setSegment("ST", "997", setControl);
                setSegment("AK1", safe(group.functionalId()), safe(group.controlNumber()));
            }
            int accepted = 0;
            for (InterchangeSummary.Transaction transaction : group.transactions()) {
                if (transaction.status() != EdiStatus.REJECTED) {
                    accepted++;
                }
                transactionSet(transaction, as999);
            }
            List<String> ak9 = new ArrayList<>();
            ak9.add(x12Code(group.status()));
            ak9.add(Integer.toString(group.declaredCount() >= 0 ? group.declaredCount() : group.transactions().size()));
            ak9.add(Integer.toString(group.transactions().size()));
            ak9.add(Integer.toString(group.status() == EdiStatus.REJECTED ? 0 : accepted));
            ak9.addAll(codes(group.findings(), 5));
            setSegment("AK9", ak9.toArray(String[]::new));
            segmentsInSet++;
            segment("SE", Integer.toString(segmentsInSet), setControl);
        }

        private void transactionSet(InterchangeSummary.Transaction transaction, boolean as999) throws EDIStreamException {
            setSegment("AK2", safe(transaction.type()), safe(transaction.controlNumber()));
            for (Map.Entry<Integer, List<EdiFinding>> bySegment : segmentFindings(transaction).entrySet()) {
                List<EdiFinding> findings = bySegment.getValue();
                EdiFinding segmentFinding = findings.stream().filter(f -> f.level() == Level.SEGMENT).findFirst()
                        .orElse(null);
                EdiFinding first = findings.get(0);
                String loop = first.where().loopId();
                setSegment(as999 ? "IK3" : "AK3", safe(first.where().segmentTag()),
                        Integer.toString(bySegment.getKey()), loop == null ? "" : safe(loop),
                        segmentFinding != null ? segmentFinding.ackCode() : "8");
                for (EdiFinding finding : findings) {
                    if (finding.level() != Level.ELEMENT) {
                        continue;
                    }
                    EdiFinding.Where where = finding.where();
                    String position = Integer.toString(Math.max(where.elementPosition(), 1));
                    if (where.componentPosition() > 0) {
                        position += ">" + where.componentPosition();
                    }
                    setSegment(as999 ? "IK4" : "AK4", position,
                            where.elementReference() == null ? "" : where.elementReference(), finding.ackCode(),
                            badData(where.data()));
                }
            }
            List<String> ak5 = new ArrayList<>();
            ak5.add(x12Code(transaction.status()));
            List<String> codes = codes(transactionLevel(transaction), 5);
            if (codes.isEmpty() && transaction.status() != EdiStatus.ACCEPTED && hasContentFindings(transaction)) {
                codes = List.of("5");
            }
            ak5.addAll(codes);
            setSegment(as999 ? "IK5" : "AK5", ak5.toArray(String[]::new));
        }

        private void setSegment(String tag, String... elements) throws EDIStreamException {
            segmentsInSet++;
            segment(tag, elements);
        }

        private void segment(String tag, String... elements) throws EDIStreamException {
            writeSegment(writer, tag, ">", elements);
        }

        Acknowledgment finish(String kind, EdiStatus status, boolean duplicate) throws EDIStreamException {
            segment("IEA", Integer.toString(groups), controlNumber);
            writer.endInterchange();
            writer.close();
            return new Acknowledgment(StandardCodes.X12, X12_CONTENT_TYPE, kind, controlNumber, received.id(), status,
                    duplicate, bytes.toString(StandardCharsets.UTF_8));
        }

        /** X12 data may not contain the delimiters this acknowledgment uses. */
        private String safe(String value) {
            if (value == null) {
                return "";
            }
            StringBuilder out = new StringBuilder(value.length());
            for (char c : value.toCharArray()) {
                out.append(c == '*' || c == '~' || c == '>' || c == '^' || c < ' ' ? ' ' : c);
            }
            return out.toString();
        }

        private String badData(String data) {
            if (data == null) {
                return "";
            }
            String clean = safe(data).trim();
            return clean.length() <= MAX_BAD_DATA ? clean : clean.substring(0, MAX_BAD_DATA);
        }
    }

    private static String x12Code(EdiStatus status) {
        switch (status) {
            case ACCEPTED:
                return "A";
            case ACCEPTED_WITH_ERRORS:
                return "E";
            case PARTIALLY_ACCEPTED:
                return "P";
            default:
                return "R";
        }
    }

    // ---------------------------------------------------------------- EDIFACT

    private Acknowledgment contrl(InterchangeSummary received, long controlNumber) throws EDIStreamException {
        ContrlWriter out = new ContrlWriter(received, controlNumber);
        EdiFinding interchangeFinding = received.findings().stream().filter(EdiFinding::acknowledged).findFirst()
                .orElse(null);
        out.uci(received.status() == EdiStatus.REJECTED ? ACTION_REJECTED : ACTION_ACKNOWLEDGED,
                interchangeFinding == null ? null : interchangeFinding.ackCode(), interchangeFinding);
        if (received.status() != EdiStatus.REJECTED) {
            for (InterchangeSummary.Transaction message : received.transactions()) {
                out.ucm(message);
            }
            for (InterchangeSummary.Group group : received.groups()) {
                out.ucf(group);
                for (InterchangeSummary.Transaction message : group.transactions()) {
                    out.ucm(message);
                }
            }
        }
        return out.finish(received.status(), false);
    }

    /** Writes one EDIFACT interchange holding one CONTRL message. */
    private final class ContrlWriter {
        private final InterchangeSummary received;
        private final String controlNumber;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final EDIStreamWriter writer;
        private int segmentsInMessage;

        ContrlWriter(InterchangeSummary received, long controlNumber) throws EDIStreamException {
            this.received = received;
            this.controlNumber = Long.toString(controlNumber);
            this.writer = factory.createEDIStreamWriter(bytes, StandardCharsets.UTF_8.name());
            ZonedDateTime now = ZonedDateTime.now(clock);
            String[] syntax = received.version().split(":", 2);
            String syntaxId = syntax[0].isEmpty() ? "UNOA" : syntax[0];
            String syntaxVersion = syntax.length > 1 && !syntax[1].isEmpty() ? syntax[1] : "3";
            boolean v4 = syntaxVersion.compareTo("4") >= 0;
            writer.setControlSchema(controlSchema("EDIFACT", syntaxId, syntaxVersion));
            writer.startInterchange();
            List<String[]> unb = new ArrayList<>();
            unb.add(new String[] {syntaxId, syntaxVersion});
            unb.add(new String[] {received.receiver(), received.receiverQualifier()});
            unb.add(new String[] {received.id().sender(), received.id().senderQualifier()});
            unb.add(new String[] {now.format(DateTimeFormatter.ofPattern(v4 ? "yyyyMMdd" : "yyMMdd")),
                    now.format(DateTimeFormatter.ofPattern("HHmm"))});
            unb.add(new String[] {this.controlNumber});
            if (received.test()) {
                for (int i = 0; i < 5; i++) {
                    unb.add(new String[] {""});
                }
                unb.add(new String[] {"1"});
            }
            composites("UNB", unb);
            message("UNH", List.of(new String[] {"1"},
                    v4 ? new String[] {"CONTRL", "4", "1", "UN"} : new String[] {"CONTRL", "D", "3", "UN"}));
        }

        void uci(String action, String errorCode, EdiFinding finding) throws EDIStreamException {
            List<String[]> uci = new ArrayList<>();
            uci.add(new String[] {received.id().controlNumber()});
            uci.add(new String[] {received.id().sender(), received.id().senderQualifier()});
            uci.add(new String[] {received.receiver(), received.receiverQualifier()});
            uci.add(new String[] {action});
            addErrorDetail(uci, errorCode, finding);
            message("UCI", uci);
        }

        void ucf(InterchangeSummary.Group group) throws EDIStreamException {
            EdiFinding finding = group.findings().stream().filter(EdiFinding::acknowledged).findFirst().orElse(null);
            if (group.status() == EdiStatus.ACCEPTED && finding == null) {
                List<String[]> ucf = groupIdentity(group);
                ucf.add(new String[] {ACTION_ACKNOWLEDGED});
                message("UCF", ucf);
                return;
            }
            List<String[]> ucf = groupIdentity(group);
            ucf.add(new String[] {group.status() == EdiStatus.REJECTED ? ACTION_REJECTED : ACTION_ACKNOWLEDGED});
            addErrorDetail(ucf, finding == null ? null : finding.ackCode(), finding);
            message("UCF", ucf);
        }

        private List<String[]> groupIdentity(InterchangeSummary.Group group) {
            List<String[]> identity = new ArrayList<>();
            identity.add(new String[] {group.controlNumber()});
            identity.add(new String[] {group.sender(), group.senderQualifier()});
            identity.add(new String[] {group.receiver(), group.receiverQualifier()});
            return identity;
        }

        void ucm(InterchangeSummary.Transaction message) throws EDIStreamException {
            boolean hasFindings = message.findings().stream().anyMatch(EdiFinding::acknowledged);
            if (message.status() == EdiStatus.ACCEPTED && !hasFindings) {
                return;
            }
            EdiFinding messageFinding = transactionLevel(message).stream().findFirst().orElse(null);
            List<String[]> ucm = new ArrayList<>();
            ucm.add(new String[] {message.controlNumber()});
            ucm.add(message.messageIdentifier().isEmpty() ? new String[] {message.type()}
                    : message.messageIdentifier().toArray(String[]::new));
            ucm.add(new String[] {message.status() == EdiStatus.REJECTED ? ACTION_REJECTED : ACTION_ACKNOWLEDGED});
            addErrorDetail(ucm, messageFinding == null ? null : messageFinding.ackCode(), messageFinding);
            message("UCM", ucm);
            for (Map.Entry<Integer, List<EdiFinding>> bySegment : segmentFindings(message).entrySet()) {
                List<EdiFinding> findings = bySegment.getValue();
                EdiFinding segmentFinding = findings.stream().filter(f -> f.level() == Level.SEGMENT).findFirst()
                        .orElse(null);
                List<String[]> ucs = new ArrayList<>();
                ucs.add(new String[] {Integer.toString(bySegment.getKey())});
                if (segmentFinding != null) {
                    ucs.add(new String[] {segmentFinding.ackCode()});
                }
                message("UCS", ucs);
                for (EdiFinding finding : findings) {
                    if (finding.level() == Level.ELEMENT) {
                        EdiFinding.Where where = finding.where();
                        message("UCD", List.of(new String[] {finding.ackCode()}, position(where)));
                    }
                }
            }
        }

        private void addErrorDetail(List<String[]> segment, String errorCode, EdiFinding finding) {
            if (errorCode == null) {
                return;
            }
            segment.add(new String[] {errorCode});
            if (finding != null && finding.where().segmentTag() != null && isServiceSegment(finding.where().segmentTag())) {
                segment.add(new String[] {finding.where().segmentTag()});
                if (finding.where().elementPosition() > 0) {
                    segment.add(position(finding.where()));
                }
            }
        }

        private String[] position(EdiFinding.Where where) {
            int element = Math.max(where.elementPosition(), 1);
            return where.componentPosition() > 0
                    ? new String[] {Integer.toString(element), Integer.toString(where.componentPosition())}
                    : new String[] {Integer.toString(element)};
        }

        private void message(String tag, List<String[]> elements) throws EDIStreamException {
            segmentsInMessage++;
            composites(tag, elements);
        }

        private void composites(String tag, List<String[]> elements) throws EDIStreamException {
            writer.writeStartSegment(tag);
            for (String[] components : elements) {
                if (components.length == 1) {
                    writer.writeElement(components[0] == null ? "" : components[0]);
                } else {
                    writer.writeStartElement();
                    for (String component : components) {
                        writer.writeComponent(component == null ? "" : component);
                    }
                    writer.endElement();
                }
            }
            writer.writeEndSegment();
        }

        Acknowledgment finish(EdiStatus status, boolean duplicate) throws EDIStreamException {
            segmentsInMessage++;
            composites("UNT", List.of(new String[] {Integer.toString(segmentsInMessage)}, new String[] {"1"}));
            composites("UNZ", List.of(new String[] {"1"}, new String[] {controlNumber}));
            writer.endInterchange();
            writer.close();
            return new Acknowledgment("EDIFACT", EDIFACT_CONTENT_TYPE, "CONTRL", controlNumber, received.id(), status,
                    duplicate, bytes.toString(StandardCharsets.UTF_8));
        }
    }

    private static boolean isServiceSegment(String tag) {
        return tag.startsWith("UN");
    }

    // ---------------------------------------------------------------- shared

    /** Writes a segment; a value containing {@code componentSeparator} (when not null) is written as a composite. */
    private static void writeSegment(EDIStreamWriter writer, String tag, String componentSeparator, String... elements)
            throws EDIStreamException {
        writer.writeStartSegment(tag);
        int last = elements.length;
        while (last > 0 && (elements[last - 1] == null || elements[last - 1].isEmpty())) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            String value = elements[i] == null ? "" : elements[i];
            if (componentSeparator != null && value.contains(componentSeparator)) {
                writer.writeStartElement();
                for (String component : value.split(java.util.regex.Pattern.quote(componentSeparator), -1)) {
                    writer.writeComponent(component);
                }
                writer.endElement();
            } else {
                writer.writeElement(value);
            }
        }
        writer.writeEndSegment();
    }

    /** Segment and element findings that an acknowledgment reports, by segment position in order. */
    private static Map<Integer, List<EdiFinding>> segmentFindings(InterchangeSummary.Transaction transaction) {
        Map<Integer, List<EdiFinding>> bySegment = new java.util.TreeMap<>();
        for (EdiFinding finding : transaction.findings()) {
            if ((finding.level() == Level.SEGMENT || finding.level() == Level.ELEMENT) && finding.acknowledged()) {
                bySegment.computeIfAbsent(Math.max(finding.where().segmentPosition(), 1), k -> new ArrayList<>())
                        .add(finding);
            }
        }
        return bySegment;
    }

    private static List<EdiFinding> transactionLevel(InterchangeSummary.Transaction transaction) {
        List<EdiFinding> findings = new ArrayList<>();
        for (EdiFinding finding : transaction.findings()) {
            if (finding.level() == Level.TRANSACTION && finding.acknowledged()) {
                findings.add(finding);
            }
        }
        return findings;
    }

    private static boolean hasContentFindings(InterchangeSummary.Transaction transaction) {
        return !segmentFindings(transaction).isEmpty();
    }

    /** The distinct codes of acknowledged findings, at most {@code max}. */
    private static List<String> codes(List<EdiFinding> findings, int max) {
        Map<String, Boolean> codes = new LinkedHashMap<>();
        for (EdiFinding finding : findings) {
            if (finding.acknowledged() && codes.size() < max) {
                codes.put(finding.ackCode(), Boolean.TRUE);
            }
        }
        return new ArrayList<>(codes.keySet());
    }

    private static String pad(String value, int width) {
        String text = value == null ? "" : value;
        if (text.length() >= width) {
            return text.substring(0, width);
        }
        return text + " ".repeat(width - text.length());
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
