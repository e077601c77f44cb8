package io.waybill.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One X12 file of Great Plains LTL shipment status messages (214, 004010), shaped like the golden
 * cases in {@code contract-tests/partners/great-plains-ltl/}: many interchanges from sender 02:GPLT,
 * each with one to three QM groups of 5 to 60 transactions. Every 214 has its own PRO, shipment and
 * bill of lading, purchase orders (none to two), shipper and consignee N1 loops in most, a 214-level
 * AT8 in some, and one to six LX loops. A loop reports a status (AT7, MS1, MS2 in most; L11, K1 and
 * AT8 in some), or, in about one loop in ten after the first, announces an appointment (AT7 AG with
 * no place), which the mapping skips. Status codes come from the mapping's table (an unlisted one
 * in about one loop in 200), reasons are NS but for about one loop in seven (a listed delay or
 * exception reason, sometimes an unlisted one), time codes rotate through explicit zones, fixed
 * offsets and LT (local time at the MS1 place; sometimes AT707 is left out), and about one time in
 * eight has seconds. Times are in November 2026, after the end of daylight saving time. Interchanges
 * alternate between LF, CRLF and no line break after the segment terminator. Control numbers and
 * counts are right, so the reader finds nothing to report. The same arguments give the same bytes.
 */
final class Edi214Samples {

    static final String PARTNER = "great-plains-ltl";

    private static final String SENDER = "GPLT";
    private static final String SCAC = "GPLT";
    private static final String RECEIVER = "WAYBILLHUB";
    private static final String[] LINE_ENDS = {"\n", "\r\n", ""};
    /** City, state, ZIP: terminals and customers along the carrier's lanes. */
    private static final String[][] PLACES = {
            {"OMAHA", "NE", "68102"}, {"LINCOLN", "NE", "68508"}, {"DES MOINES", "IA", "50309"},
            {"KANSAS CITY", "MO", "64120"}, {"KANSAS CITY", "KS", "66105"}, {"DENVER", "CO", "80216"},
            {"GRAND JUNCTION", "CO", "81501"}, {"SIOUX CITY", "IA", "51101"}, {"FARGO", "ND", "58102"},
            {"ST PAUL", "MN", "55107"}, {"COLUMBUS", "OH", "43207"}, {"RENO", "NV", "89502"},
            {"PHOENIX", "AZ", "85043"}, {"WICHITA", "KS", "67202"}, {"TULSA", "OK", "74107"},
            {"SIOUX FALLS", "SD", "57104"},
    };
    private static final String[][] SHIPPERS = {
            {"PRAIRIE HOME GOODS", "PHG"}, {"HEARTLAND SEED CO", "HSC"}, {"NORTHWIND TRADING", "NWT"},
            {"BIG SKY EQUIPMENT", "BSE"}, {"RIVERBEND FOODS", "RBF"},
    };
    private static final String[] CONSIGNEES = {
            "RIVERBEND HARDWARE", "BLUE RIVER RETAIL", "MIDWEST HARDWARE SUPPLY", "PLAINS AG DEPOT", "CORNER MARKET DC 7",
    };
    private static final String[] STREETS = {"2200 INDUSTRIAL PKWY", "18 DEPOT ST", "4410 N 72ND ST"};
    private static final String[] REMARKS = {
            "SIGNED BY J MILLER", "I-70 CLOSED AT VAIL PASS", "CONSIGNEE CLOSED RETRY NEXT DAY", "LEFT AT DOCK 4",
    };
    /** AT707: zones, fixed offsets, and LT (the zone of the MS1 state); null leaves AT707 out (local time too). */
    private static final String[] TIME_CODES = {"CT", "CT", "CT", "LT", "ET", "MT", "PT", "CS", "UT", null};
    /** AT702 with a delay or exception status: listed reasons, and one the reason table lacks. */
    private static final String[] REASONS = {"AO", "A1", "B1", "AH", "AI", "P1", "AG", "Z7"};
    /** The AT7 of a loop that announces an appointment instead of reporting a status. */
    private static final String ANNOUNCEMENT = "AG";
    /** An AT701 code no table lists: the mapping's default (EXCEPTION) takes it. */
    private static final String UNLISTED_STATUS = "ZP";

    private Edi214Samples() {
    }

    /**
     * What was generated: the bytes, and what they hold.
     *
     * @param bytes        the whole file (ASCII)
     * @param interchanges ISA..IEA envelopes
     * @param groups       GS..GE groups
     * @param transactions 214 transaction sets
     * @param loops        LX loops
     * @param statuses     LX loops reporting a status (the others announce an appointment)
     */
    record File(byte[] bytes, int interchanges, int groups, int transactions, int loops, int statuses) {
    }

    /**
     * A file of at least {@code targetBytes} (whole interchanges: the last one ends just past it).
     *
     * @param statusCodes AT701 shipment status codes to rotate through (the mapping's status table)
     */
    static File generate(int targetBytes, List<String> statusCodes) {
        SplittableRandom random = new SplittableRandom(214);
        StringBuilder text = new StringBuilder(targetBytes + 64 * 1024);
        int[] counts = new int[5];
        while (text.length() < targetBytes) {
            int interchange = ++counts[0];
            String end = "~" + LINE_ENDS[interchange % LINE_ENDS.length];
            // November 2-28: no date on which daylight saving time starts or ends.
            int day = 2 + interchange % 27;
            String control = String.format("%09d", 4_800 + interchange);
            String hhmm = two(interchange % 24) + two(interchange * 7 % 60);
            text.append("ISA*00*          *00*          *02*").append(pad(SENDER, 15)).append("*ZZ*").append(pad(RECEIVER, 15))
                    .append("*2611").append(two(day)).append('*').append(hhmm).append("*U*00401*").append(control)
                    .append("*0*P*>").append(end);
            int groups = 1 + random.nextInt(3);
            for (int g = 0; g < groups; g++) {
                String group = Integer.toString(4_800 + ++counts[1]);
                text.append("GS*QM*").append(SENDER).append('*').append(RECEIVER).append("*202611").append(two(day))
                        .append('*').append(hhmm).append('*').append(group).append("*X*004010").append(end);
                int transactions = 5 + random.nextInt(56);
                for (int t = 1; t <= transactions; t++) {
                    transaction(text, end, String.format("%04d", t), ++counts[2], day, random, statusCodes, counts);
                }
                text.append("GE*").append(transactions).append('*').append(group).append(end);
            }
            text.append("IEA*").append(groups).append('*').append(control).append(end);
        }
        return new File(text.toString().getBytes(StandardCharsets.US_ASCII), counts[0], counts[1], counts[2], counts[3],
                counts[4]);
    }

    /** One 214 (ST..SE) about shipment number {@code n}; adds its loops and status loops to counts[3] and [4]. */
    private static void transaction(StringBuilder text, String end, String control, int n, int day, SplittableRandom random,
                                    List<String> statusCodes, int[] counts) {
        int start = text.length();
        String[] shipper = SHIPPERS[n % SHIPPERS.length];
        String shipment = "SO-" + shipper[1] + "-" + (55_000 + n);
        String trailer = Integer.toString(482_000 + n * 13 % 9_000);
        String[] origin = PLACES[n % PLACES.length];
        String[] destination = PLACES[(n * 5 + 3) % PLACES.length];
        segment(text, end, "ST*214*", control);
        segment(text, end, "B10*GP", Long.toString(88_400_000L + n * 37L), "*", shipment, "*", SCAC);
        segment(text, end, "L11*BOL-", shipment.substring(3), "*BM");
        for (int po = 0; po < n % 3; po++) {
            segment(text, end, "L11*PO-", Integer.toString(8_700 + n % 1_000 + po), "*PO");
        }
        if (n % 6 == 5) {
            segment(text, end, "AT8*G*K*", Integer.toString(300 + n % 2_000), ".5*", Integer.toString(1 + n % 12), "**X*",
                    Integer.toString(1 + n % 9), ".2");
        }
        if (n % 4 != 3) {
            segment(text, end, "N1*SH*", shipper[0], "*93*", shipper[1], "0", Integer.toString(1 + n % 9));
            if (n % 4 == 0) {
                segment(text, end, "N3*", STREETS[n % STREETS.length]);
            }
            segment(text, end, "N4*", origin[0], "*", origin[1], "*", origin[2], "*US");
            segment(text, end, "N1*CN*", CONSIGNEES[n % CONSIGNEES.length]);
            segment(text, end, "N4*", destination[0], "*", destination[1], "*", destination[2], "*US");
        }
        int loops = 1 + random.nextInt(6);
        int minutes = random.nextInt(20 * 60);
        for (int lx = 1; lx <= loops; lx++) {
            minutes += 20 + random.nextInt(480);
            String date = "202611" + two(Math.min(28, day + minutes / (24 * 60)));
            String time = two(minutes / 60 % 24) + two(minutes % 60);
            segment(text, end, "LX*", Integer.toString(lx));
            counts[3]++;
            if (lx > 1 && random.nextInt(10) == 0) {
                segment(text, end, "AT7*", ANNOUNCEMENT, "*NS***", date, "*1700*CT");
                continue;
            }
            counts[4]++;
            String code = random.nextInt(200) == 0 ? UNLISTED_STATUS : statusCodes.get(random.nextInt(statusCodes.size()));
            String reason = random.nextInt(7) == 0 ? REASONS[random.nextInt(REASONS.length)] : "NS";
            String timeCode = TIME_CODES[random.nextInt(TIME_CODES.length)];
            if (random.nextInt(8) == 0) {
                time += two(random.nextInt(60));
            }
            String[] place = PLACES[(n + lx * 3) % PLACES.length];
            segment(text, end, "AT7*", code, "*", reason, "***", date, "*", time, timeCode == null ? "" : "*" + timeCode);
            segment(text, end, "MS1*", place[0], "*", place[1], "*US");
            if (random.nextInt(5) != 0) {
                segment(text, end, "MS2*", SCAC, "*", trailer);
            }
            if (random.nextInt(6) == 0) {
                segment(text, end, "L11*PO-", Integer.toString(8_700 + n % 1_000), "*PO");
            }
            if (!reason.equals("NS") || random.nextInt(12) == 0) {
                segment(text, end, "K1*", REMARKS[random.nextInt(REMARKS.length)]);
            }
            if (random.nextInt(5) == 0) {
                boolean pounds = random.nextInt(4) != 0;
                segment(text, end, "AT8*G*", pounds ? "L*" : "K*", Integer.toString(200 + random.nextInt(9_000)), "*",
                        Integer.toString(1 + random.nextInt(24)), random.nextInt(3) == 0 ? "**E*" + (20 + random.nextInt(400)) : "");
            }
        }
        int segments = count(text, start, end) + 1;
        segment(text, end, "SE*", Integer.toString(segments), "*", control);
    }

    private static void segment(StringBuilder text, String end, String... parts) {
        for (String part : parts) {
            text.append(part);
        }
        text.append(end);
    }

    /** Segments written since {@code start}: its terminators. */
    private static int count(StringBuilder text, int start, String end) {
        int segments = 0;
        for (int at = text.indexOf(end, start); at >= 0; at = text.indexOf(end, at + end.length())) {
            segments++;
        }
        return segments;
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
