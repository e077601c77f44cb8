package io.waybill.adapter.edi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.waybill.adapter.edi.TestEdi.Read;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.waybill.adapter.edi.TestEdi.context;
import static io.waybill.adapter.edi.TestEdi.read;
import static io.waybill.adapter.edi.TestEdi.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EdiReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reads_214s_with_crlf_and_indented_lines_into_lx_and_at7_loops() {
        Read read = resource("x12-214-two-shipments.x12", context(EnvelopePolicy.REJECT));

        assertThat(read.result().readToEnd()).isTrue();
        assertThat(read.delivered()).hasSize(2);
        JsonNode first = read.delivered().get(0).document().body();
        assertThat(first.at("/B10/0/B1001").asText()).isEqualTo("PRO1234567");
        assertThat(first.at("/LX/0/AT7/0/AT701").asText()).isEqualTo("X3");
        assertThat(first.at("/LX/0/AT7/0/MS1/0/MS101").asText()).isEqualTo("OAKLAND");
        assertThat(first.at("/LX/1/AT7/0/MS1/0/MS106").asText()).isEqualTo("W");
        assertThat(first.at("/LX/1/L11/0/L1101").asText()).isEqualTo("PRO1234567");
        assertThat(first.at("/LX/1/AT8/0/AT803").asText()).isEqualTo("1250");
        assertThat(first.at("/N1/0/N4/0/N401").asText()).isEqualTo("OAKLAND");
        assertThat(first.at("/N1/1/N102").asText()).isEqualTo("BLUE RIVER RETAIL");
        assertThat(first.at("/L11").size()).isEqualTo(2);
        assertThat(first.at("/LX/0/AT7/0").has("AT703")).as("empty elements are omitted").isFalse();
        assertThat(read.delivered().get(1).document().body().at("/LX/0/K1/0/K101").asText()).isEqualTo("LEFT AT DOCK 4");
        assertThat(read.allFindings()).isEmpty();
    }

    @Test
    void the_envelope_block_carries_standard_version_type_and_every_control_number() throws Exception {
        Read read = resource("x12-214-two-shipments.x12", context(EnvelopePolicy.REJECT));

        JsonNode envelope = read.delivered().get(1).document().body().get("envelope");
        assertThat(envelope).isEqualTo(JSON.readTree("""
                {"standard":"X12","type":"214","version":"004010","controlNumber":"0002","agency":"X",
                 "group":{"functionalId":"QM","sender":"ACMF","receiver":"WAYBILLHUB","date":"20240301","time":"1204",
                          "dateTime":"2024-03-01T12:04","controlNumber":"905","agency":"X","version":"004010"},
                 "interchange":{"sender":"ACMF","senderQualifier":"02","receiver":"WAYBILLHUB","receiverQualifier":"ZZ",
                                "controlNumber":"000000905","date":"240301","time":"1204","dateTime":"2024-03-01T12:04",
                                "test":true,"version":"00401"}}"""));
        EdiTransaction transaction = read.delivered().get(1);
        assertThat(transaction.interchange().key()).isEqualTo("X12/02/ACMF/000000905");
        assertThat(transaction.groupControlNumber()).isEqualTo("905");
        assertThat(transaction.type()).isEqualTo("214");
        assertThat(transaction.controlNumber()).isEqualTo("0002");
    }

    @Test
    void provenance_names_partner_format_and_the_position_of_the_transaction_in_the_file() {
        Read read = resource("x12-214-two-shipments.x12", context(EnvelopePolicy.REJECT));

        assertThat(read.delivered()).extracting(t -> t.document().provenance().itemIndex()).containsExactly(0, 1);
        assertThat(read.delivered().get(0).document().provenance()).satisfies(provenance -> {
            assertThat(provenance.partner()).isEqualTo("acme-freight");
            assertThat(provenance.channel()).isEqualTo("file");
            assertThat(provenance.format()).isEqualTo("x12");
            assertThat(provenance.receivedAt()).isEqualTo(TestEdi.RECEIVED);
            assertThat(provenance.rawRef()).isEqualTo("raw.v1/0/42");
        });
    }

    @Test
    void raw_is_the_transaction_written_back_with_the_interchange_delimiters() {
        Read read = resource("x12-214-two-shipments.x12", context(EnvelopePolicy.REJECT));

        String raw = new String(read.delivered().get(1).document().raw(), StandardCharsets.UTF_8);
        assertThat(raw).isEqualTo("""
                ST*214*0002~
                B10*PRO7654321*SHIP-0043*ACMF~
                LX*1~
                AT7*D1*NS***20240303*0910*CT~
                MS1*MEMPHIS*TN*US~
                K1*LEFT AT DOCK 4~
                SE*7*0002~
                """);
    }

    @Test
    void reads_a_005010_315_whose_segment_terminator_is_a_newline_into_r4_loops() {
        Read read = resource("x12-315-newline-terminator.x12", context(EnvelopePolicy.REJECT));

        assertThat(read.result().readToEnd()).isTrue();
        assertThat(read.allFindings()).isEmpty();
        JsonNode body = read.delivered().get(0).document().body();
        assertThat(body.at("/envelope/version").asText()).isEqualTo("005010");
        assertThat(body.at("/B4/0/B403").asText()).isEqualTo("VD");
        assertThat(body.at("/B4/0/B407").asText() + body.at("/B4/0/B408").asText() + body.at("/B4/0/B413").asText())
                .isEqualTo("WBLU1234560");
        assertThat(body.at("/N9").size()).isEqualTo(2);
        assertThat(body.at("/Q2/0/Q213").asText()).isEqualTo("NORDIC STAR");
        assertThat(body.at("/R4")).hasSize(2);
        assertThat(body.at("/R4/0/R403").asText()).isEqualTo("NLRTM");
        assertThat(body.at("/R4/0/DTM/0/DTM02").asText()).isEqualTo("20240310");
        assertThat(body.at("/R4/1/R403").asText()).isEqualTo("USNYC");
        assertThat(body.at("/R4/1/DTM/0/DTM01").asText()).isEqualTo("139");
        assertThat(new String(read.delivered().get(0).document().raw(), StandardCharsets.UTF_8))
                .startsWith("ST*315*0001\nB4***VD*20240310*2130**WBLU*123456*L*45G1*NLRTM*UN*0\n");
    }

    @Test
    void nests_856_hl_levels_under_their_parent_shipment_order_pack_item() {
        Read read = resource("x12-856-hierarchy.x12", context(EnvelopePolicy.REJECT));

        assertThat(read.allFindings()).isEmpty();
        JsonNode body = read.delivered().get(0).document().body();
        assertThat(body.at("/BSN/0/BSN02").asText()).isEqualTo("ASN-88001");
        assertThat(body.get("HL")).hasSize(1);
        JsonNode shipment = body.at("/HL/0");
        assertThat(shipment.get("HL03").asText()).isEqualTo("S");
        assertThat(shipment.at("/TD5/0/TD503").asText()).isEqualTo("ACMF");
        assertThat(shipment.at("/N1/1/N4/0/N401").asText()).isEqualTo("MEMPHIS");
        assertThat(shipment.get("HL")).extracting(order -> order.get("HL01").asText()).containsExactly("2", "7");
        JsonNode firstOrder = shipment.at("/HL/0");
        assertThat(firstOrder.at("/PRF/0/PRF01").asText()).isEqualTo("PO-5521");
        assertThat(firstOrder.get("HL")).extracting(pack -> pack.at("/MAN/0/MAN02").asText())
                .containsExactly("00354123450000000014", "00354123450000000021");
        JsonNode item = firstOrder.at("/HL/0/HL/0");
        assertThat(item.get("HL03").asText()).isEqualTo("I");
        assertThat(item.at("/LIN/0/LIN05").asText()).isEqualTo("012345678905");
        assertThat(item.at("/SN1/0/SN102").asText()).isEqualTo("24");
        assertThat(shipment.at("/HL/1/HL/0/MEA/0/MEA04")).as("a composite is an array")
                .isEqualTo(JSON.createArrayNode().add("LB"));
        assertThat(body.at("/CTT/0/CTT01").asText()).isEqualTo("9");
    }

    @Test
    void an_hl_naming_an_unknown_parent_is_placed_at_the_top_and_noted() {
        String text = TestEdi.x12("000000101", "ST*856*0001~BSN*00*A1*20240305*0925~HL*1**S~HL*2*1*O~HL*3*9*P~"
                + "MAN*GM*00354123450000000014~SE*7*0001~");

        Read read = read(text, context(EnvelopePolicy.REJECT));

        JsonNode body = read.delivered().get(0).document().body();
        assertThat(body.get("HL")).extracting(level -> level.get("HL01").asText()).containsExactly("1", "3");
        assertThat(read.delivered().get(0).status()).isEqualTo(EdiStatus.ACCEPTED);
        assertThat(read.delivered().get(0).findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(EdiFinding.Code.HIERARCHY_PARENT_NOT_FOUND);
            assertThat(finding.severity()).isEqualTo(EdiFinding.Severity.NOTE);
            assertThat(finding.message()).contains("HL 3", "parent HL 9");
        });
    }

    @Test
    void an_unknown_transaction_type_is_a_flat_segment_tree_and_keeps_repeated_elements() {
        Read read = resource("x12-210-unknown-type.x12", context(EnvelopePolicy.REJECT));

        assertThat(read.allFindings()).isEmpty();
        JsonNode body = read.delivered().get(0).document().body();
        assertThat(body.at("/envelope/type").asText()).isEqualTo("210");
        assertThat(body.at("/B3/0/B303").asText()).isEqualTo("PRO1234567");
        assertThat(body.get("N1")).hasSize(2);
        assertThat(body.get("L1")).hasSize(1);
        assertThat(body.get("LX").get(0).has("L1")).as("no loops without a schema").isFalse();
        assertThat(body.at("/NTE/0/NTE02")).isEqualTo(JSON.createArrayNode().add("FUEL").add("LIFTGATE"));
    }

    @Test
    void reads_iftsta_d96a_with_una_release_characters_and_latin1_text_into_cni_groups() {
        Read read = resource("edifact-iftsta-d96a.edi", context(EnvelopePolicy.REJECT));

        assertThat(read.result().readToEnd()).isTrue();
        assertThat(read.allFindings()).isEmpty();
        EdiTransaction message = read.delivered().get(0);
        assertThat(message.document().provenance().format()).isEqualTo("edifact");
        JsonNode body = message.document().body();
        assertThat(body.at("/envelope/type").asText()).isEqualTo("IFTSTA");
        assertThat(body.at("/envelope/version").asText()).isEqualTo("D96A");
        assertThat(body.at("/envelope/controlNumber").asText()).isEqualTo("IF1");
        assertThat(body.at("/envelope/interchange/controlNumber").asText()).isEqualTo("IF000311");
        assertThat(body.at("/envelope/interchange/syntax").asText()).isEqualTo("UNOC");
        assertThat(body.at("/BGM/0/BGM02/0").asText()).isEqualTo("STS-20240311-01");
        assertThat(body.get("CNI")).hasSize(2);
        assertThat(body.at("/CNI/0/CNI02/0").asText()).isEqualTo("OLBL0001234");
        assertThat(body.at("/CNI/0/STS/0/STS02/0").asText()).isEqualTo("21");
        assertThat(body.at("/CNI/0/STS/0/LOC/0/LOC03/3").asText()).isEqualTo("Rotterdam+Maasvlakte");
        assertThat(body.at("/CNI/0/STS/0/TDT/0/TDT08/3").asText()).isEqualTo("NORDIC STAR");
        assertThat(body.at("/CNI/0/STS/0/EQD/0/EQD02/0").asText()).isEqualTo("WBLU1234560");
        assertThat(body.at("/CNI/1/STS/0/LOC/0/LOC03/3").asText()).isEqualTo("Deurganckdok Quai's end");
        assertThat(body.at("/CNI/1/STS/0/FTX/0/FTX04/0").asText()).isEqualTo("Zollabfertigung in Köln");
        assertThat(new String(message.document().raw(), StandardCharsets.UTF_8))
                .contains("LOC+175+NLRTM::6+:::Rotterdam?+Maasvlakte'\n", "Quai?'s end'\n");
    }

    @Test
    void reads_iftsta_d00b_without_una_in_syntax_4_utf8_inside_a_group() {
        Read read = resource("edifact-iftsta-d00b-utf8.edi", context(EnvelopePolicy.REJECT));

        assertThat(read.allFindings()).isEmpty();
        JsonNode body = read.delivered().get(0).document().body();
        assertThat(body.at("/envelope/version").asText()).isEqualTo("D00B");
        assertThat(body.at("/envelope/group/controlNumber").asText()).isEqualTo("G7");
        assertThat(body.at("/envelope/group/version").asText()).isEqualTo("D:00B");
        assertThat(body.at("/envelope/interchange/test").asBoolean()).isTrue();
        assertThat(body.at("/envelope/interchange/dateTime").asText()).isEqualTo("2024-03-15T05:00");
        assertThat(body.at("/CNI/0/RFF/0/RFF01/1").asText()).isEqualTo("HBL-99-001");
        assertThat(body.at("/CNI/0/STS/0/STS02/3").asText()).isEqualTo("Departure");
        assertThat(body.at("/CNI/0/STS/0/LOC/0/LOC02/3").asText()).isEqualTo("São Paulo+Santos");
        assertThat(body.at("/CNI/0/STS/0/EQD/0/EQD03")).as("a composite sent as a single value is still an array")
                .isEqualTo(JSON.createArrayNode().add("22G1"));
    }

    @Test
    void reads_desadv_packing_sequence_packages_and_lines() {
        Read read = resource("edifact-desadv-d96a.edi", context(EnvelopePolicy.REJECT));

        assertThat(read.allFindings()).isEmpty();
        JsonNode body = read.delivered().get(0).document().body();
        assertThat(body.at("/envelope/implementation").asText()).isEqualTo("EAN005");
        assertThat(body.at("/NAD/0/NAD02/0").asText()).isEqualTo("5412345000013");
        assertThat(body.get("CPS")).hasSize(3);
        JsonNode pallet = body.at("/CPS/1");
        assertThat(pallet.get("CPS02").asText()).isEqualTo("1");
        assertThat(pallet.at("/PAC/0/PCI/0/GIN/0/GIN02/0").asText()).isEqualTo("354123450000000014");
        assertThat(pallet.at("/LIN/0/LIN03")).isEqualTo(JSON.createArrayNode().add("5412345000051").add("EN"));
        assertThat(pallet.at("/LIN/0/QTY/0/QTY01/1").asText()).isEqualTo("24");
        assertThat(pallet.at("/LIN/0/RFF/0/RFF01/1").asText()).isEqualTo("PO-5521");
        assertThat(body.at("/CPS/2/LIN/0/QTY/0/QTY01/1").asText()).isEqualTo("6");
        assertThat(body.at("/CNT/0/CNT01/1").asText()).isEqualTo("2");
    }

    @Test
    void reads_several_interchanges_of_both_standards_from_one_stream() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(TestEdi.resourceBytes("x12-214-two-shipments.x12"));
        file.writeBytes(TestEdi.resourceBytes("edifact-desadv-d96a.edi"));
        file.writeBytes(TestEdi.resourceBytes("x12-856-hierarchy.x12"));
        file.writeBytes(TestEdi.resourceBytes("edifact-iftsta-d96a.edi"));

        Read read = read(new ByteArrayInputStream(file.toByteArray()), context(EnvelopePolicy.REJECT));

        assertThat(read.result().readToEnd()).isTrue();
        assertThat(read.result().interchanges()).extracting(s -> s.id().controlNumber())
                .containsExactly("000000905", "DA0001", "000001201", "IF000311");
        assertThat(read.delivered()).extracting(EdiTransaction::type).containsExactly("214", "214", "DESADV", "856", "IFTSTA");
        assertThat(read.delivered()).extracting(t -> t.document().provenance().itemIndex()).containsExactly(0, 1, 2, 3, 4);
        assertThat(read.result().transactionsDelivered()).isEqualTo(5);
        assertThat(read.allFindings()).isEmpty();
    }

    @Test
    void several_groups_in_one_interchange_keep_their_own_envelope() {
        String text = TestEdi.isa("000000301") + "\n"
                + "GS*QM*ACMF*WAYBILLHUB*20240301*1204*1*X*004010~" + TestEdi.status214("0001", "P1") + "GE*1*1~"
                + "GS*QO*ACMF*WAYBILLHUB*20240302*0800*2*X*005010~ST*315*0001~B4***AE*20240302*0800~SE*3*0001~GE*1*2~"
                + "IEA*2*000000301~";

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.allFindings()).isEmpty();
        assertThat(read.only().groups()).extracting(InterchangeSummary.Group::controlNumber).containsExactly("1", "2");
        assertThat(read.delivered()).extracting(t -> t.document().body().at("/envelope/group/functionalId").asText())
                .containsExactly("QM", "QO");
        assertThat(read.delivered().get(1).document().body().at("/envelope/version").asText()).isEqualTo("005010");
    }

    @Test
    void a_byte_order_mark_leading_blank_lines_and_a_trailing_control_z_are_tolerated() {
        byte[] body = TestEdi.x12("000000102", TestEdi.status214("0001", "P1")).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\r', '\n', ' ', ' '});
        file.writeBytes(body);
        file.write(0x1A);

        Read read = read(new ByteArrayInputStream(file.toByteArray()), context(EnvelopePolicy.REJECT));

        assertThat(read.result().readToEnd()).isTrue();
        assertThat(read.delivered()).hasSize(1);
    }

    @Test
    void line_breaks_inside_elements_are_dropped_as_partners_that_wrap_at_80_columns_send_them() {
        String text = TestEdi.x12("000000103", "ST*214*0001~B10*PRO12\r\n34*SHIP-1*ACMF~LX*1~AT7*X1*NS***20240301*1130~SE*5*0001~");

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.delivered().get(0).document().body().at("/B10/0/B1001").asText()).isEqualTo("PRO1234");
    }

    @Test
    void an_unexpected_segment_lands_in_the_tree_where_it_was_found_and_is_reported() {
        String text = TestEdi.x12("000000104", "ST*214*0001~B10*PRO1*SHIP-1*ACMF~LX*1~AT7*X1*NS***20240301*1130~"
                + "ZZZ*SOMETHING*PRIVATE~MS1*MEMPHIS*TN~SE*7*0001~");

        Read read = read(text, context(EnvelopePolicy.REJECT));

        EdiTransaction transaction = read.delivered().get(0);
        assertThat(transaction.status()).isEqualTo(EdiStatus.ACCEPTED_WITH_ERRORS);
        assertThat(transaction.document().body().at("/LX/0/AT7/0/ZZZ/0/ZZZ01").asText()).isEqualTo("SOMETHING");
        assertThat(transaction.document().body().at("/LX/0/AT7/0/MS1/0/MS101").asText()).isEqualTo("MEMPHIS");
        assertThat(transaction.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.level()).isEqualTo(EdiFinding.Level.SEGMENT);
            assertThat(finding.code()).isEqualTo(EdiFinding.Code.SEGMENT_NOT_IN_TRANSACTION_SET);
            assertThat(finding.ackCode()).isEqualTo("6");
            assertThat(finding.severity()).isEqualTo(EdiFinding.Severity.ERROR);
            assertThat(finding.where().segmentTag()).isEqualTo("ZZZ");
            assertThat(finding.where().segmentPosition()).isEqualTo(5);
            assertThat(finding.where().loopId()).isEqualTo("0205");
        });
    }

    @Test
    void an_invalid_date_inside_a_transaction_is_an_element_finding_and_the_transaction_is_still_delivered() {
        String text = TestEdi.x12("000000105", "ST*214*0001~B10*PRO1*SHIP-1*ACMF~LX*1~AT7*X1*NS***20241345*1130~SE*5*0001~");

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.delivered()).singleElement().satisfies(transaction -> {
            assertThat(transaction.status()).isEqualTo(EdiStatus.ACCEPTED_WITH_ERRORS);
            assertThat(transaction.document().body().at("/LX/0/AT7/0/AT705").asText()).isEqualTo("20241345");
        });
        assertThat(read.delivered().get(0).findings()).singleElement().satisfies(finding -> {
            assertThat(finding.level()).isEqualTo(EdiFinding.Level.ELEMENT);
            assertThat(finding.code()).isEqualTo(EdiFinding.Code.INVALID_DATE);
            assertThat(finding.ackCode()).isEqualTo("8");
            assertThat(finding.where().segmentTag()).isEqualTo("AT7");
            assertThat(finding.where().segmentPosition()).isEqualTo(4);
            assertThat(finding.where().elementPosition()).isEqualTo(5);
            assertThat(finding.where().data()).isEqualTo("20241345");
            assertThat(finding.message()).contains("AT705", "20241345", "not a valid date");
        });
    }

    @Test
    void a_mandatory_segment_missing_is_reported_with_its_position() {
        String text = TestEdi.x12("000000106", "ST*214*0001~LX*1~AT7*X1*NS***20240301*1130~SE*4*0001~");

        Read read = read(text, context(EnvelopePolicy.REJECT));

        assertThat(read.delivered()).hasSize(1);
        assertThat(read.delivered().get(0).findings()).anySatisfy(finding -> {
            assertThat(finding.code()).isEqualTo(EdiFinding.Code.MANDATORY_SEGMENT_MISSING);
            assertThat(finding.where().segmentTag()).isEqualTo("B10");
            assertThat(finding.ackCode()).isEqualTo("3");
        });
    }

    @Test
    void each_transaction_is_delivered_as_soon_as_its_trailer_is_read() {
        String second = TestEdi.status214("0002", "P2");
        String text = TestEdi.x12("000000107", TestEdi.status214("0001", "P1"), second) + " ".repeat(200_000) + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        AtomicLong consumed = new AtomicLong();
        InputStream counting = new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                int n = super.read(b, off, len);
                consumed.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        List<Long> consumedAtDelivery = new ArrayList<>();

        new EdiReader().read(counting, context(EnvelopePolicy.REJECT), t -> consumedAtDelivery.add(consumed.get()));

        assertThat(consumedAtDelivery).hasSize(2);
        assertThat(consumedAtDelivery.get(0)).as("the first transaction is delivered before the file is read")
                .isLessThan(bytes.length / 4);
    }

    @Test
    void an_exception_thrown_by_the_consumer_reaches_the_caller_unchanged() {
        IllegalStateException boom = new IllegalStateException("downstream is full");
        String text = TestEdi.x12("000000108", TestEdi.status214("0001", "P1"));

        assertThatThrownBy(() -> new EdiReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)),
                context(EnvelopePolicy.REJECT), t -> {
                    throw boom;
                })).isSameAs(boom);
    }

    @Test
    void every_shipped_schema_loads() {
        for (String type : TransactionSchemas.types()) {
            String[] parts = type.split("/");
            assertThat(TransactionSchemas.forType(parts[0], parts[1])).as(type).isNotNull();
        }
        assertThat(TransactionSchemas.forType("X12", "210")).isNull();
    }
}
