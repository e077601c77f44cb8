package io.waybill.hub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.edi.Acknowledgment;
import io.waybill.adapter.edi.Acknowledgments;
import io.waybill.adapter.edi.EdiContext;
import io.waybill.adapter.edi.EdiReader;
import io.waybill.adapter.edi.EnvelopePolicy;
import io.waybill.adapter.support.InvalidDeclarationException;
import io.waybill.adapter.support.PartnerDeclaration;
import io.waybill.adapter.support.PartnerRegistry;
import io.waybill.adapter.support.RawDocument;
import io.waybill.hub.config.HubSettings;
import io.waybill.hub.edi.EdiAcknowledger;
import io.waybill.hub.edi.EdiReceipt;
import io.waybill.hub.edi.EdiReceiver;
import io.waybill.hub.edi.ReceivedInterchange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * {@code ./waybill edi ...}: an EDI file read exactly as the hub reads a push, without a hub or
 * broker. Standard output carries the data (raw documents, acknowledgments), standard error the
 * envelope findings, one block per interchange, so the output can be piped.
 */
@Command(name = "edi", mixinStandardHelpOptions = true,
        description = "Read an X12 or EDIFACT file as the hub does; no hub or broker needed.",
        subcommands = {EdiCommand.Parse.class, EdiCommand.Ack.class})
public final class EdiCommand implements Runnable {

    private static final String EXIT_CODES = "Exit codes: 0 every interchange accepted (findings may be reported), "
            + "1 an interchange (or part of one) was rejected, or the file is unreadable.";

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What both subcommands read and how: the file, and the partner whose settings apply. */
    static final class Input {

        @Parameters(index = "0", paramLabel = "FILE", description = "An EDI file: one or more X12 or EDIFACT interchanges.")
        Path file;

        @Option(names = "--partner", paramLabel = "PARTNER", description = "Read it as this partner's: its envelope policy, "
                + "its senders (an interchange from another sender is refused as spoofed) and its X12 acknowledgment, from "
                + "its partner.yaml.")
        String partner;

        @Option(names = "--mappings", paramLabel = "DIR", description = "Folder of partner declarations for --partner. "
                + "Default: the waybill.mappings-dir setting.")
        Path mappingsDir;

        @Option(names = "--envelope-errors", paramLabel = "POLICY", description = "reject or accept-and-report: what a wrong "
                + "control number or count does. Default: the partner's, else reject.")
        String envelopeErrors;

        /** The partner's declaration, or null without --partner. */
        PartnerDeclaration declaration() {
            if (partner == null) {
                return null;
            }
            Path mappings = mappingsDir != null ? mappingsDir : HubSettings.fromProcess().path(HubSettings.MAPPINGS_DIR);
            PartnerDeclaration declaration = PartnerRegistry.read(mappings.resolve(partner).resolve(PartnerRegistry.DECLARATION_FILE));
            if (declaration.edi() == null) {
                throw new IllegalArgumentException("partner " + partner + " declares no 'edi' block in its partner.yaml");
            }
            return declaration;
        }

        EnvelopePolicy policy(PartnerDeclaration declaration) {
            String policy = envelopeErrors != null ? envelopeErrors
                    : declaration != null && !declaration.edi().rejectsEnvelopeErrors() ? "accept-and-report" : "reject";
            return switch (policy) {
                case "reject" -> EnvelopePolicy.REJECT;
                case "accept-and-report" -> EnvelopePolicy.ACCEPT_AND_REPORT;
                default -> throw new IllegalArgumentException("--envelope-errors must be reject or accept-and-report, was '"
                        + policy + "'");
            };
        }

        /** Reads the file interchange by interchange; prints the findings of each on {@code err}. */
        EdiReceipt read(PrintWriter err, BiConsumer<ReceivedInterchange, List<RawDocument>> interchanges) throws IOException {
            PartnerDeclaration declaration = declaration();
            String partnerId = declaration != null ? declaration.id() : "cli";
            EdiContext context = EdiContext.of(partnerId, "file", Instant.now()).withPolicy(policy(declaration))
                    .withRawRef(file.toString());
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                EdiReceipt receipt = new EdiReceiver(new EdiReader()).receive(in, context, null,
                        declaration == null ? null : declaration.edi().senders(), id -> false, (interchange, documents) -> {
                            report(err, interchange, documents.size());
                            interchanges.accept(interchange, documents);
                        });
                if (receipt.failure() != null) {
                    err.println((receipt.uncoveredFailure() != null ? "the read stopped (" : "the input ends early (")
                            + receipt.failure().kind().name().toLowerCase(Locale.ROOT) + "): " + receipt.failure().message());
                }
                err.flush();
                return receipt;
            }
        }

        private static void report(PrintWriter err, ReceivedInterchange interchange, int delivered) {
            StringBuilder line = new StringBuilder("interchange ").append(interchange.key()).append(": ")
                    .append(interchange.verdict().wireName()).append(", ").append(delivered).append(" transaction(s) to map");
            if (interchange.reason() != null) {
                line.append(": ").append(interchange.reason());
            }
            err.println(line);
            interchange.findings().forEach(finding -> err.println("  - " + finding));
        }

        static int exitCode(EdiReceipt receipt) {
            return receipt.unreadable() || receipt.anyRefused() ? 1 : 0;
        }
    }

    /** {@code ./waybill edi parse FILE}: the raw document of every transaction, as mappings receive it. */
    @Command(name = "parse", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Print the raw document of every transaction the hub would map, as JSON: one per line, or "
                    + "indented with --pretty (the shape is described in docs/edi-raw-document.md). Transactions of a rejected "
                    + "interchange or group are not printed.",
                    "The envelope findings go to stderr: one line per interchange (its verdict and why), then its findings."},
            footer = {"", EXIT_CODES, "Example: ./waybill edi parse status.x12 | jq '.LX[].AT7[0].AT701'"})
    public static final class Parse implements Callable<Integer> {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        private CommandSpec spec;

        @Mixin
        private Input input;

        @Option(names = "--pretty", description = "Indent each document (documents are separated by a blank line).")
        private boolean pretty;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                EdiReceipt receipt = input.read(err, (interchange, documents) -> {
                    for (RawDocument document : documents) {
                        out.println(json(document));
                        if (pretty) {
                            out.println();
                        }
                    }
                    out.flush();
                });
                return Input.exitCode(receipt);
            } catch (IOException | IllegalArgumentException | InvalidDeclarationException e) {
                err.println("waybill edi parse: " + (e instanceof IOException ? input.file + ": cannot read: " : "") + e.getMessage());
                err.flush();
                return 1;
            }
        }

        private String json(RawDocument document) {
            try {
                return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document.body())
                        : JSON.writeValueAsString(document.body());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** {@code ./waybill edi ack FILE}: the acknowledgments the hub would send back. */
    @Command(name = "ack", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Print the acknowledgment the hub would send for every interchange of the file: TA1 and 997 "
                    + "(or 999) for X12, CONTRL for EDIFACT. An interchange whose header cannot be read gets none.",
                    "The envelope findings go to stderr, as for 'edi parse'."},
            footer = {"", EXIT_CODES, "Example: ./waybill edi ack status.x12 --x12-ack 999"})
    public static final class Ack implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private Input input;

        @Option(names = "--x12-ack", paramLabel = "997|999", description = "The X12 functional acknowledgment (999 answers "
                + "groups of 005010 and later). Default: the partner's, else 997.")
        private String x12Ack;

        @Option(names = "--control-number", paramLabel = "N", defaultValue = "1",
                description = "Control number of the first acknowledgment; the next ones count up. Default: ${DEFAULT-VALUE}.")
        private long controlNumber;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                if (x12Ack != null && !x12Ack.equals("997") && !x12Ack.equals("999")) {
                    throw new IllegalArgumentException("--x12-ack must be 997 or 999, was '" + x12Ack + "'");
                }
                PartnerDeclaration declaration = input.declaration();
                Acknowledgments.X12FunctionalAck functional = x12Ack != null
                        ? ("999".equals(x12Ack) ? Acknowledgments.X12FunctionalAck.ACK_999 : Acknowledgments.X12FunctionalAck.ACK_997)
                        : EdiAcknowledger.x12Ack(declaration == null ? null : declaration.edi());
                EdiAcknowledger acknowledger = new EdiAcknowledger(new Acknowledgments());
                long[] next = {controlNumber};
                EdiReceipt receipt = input.read(err, (interchange, documents) -> {
                    if (!interchange.answerable()) {
                        err.println("  (no acknowledgment: its header could not be read)");
                        return;
                    }
                    Acknowledgment ack = acknowledger.acknowledge(interchange, next[0]++, functional);
                    out.print(ack.content());
                    if (!ack.content().endsWith("\n")) {
                        out.println();
                    }
                    out.flush();
                });
                return Input.exitCode(receipt);
            } catch (IOException | IllegalArgumentException | InvalidDeclarationException e) {
                err.println("waybill edi ack: " + (e instanceof IOException ? input.file + ": cannot read: " : "") + e.getMessage());
                err.flush();
                return 1;
            }
        }
    }
}
