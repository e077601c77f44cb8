package io.waybill.adapter.edi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waybill.adapter.edi.EdiFinding.Code;
import io.waybill.adapter.edi.EdiFinding.Level;
import io.waybill.adapter.edi.EdiFinding.Severity;
import io.waybill.adapter.edi.EdiFinding.Where;
import io.waybill.adapter.edi.EdiReadResult.Failure;
import io.waybill.adapter.edi.EdiReadResult.Failure.Kind;
import io.waybill.adapter.support.Provenance;
import io.waybill.adapter.support.RawDocument;
import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.EDIStreamValidationError;
import io.xlate.edi.stream.Location;

import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferOverflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One pass over one input: turns StAEDI's event stream into delivered transactions and interchange
 * summaries, checking the envelope on the way. Not thread-safe; one per {@link EdiReader#read} call.
 */
final class ReadSession {

    private static final Set<String> ENVELOPE_TAGS = Set.of("ISA", "IEA", "GS", "GE", "ST", "SE",
            "UNA", "UNB", "UNZ", "UNG", "UNE", "UNH", "UNT");
    /** Elements, repetitions or components one segment may hold: far above any standard segment. */
    static final int MAX_VALUES_PER_POSITION = 999;
    private static final int ENVELOPE_ELEMENTS = 32;

    private final EDIInputFactory factory;
    private final EdiLimits limits;
    private final EdiContext context;
    private final Consumer<EdiTransaction> transactions;
    private final Consumer<InterchangeSummary> interchanges;

    private EDIStreamReader reader;
    /** Characters read by the readers of earlier interchanges: StAEDI counts from 0 in each. */
    private long baseOffset;
    private final List<InterchangeSummary> summaries = new ArrayList<>();
    private int itemIndex;
    private int delivered;

    private InterchangeState interchange;
    private GroupState group;
    private TransactionBuilder transaction;
    private SegmentBuilder segment;
    private boolean segmentInTransaction;

    ReadSession(EDIInputFactory factory, EdiLimits limits, EdiContext context, Consumer<EdiTransaction> transactions,
                Consumer<InterchangeSummary> interchanges) {
        this.factory = factory;
        this.limits = limits;
        this.context = context;
        this.transactions = transactions;
        this.interchanges = interchanges;
    }

    EdiReadResult run(InputStream input) {
        try {
            Failure failure = readAll(input);
            if (failure != null) {
                abandon(failure);
            } else if (summaries.isEmpty()) {
                failure = new Failure(Kind.NOT_EDI, "no X12 (ISA) or EDIFACT (UNA/UNB) interchange found in the input",
                        -1, null, -1, null);
            }
            return new EdiReadResult(summaries, failure, delivered);
        } catch (ConsumerFailure e) {
            throw e.getCause();
        }
    }

    /**
     * Reads interchange after interchange, each with a reader of its own: a StAEDI reader keeps the
     * control schema of the first interchange it meets, which would be wrong for a following
     * interchange of another standard or syntax version.
     */
    private Failure readAll(InputStream input) {
        LenientUtf8InputStream stream = new LenientUtf8InputStream(input);
        try {
            while (true) {
                reader = factory.createEDIStreamReader(stream, "UTF-8");
                boolean interchangeEnded = false;
                while (!interchangeEnded && reader.hasNext()) {
                    EDIStreamEvent event;
                    try {
                        event = reader.next();
                    } catch (EDIStreamException e) {
                        return parserFailure(e);
                    } catch (RuntimeException e) {
                        return failure(Kind.INTERNAL_ERROR, "the EDI parser failed at offset " + offset() + ": " + e,
                                offset());
                    }
                    handle(event);
                    interchangeEnded = event == EDIStreamEvent.END_INTERCHANGE;
                }
                if (!interchangeEnded || !reader.hasNext()) {
                    return null;
                }
                baseOffset += reader.getLocation().getCharacterOffset();
            }
        } catch (Stop stop) {
            return stop.failure;
        } catch (ConsumerFailure e) {
            throw e;
        } catch (EDIStreamException e) {
            return parserFailure(e);
        } catch (RuntimeException e) {
            return failure(Kind.INTERNAL_ERROR, "the EDI adapter failed on this input at offset " + offset() + ": " + e,
                    offset());
        }
    }

    // ---------------------------------------------------------------- events

    private void handle(EDIStreamEvent event) {
        switch (event) {
            case START_INTERCHANGE:
                startInterchange();
                break;
            case END_INTERCHANGE:
                finishInterchange(true);
                break;
            case START_GROUP:
                startGroup();
                break;
            case END_GROUP:
                finishGroup();
                break;
            case START_TRANSACTION:
                startTransaction();
                break;
            case END_TRANSACTION:
                if (transaction != null) {
                    finishTransaction(false);
                }
                break;
            case START_SEGMENT:
                startSegment(reader.getText());
                break;
            case END_SEGMENT:
                endSegment();
                break;
            case START_COMPOSITE:
                if (segment != null) {
                    Location location = reader.getLocation();
                    segment.composite(location.getElementPosition(), location.getElementOccurrence());
                }
                break;
            case ELEMENT_DATA:
                elementData();
                break;
            case ELEMENT_DATA_BINARY:
                binaryElement();
                break;
            case SEGMENT_ERROR:
            case ELEMENT_DATA_ERROR:
            case ELEMENT_OCCURRENCE_ERROR:
                validationError(event);
                break;
            default:
                break;
        }
    }

    private void startInterchange() {
        if (summaries.size() >= limits.maxInterchanges()) {
            throw stop(Kind.LIMIT_EXCEEDED, "the input holds more than " + limits.maxInterchanges()
                    + " interchanges (limit maxInterchanges)");
        }
        interchange = new InterchangeState(reader.getStandard(), Delimiters.of(reader.getDelimiters()), limits);
    }

    private void startGroup() {
        if (interchange.groups.size() >= limits.maxTransactionsPerInterchange()) {
            throw stop(Kind.LIMIT_EXCEEDED, "interchange " + interchange.controlNumber + " holds more than "
                    + limits.maxTransactionsPerInterchange() + " groups (limit maxTransactionsPerInterchange)");
        }
        group = new GroupState();
        interchange.groups.add(group);
    }

    private void startTransaction() {
        if (interchange.transactionCount >= limits.maxTransactionsPerInterchange()) {
            throw stop(Kind.LIMIT_EXCEEDED, "interchange " + interchange.controlNumber + " holds more than "
                    + limits.maxTransactionsPerInterchange() + " transactions (limit maxTransactionsPerInterchange)");
        }
        interchange.transactionCount++;
        transaction = new TransactionBuilder(interchange.delimiters, offset());
        if (interchange.isX12() && group == null) {
            interchange.addFinding(Level.INTERCHANGE, Code.UNEXPECTED_SEGMENT, policySeverity(),
                    StandardCodes.envelope(interchange.standard, Level.INTERCHANGE, Code.UNEXPECTED_SEGMENT),
                    "transaction set at segment " + (interchange.segmentCount + 1)
                            + " is outside a functional group (ST without GS)",
                    where("ST", interchange.segmentCount + 1, null));
        }
    }

    private void startSegment(String tag) {
        if ("UNA".equals(tag) && !interchange.headerStarted) {
            segment = null;
            return;
        }
        interchange.segmentCount++;
        if (transaction != null) {
            if (isTransactionHeader(tag) && transaction.headerRead) {
                splitTransaction(tag);
            }
            transaction.segmentCount++;
            if (transaction.segmentCount > limits.maxSegmentsPerTransaction()) {
                throw stop(Kind.LIMIT_EXCEEDED, "transaction " + transaction.controlNumber + " (" + transaction.type
                        + ") has more than " + limits.maxSegmentsPerTransaction()
                        + " segments (limit maxSegmentsPerTransaction)");
            }
            segment = new SegmentBuilder(tag, MAX_VALUES_PER_POSITION);
            segmentInTransaction = true;
            return;
        }
        if (("ISA".equals(tag) || "UNB".equals(tag) || "UNA".equals(tag)) && interchange.headerStarted) {
            interchange.addFinding(Level.INTERCHANGE, Code.TRAILER_MISSING, policySeverity(),
                    StandardCodes.envelope(interchange.standard, Level.INTERCHANGE, Code.TRAILER_MISSING),
                    interchange.trailerTag() + " is missing: a new interchange header " + tag + " starts at segment "
                            + interchange.segmentCount + " before interchange " + interchange.controlNumber + " ended",
                    Where.segment(tag, interchange.segmentCount, null, offset()));
            interchange.trailerMissingReported = true;
            throw stop(Kind.MALFORMED, "interchange " + interchange.controlNumber + " has no " + interchange.trailerTag()
                    + " trailer: a new " + tag + " header follows; the rest of the input is not read");
        }
        if ("ISA".equals(tag) || "UNB".equals(tag)) {
            interchange.headerStarted = true;
        }
        segment = new SegmentBuilder(tag, ENVELOPE_ELEMENTS);
        segmentInTransaction = false;
    }

    private void elementData() {
        if (segment == null) {
            return;
        }
        Location location = reader.getLocation();
        String text = reader.getText();
        if (text.length() > limits.maxElementLength()) {
            throw stop(Kind.LIMIT_EXCEEDED, "element " + FindingMessages.elementName(location) + " is " + text.length()
                    + " characters long (limit maxElementLength " + limits.maxElementLength() + ")");
        }
        if (segmentInTransaction && offsetOf(location) - transaction.startOffset > limits.maxTransactionChars()) {
            throw stop(Kind.LIMIT_EXCEEDED, "transaction " + transaction.controlNumber + " (" + transaction.type
                    + ") is longer than " + limits.maxTransactionChars() + " characters (limit maxTransactionChars)");
        }
        int element = location.getElementPosition();
        int component = location.getComponentPosition();
        int occurrence = location.getElementOccurrence();
        if (element > MAX_VALUES_PER_POSITION || component > MAX_VALUES_PER_POSITION
                || occurrence > MAX_VALUES_PER_POSITION) {
            throw stop(Kind.LIMIT_EXCEEDED, "segment " + location.getSegmentTag() + " has more than "
                    + MAX_VALUES_PER_POSITION + " elements, repetitions or components");
        }
        segment.value(element, component, occurrence, text);
    }

    private void binaryElement() {
        Location location = reader.getLocation();
        addContentOrEnvelopeNote(Code.BINARY_ELEMENT_SKIPPED, "binary element " + FindingMessages.elementName(location)
                + " was skipped", location);
    }

    private void endSegment() {
        SegmentBuilder finished = segment;
        segment = null;
        if (finished == null) {
            return;
        }
        if (segmentInTransaction && transaction != null) {
            endTransactionSegment(finished);
        } else {
            endEnvelopeSegment(finished);
        }
    }

    private void endTransactionSegment(SegmentBuilder finished) {
        String tag = finished.tag();
        boolean header = transaction.segmentCount == 1 && isTransactionHeader(tag);
        boolean trailer = !header && ("SE".equals(tag) || "UNT".equals(tag));
        TransactionStructure.Segment definition = null;
        if (transaction.matcher != null && !header) {
            LoopMatcher.Placement placement = trailer ? transaction.matcher.finish() : transaction.matcher.place(tag);
            for (int i = 0; i < placement.close(); i++) {
                transaction.endLoop();
            }
            if (placement.open() != null) {
                transaction.startLoop(placement.open().id);
            }
            for (LoopMatcher.Problem problem : placement.problems()) {
                transaction(Level.SEGMENT, problem.code(), Severity.ERROR,
                        StandardCodes.segment(interchange.standard, problem.code()),
                        FindingMessages.segmentMessage(problem.code(), problem.tag(), transaction.segmentCount, problem.loopId()),
                        where(problem.tag(), transaction.segmentCount, problem.loopId()));
            }
            if (!trailer) {
                definition = transaction.structure.segment(tag);
                if (definition != null) {
                    checkElements(finished, definition);
                }
            }
        }
        String note = transaction.addSegment(finished, definition);
        if (note != null) {
            transaction(Level.SEGMENT, Code.HIERARCHY_PARENT_NOT_FOUND, Severity.NOTE, null, note,
                    where(tag, transaction.segmentCount, transaction.currentLoop()));
        }
        if (header) {
            readTransactionHeader(finished);
        } else if (trailer) {
            readTransactionTrailer(finished);
        }
    }

    private void checkElements(SegmentBuilder segment, TransactionStructure.Segment definition) {
        String loop = transaction.currentLoop();
        int position = transaction.segmentCount;
        long offset = offset();
        SegmentChecks.check(segment, definition, (code, element, component, repetition, data) -> {
            String name = segment.tag() + (element < 10 ? "0" : "") + element + (component > 0 ? "-" + component : "");
            transaction(Level.ELEMENT, code, Severity.ERROR, StandardCodes.element(interchange.standard, code),
                    FindingMessages.contentElementMessage(code, name, segment.tag(), data),
                    new Where(segment.tag(), position, element, component, repetition, loop, offset,
                            data == null ? null : FindingMessages.truncate(data), null));
        });
    }

    private void endEnvelopeSegment(SegmentBuilder finished) {
        switch (finished.tag()) {
            case "ISA":
                interchange.readIsa(finished);
                afterInterchangeHeader();
                break;
            case "UNB":
                interchange.readUnb(finished);
                checkEdifactDateTime(finished, Level.INTERCHANGE);
                afterInterchangeHeader();
                break;
            case "GS":
            case "UNG":
                if (group != null) {
                    group.readHeader(finished, interchange.standard);
                    if ("UNG".equals(finished.tag())) {
                        checkEdifactDateTime(finished, Level.GROUP);
                    }
                }
                break;
            case "GE":
            case "UNE":
                if (group != null) {
                    readGroupTrailer(finished);
                }
                break;
            case "IEA":
            case "UNZ":
                readInterchangeTrailer(finished);
                break;
            default:
                break;
        }
    }

    /** StAEDI's EDIFACT control schemas type the UNB/UNG date and time as numbers: check them as a date and time. */
    private void checkEdifactDateTime(SegmentBuilder header, Level level) {
        String date = header.component(4, 1);
        String time = header.component(4, 2);
        if (!date.isEmpty() && !SegmentChecks.validDate(date)) {
            envelopeDateTimeFinding(header.tag(), level, 1, date, "date");
        }
        if (!time.isEmpty() && !SegmentChecks.validTime(time)) {
            envelopeDateTimeFinding(header.tag(), level, 2, time, "time");
        }
    }

    private void envelopeDateTimeFinding(String tag, Level level, int component, String value, String what) {
        String ackCode = StandardCodes.element(interchange.standard, what.equals("date") ? Code.INVALID_DATE : Code.INVALID_TIME);
        String message = "element " + tag + "04-" + component + " '" + FindingMessages.truncate(value) + "' is not a valid " + what;
        Where where = new Where(tag, interchange.segmentCount, 4, component, 1, null, offset(), FindingMessages.truncate(value), null);
        if (level == Level.INTERCHANGE) {
            interchange.addFinding(level, Code.INVALID_ENVELOPE_VALUE, policySeverity(), ackCode, message, where);
        } else {
            group(Code.INVALID_ENVELOPE_VALUE, policySeverity(), ackCode, message, where);
        }
    }

    private void afterInterchangeHeader() {
        interchange.duplicate = context.duplicateCheck().test(interchange.id());
    }

    // ---------------------------------------------------------------- envelope checks

    private void readTransactionHeader(SegmentBuilder header) {
        transaction.headerRead = true;
        boolean x12 = interchange.isX12();
        if (x12) {
            transaction.type = header.text(1);
            transaction.controlNumber = header.text(2);
            transaction.implementation = header.text(3);
            transaction.version = !header.text(3).isEmpty() ? header.text(3) : group != null ? group.version : "";
            transaction.agency = group != null ? group.agency : "";
        } else {
            transaction.type = header.component(2, 1);
            transaction.controlNumber = header.text(1);
            transaction.version = header.component(2, 2) + header.component(2, 3);
            transaction.agency = header.component(2, 4);
            transaction.implementation = header.component(2, 5);
            transaction.messageIdentifier = header.components(2);
        }
        Set<String> seen = group != null ? group.controlNumbers : interchange.messageControlNumbers;
        if (!transaction.controlNumber.isEmpty() && !seen.add(transaction.controlNumber)) {
            transaction(Level.TRANSACTION, Code.DUPLICATE_CONTROL_NUMBER, policySeverity(),
                    StandardCodes.envelope(interchange.standard, Level.TRANSACTION, Code.DUPLICATE_CONTROL_NUMBER),
                    header.tag() + " control number " + transaction.controlNumber + " is used twice in "
                            + (group != null ? "group " + group.controlNumber : "interchange " + interchange.controlNumber),
                    where(header.tag(), 1, null));
        }
        transaction.structure = TransactionSchemas.forType(interchange.standard, transaction.type);
        transaction.matcher = transaction.structure == null ? null : new LoopMatcher(transaction.structure);
    }

    private void readTransactionTrailer(SegmentBuilder trailer) {
        transaction.trailerSeen = true;
        String tag = trailer.tag();
        String declaredCount = trailer.text(1);
        String control = trailer.text(2);
        String headerTag = interchange.isX12() ? "ST" : "UNH";
        checkCount(declaredCount, transaction.segmentCount, tag + "01", "segments (" + headerTag + " through " + tag + ")",
                Level.TRANSACTION, tag);
        if (!control.equals(transaction.controlNumber)) {
            transaction(Level.TRANSACTION, Code.CONTROL_NUMBER_MISMATCH, policySeverity(),
                    StandardCodes.envelope(interchange.standard, Level.TRANSACTION, Code.CONTROL_NUMBER_MISMATCH),
                    tag + "02 control number '" + control + "' differs from " + headerTag + " '"
                            + transaction.controlNumber + "'",
                    where(tag, transaction.segmentCount, null));
        }
    }

    private void readGroupTrailer(SegmentBuilder trailer) {
        group.trailerSeen = true;
        String tag = trailer.tag();
        group.declaredCount = number(trailer.text(1));
        checkCount(trailer.text(1), group.transactions.size(), tag + "01", "transactions in group " + group.controlNumber,
                Level.GROUP, tag);
        String control = trailer.text(2);
        if (!control.equals(group.controlNumber)) {
            group(Code.CONTROL_NUMBER_MISMATCH, policySeverity(),
                    StandardCodes.envelope(interchange.standard, Level.GROUP, Code.CONTROL_NUMBER_MISMATCH),
                    tag + "02 control number '" + control + "' differs from " + (interchange.isX12() ? "GS06" : "UNG")
                            + " '" + group.controlNumber + "'",
                    where(tag, interchange.segmentCount, null));
        }
    }

    private void readInterchangeTrailer(SegmentBuilder trailer) {
        interchange.trailerSeen = true;
        String tag = trailer.tag();
        boolean x12 = interchange.isX12();
        int actual = x12 || !interchange.groups.isEmpty() ? interchange.groups.size() : interchange.ungrouped.size();
        String counted = x12 || !interchange.groups.isEmpty() ? "groups" : "messages";
        checkCount(trailer.text(1), actual, tag + "01", counted + " in interchange " + interchange.controlNumber,
                Level.INTERCHANGE, tag);
        String control = trailer.text(2);
        if (!control.equals(interchange.controlNumber)) {
            interchange.addFinding(Level.INTERCHANGE, Code.CONTROL_NUMBER_MISMATCH, policySeverity(),
                    StandardCodes.envelope(interchange.standard, Level.INTERCHANGE, Code.CONTROL_NUMBER_MISMATCH),
                    tag + "02 control number '" + control + "' differs from " + (x12 ? "ISA13" : "UNB")
                            + " '" + interchange.controlNumber + "'",
                    where(tag, interchange.segmentCount, null));
        }
    }

    private void checkCount(String declared, int actual, String element, String what, Level level, String tag) {
        int value = number(declared);
        if (value == actual) {
            return;
        }
        String message = value < 0
                ? element + " '" + declared + "' is not a count; " + actual + " " + what + " were received"
                : element + " says " + value + " but " + actual + " " + what + " were received";
        String code = StandardCodes.envelope(interchange.standard, level, Code.COUNT_MISMATCH);
        switch (level) {
            case TRANSACTION:
                transaction(level, Code.COUNT_MISMATCH, policySeverity(), code, message,
                        where(tag, transaction.segmentCount, null));
                break;
            case GROUP:
                group(Code.COUNT_MISMATCH, policySeverity(), code, message, where(tag, interchange.segmentCount, null));
                break;
            default:
                interchange.addFinding(level, Code.COUNT_MISMATCH, policySeverity(), code, message,
                        where(tag, interchange.segmentCount, null));
        }
    }

    private static int number(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > 9) {
            return -1;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (!Character.isDigit(trimmed.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(trimmed);
    }

    /** A transaction header arrived before the trailer of the one being read: close that one. */
    private void splitTransaction(String tag) {
        transaction(Level.TRANSACTION, Code.TRAILER_MISSING, policySeverity(),
                StandardCodes.envelope(interchange.standard, Level.TRANSACTION, Code.TRAILER_MISSING),
                (interchange.isX12() ? "SE" : "UNT") + " is missing: transaction " + transaction.controlNumber
                        + " is followed by a new " + tag + " at offset " + offset(),
                where(tag, transaction.segmentCount + 1, null));
        finishTransaction(false);
        startTransaction();
    }

    // ---------------------------------------------------------------- validation events

    private void validationError(EDIStreamEvent event) {
        EDIStreamValidationError error = reader.getErrorType();
        if (error == EDIStreamValidationError.CONTROL_REFERENCE_MISMATCH
                || error == EDIStreamValidationError.CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT) {
            return; // checked by this session, with messages of its own
        }
        Location location = reader.getLocation();
        String text = reader.getText();
        Code code = StandardCodes.code(error);
        if (event == EDIStreamEvent.SEGMENT_ERROR) {
            // Envelope structure is checked by this session, and the content of transactions by its
            // LoopMatcher (StAEDI is given no transaction schema): StAEDI's own segment errors there
            // would repeat them, or follow from a missing trailer it cannot recover from.
            if (transaction == null && !ENVELOPE_TAGS.contains(text)) {
                interchange.addFinding(Level.INTERCHANGE, Code.UNEXPECTED_SEGMENT, policySeverity(),
                        StandardCodes.envelope(interchange.standard, Level.INTERCHANGE, Code.UNEXPECTED_SEGMENT),
                        "segment " + text + " is not expected at segment " + (interchange.segmentCount + 1)
                                + " of interchange " + interchange.controlNumber,
                        where(text, interchange.segmentCount + 1, null));
            }
            return;
        }
        String tag = location.getSegmentTag();
        int position = location.getElementPosition();
        String message = FindingMessages.elementMessage(code, location, text);
        String reference = elementReference(reader.getReferenceCode());
        switch (scopeOf(tag)) {
            case INTERCHANGE:
                interchange.addFinding(Level.INTERCHANGE, Code.INVALID_ENVELOPE_VALUE, policySeverity(),
                        StandardCodes.interchangeElement(interchange.standard, tag, position, code), message,
                        elementWhere(location, interchange.segmentCount, null, text, reference));
                break;
            case GROUP:
                if (group != null) {
                    group(Code.INVALID_ENVELOPE_VALUE, policySeverity(),
                            StandardCodes.groupElement(interchange.standard, tag, position, code), message,
                            elementWhere(location, interchange.segmentCount, null, text, reference));
                }
                break;
            case TRANSACTION:
                if (transaction != null) {
                    transaction(Level.TRANSACTION, Code.INVALID_ENVELOPE_VALUE, policySeverity(),
                            StandardCodes.transactionElement(interchange.standard, tag, position, code), message,
                            elementWhere(location, transaction.segmentCount, null, text, reference));
                }
                break;
            default:
                if (transaction != null) {
                    transaction(Level.ELEMENT, code, Severity.ERROR, StandardCodes.element(interchange.standard, code),
                            message, elementWhere(location, transaction.segmentCount, transaction.currentLoop(), text,
                                    reference));
                }
        }
    }

    private static Level scopeOf(String tag) {
        if (tag == null) {
            return Level.ELEMENT;
        }
        switch (tag) {
            case "ISA":
            case "IEA":
            case "UNB":
            case "UNZ":
                return Level.INTERCHANGE;
            case "GS":
            case "GE":
            case "UNG":
            case "UNE":
                return Level.GROUP;
            case "ST":
            case "SE":
            case "UNH":
            case "UNT":
                return Level.TRANSACTION;
            default:
                return Level.ELEMENT;
        }
    }

    private static String elementReference(String code) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        for (int i = 0; i < code.length(); i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return null;
            }
        }
        return code;
    }

    private void addContentOrEnvelopeNote(Code code, String message, Location location) {
        if (transaction != null) {
            transaction(Level.ELEMENT, code, Severity.NOTE, null, message,
                    elementWhere(location, transaction.segmentCount, transaction.currentLoop(), null, null));
        } else if (interchange != null) {
            interchange.addFinding(Level.INTERCHANGE, code, Severity.NOTE, null, message,
                    elementWhere(location, interchange.segmentCount, null, null, null));
        }
    }

    // ---------------------------------------------------------------- finishing

    private void finishTransaction(boolean incomplete) {
        TransactionBuilder finished = transaction;
        transaction = null;
        if (!finished.trailerSeen && !incomplete) {
            boolean reported = finished.findings.stream().anyMatch(f -> f.code() == Code.TRAILER_MISSING);
            if (!reported) {
                addTo(finished, Level.TRANSACTION, Code.TRAILER_MISSING, policySeverity(),
                        StandardCodes.envelope(interchange.standard, Level.TRANSACTION, Code.TRAILER_MISSING),
                        (interchange.isX12() ? "SE" : "UNT") + " is missing for transaction " + finished.controlNumber,
                        where(null, finished.segmentCount, null));
            }
        }
        EdiStatus status = finished.rejecting ? EdiStatus.REJECTED
                : finished.errors ? EdiStatus.ACCEPTED_WITH_ERRORS : EdiStatus.ACCEPTED;
        boolean deliver = !incomplete && status != EdiStatus.REJECTED && !interchange.duplicate
                && !interchange.rejecting && (group == null || !group.rejecting);
        int index = itemIndex++;
        if (deliver) {
            deliver(finished, status, index);
        }
        InterchangeSummary.Transaction summary = new InterchangeSummary.Transaction(finished.type,
                finished.controlNumber, finished.version, finished.messageIdentifier, status, deliver,
                finished.segmentCount, finished.findings);
        if (group != null) {
            group.transactions.add(summary);
        } else {
            interchange.ungrouped.add(summary);
        }
    }

    private void deliver(TransactionBuilder finished, EdiStatus status, int index) {
        ObjectNode body = finished.body(EnvelopeBlock.of(interchange, group, finished));
        String format = interchange.isX12() ? "x12" : "edifact";
        Provenance provenance = new Provenance(context.partner(), context.channel(), format, context.receivedAt(),
                context.rawRef(), index, context.traceparent());
        EdiTransaction delivered = new EdiTransaction(new RawDocument(body, finished.rawBytes(), provenance),
                interchange.id(), group == null ? null : group.controlNumber, finished.type, finished.controlNumber,
                status, finished.findings);
        try {
            transactions.accept(delivered);
        } catch (RuntimeException e) {
            throw new ConsumerFailure(e);
        }
        this.delivered++;
    }

    private void finishGroup() {
        GroupState finished = group;
        if (finished == null) {
            return;
        }
        if (!finished.trailerSeen) {
            group(Code.TRAILER_MISSING, policySeverity(),
                    StandardCodes.envelope(interchange.standard, Level.GROUP, Code.TRAILER_MISSING),
                    (interchange.isX12() ? "GE" : "UNE") + " is missing for group " + finished.controlNumber,
                    where(null, interchange.segmentCount, null));
        }
        group = null;
    }

    private void finishInterchange(boolean complete) {
        InterchangeState finished = interchange;
        if (finished == null) {
            return;
        }
        if (!finished.trailerSeen && !finished.trailerMissingReported && complete) {
            finished.addFinding(Level.INTERCHANGE, Code.TRAILER_MISSING, policySeverity(),
                    StandardCodes.envelope(finished.standard, Level.INTERCHANGE, Code.TRAILER_MISSING),
                    finished.trailerTag() + " is missing for interchange " + finished.controlNumber,
                    where(null, finished.segmentCount, null));
        }
        InterchangeSummary summary = finished.summary(finished.trailerSeen);
        interchange = null;
        summaries.add(summary);
        if (interchanges != null) {
            try {
                interchanges.accept(summary);
            } catch (RuntimeException e) {
                throw new ConsumerFailure(e);
            }
        }
    }

    /** The read stopped: close what is open so that its summary (and a rejecting acknowledgment) can be made. */
    private void abandon(Failure failure) {
        if (interchange == null) {
            return;
        }
        segment = null;
        if (transaction != null) {
            if (transaction.trailerSeen) {
                finishTransaction(false);
            } else {
                transaction(Level.TRANSACTION, Code.TRAILER_MISSING, Severity.REJECTING,
                        StandardCodes.envelope(interchange.standard, Level.TRANSACTION, Code.TRAILER_MISSING),
                        "transaction " + transaction.controlNumber + " is incomplete: " + failure.message(),
                        where(null, transaction.segmentCount, null));
                finishTransaction(true);
            }
        }
        if (group != null) {
            finishGroup();
        }
        if (!interchange.trailerSeen && !interchange.trailerMissingReported) {
            boolean truncated = failure.kind() == Kind.TRUNCATED;
            Code code = truncated ? Code.TRAILER_MISSING : Code.UNREADABLE;
            interchange.addFinding(Level.INTERCHANGE, code, policySeverity(),
                    StandardCodes.envelope(interchange.standard, Level.INTERCHANGE, code),
                    (truncated ? interchange.trailerTag() + " is missing: " : "the interchange cannot be read to its end: ")
                            + failure.message(),
                    Where.segment(failure.segmentTag(), failure.segmentPosition(), null, failure.offset()));
        }
        finishInterchange(false);
    }

    // ---------------------------------------------------------------- findings

    private Severity policySeverity() {
        return context.policy() == EnvelopePolicy.REJECT ? Severity.REJECTING : Severity.ERROR;
    }

    private void transaction(Level level, Code code, Severity severity, String ackCode, String message, Where where) {
        addTo(transaction, level, code, severity, ackCode, message, where);
    }

    private void addTo(TransactionBuilder target, Level level, Code code, Severity severity, String ackCode,
                       String message, Where where) {
        interchange.keep(target, new EdiFinding(level, code, severity, ackCode, message, where));
    }

    private void group(Code code, Severity severity, String ackCode, String message, Where where) {
        interchange.keep(group, new EdiFinding(Level.GROUP, code, severity, ackCode, message, where));
    }

    private Where where(String tag, int position, String loop) {
        return Where.segment(tag, position, loop, offset());
    }

    private Where elementWhere(Location location, int segmentPosition, String loop, String data, String reference) {
        return new Where(location.getSegmentTag(), segmentPosition, location.getElementPosition(),
                location.getComponentPosition(), location.getElementOccurrence(), loop, offsetOf(location),
                data == null || data.isEmpty() ? null : FindingMessages.truncate(data), reference);
    }

    private long offset() {
        try {
            return reader == null ? -1 : offsetOf(reader.getLocation());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The offset in the whole input of a location reported by the current reader. */
    private long offsetOf(Location location) {
        return baseOffset + location.getCharacterOffset();
    }

    // ---------------------------------------------------------------- failures

    private Failure parserFailure(EDIStreamException e) {
        Location location = e.getLocation();
        long offset = location == null ? offset() : offsetOf(location);
        String detail = parserDetail(e);
        Throwable cause = e.getCause();
        if (cause instanceof BufferOverflowException) {
            return failure(Kind.LIMIT_EXCEEDED, "an element is longer than the " + EdiLimits.PARSER_ELEMENT_BUFFER
                    + " characters the EDI parser can hold (at offset " + offset + ")", offset, location);
        }
        if (cause instanceof IOException) {
            return failure(Kind.IO_ERROR, "the input could not be read: " + cause.getMessage(), offset, location);
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("EDIE005")) {
            if (interchange == null) {
                return summaries.isEmpty()
                        ? failure(Kind.NOT_EDI, "no X12 (ISA) or EDIFACT (UNA/UNB) interchange found in the input", offset,
                        location)
                        : failure(Kind.TRUNCATED, "the input ends inside an interchange header at offset " + offset,
                        offset, location);
            }
            return failure(Kind.TRUNCATED, "the input ends at offset " + offset + " inside interchange "
                    + interchange.controlNumber + segmentPlace(location) + " (" + detail + ")", offset, location);
        }
        if (interchange == null && message.contains("X12 header")) {
            return failure(Kind.MALFORMED, "the ISA header is invalid: it must be exactly 106 characters with "
                    + "fixed-width elements (" + detail + ")", offset, location);
        }
        if (interchange == null && message.contains("EDIFACT header")) {
            return failure(Kind.MALFORMED, "the EDIFACT interchange header is invalid (" + detail + ")", offset,
                    location);
        }
        if (interchange == null) {
            Kind kind = summaries.isEmpty() ? Kind.NOT_EDI : Kind.MALFORMED;
            String what = summaries.isEmpty()
                    ? "the input does not start with an X12 (ISA) or EDIFACT (UNA/UNB) interchange"
                    : "unexpected data after interchange " + summaries.get(summaries.size() - 1).id().controlNumber();
            return failure(kind, what + ": unreadable character at offset " + offset + " (" + detail + ")", offset,
                    location);
        }
        return failure(Kind.MALFORMED, "interchange " + interchange.controlNumber + " cannot be parsed at offset " + offset
                + segmentPlace(location) + " (" + detail + ")", offset, location);
    }

    private static String parserDetail(EDIStreamException e) {
        String message = String.valueOf(e.getMessage());
        int dash = message.indexOf(" - ");
        return dash > 0 && dash < 10 ? message.substring(dash + 3) : message;
    }

    private static String segmentPlace(Location location) {
        if (location == null || location.getSegmentTag() == null) {
            return "";
        }
        return ", after segment " + location.getSegmentTag() + " (segment " + location.getSegmentPosition()
                + " of the input)";
    }

    private Failure failure(Kind kind, String message, long offset, Location location) {
        String tag = location == null ? null : location.getSegmentTag();
        int position = interchange == null ? -1 : interchange.segmentCount;
        return new Failure(kind, message, offset, tag, position, interchange == null ? null : interchange.id());
    }

    private Failure failure(Kind kind, String message, long offset) {
        return failure(kind, message, offset, null);
    }

    private Stop stop(Kind kind, String message) {
        Location location = reader.getLocation();
        long offset = offsetOf(location);
        String where = " at segment " + (location.getSegmentTag() == null ? "?" : location.getSegmentTag())
                + " (segment " + (interchange == null ? "?" : interchange.segmentCount) + " of interchange "
                + (interchange == null ? "?" : interchange.controlNumber) + "), offset " + offset;
        return new Stop(failure(kind, message + where, offset, location));
    }

    private static boolean isTransactionHeader(String tag) {
        return "ST".equals(tag) || "UNH".equals(tag);
    }

    /** Stops the read with a failure. */
    private static final class Stop extends RuntimeException {
        final transient Failure failure;

        Stop(Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }

    /** Carries an exception thrown by the caller's consumer out of the read unchanged. */
    private static final class ConsumerFailure extends RuntimeException {
        ConsumerFailure(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }
}
