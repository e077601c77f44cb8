package io.waybill.hub.carrier;

import com.fasterxml.jackson.databind.JsonNode;
import io.waybill.adapter.support.PollChannel;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One poll of one carrier, from its cursor to the end of its feed (or until a call fails): which page to ask for
 * next, how often the current page was tried, and where the cursor goes once a page's events are durable. Pure
 * state and arithmetic; the route does the calls.
 */
public final class PollRun {

    /** A run reads at most this many pages; the next run goes on from the cursor. */
    static final int MAX_PAGES_PER_RUN = 1000;

    private final String partner;
    private final PollChannel poll;
    private final Instant sweepStartedAt;
    private PollCursor cursor;
    /** The page to ask for: null for the first page of a sweep, else a URL, token or page number. */
    private String page;
    private int pages;
    private int attempt;
    private boolean tokenRefreshed;
    private boolean active = true;
    private long retryDelayMillis;
    private String outcome = "caught-up";

    // The page received, until its cursor is saved.
    private boolean pageReceived;
    private byte[] body;
    private Map<String, String> responseHeaders = Map.of();
    private List<JsonNode> items = List.of();
    private boolean pageUnreadable;
    private PollCursor nextCursor;

    PollRun(String partner, PollChannel poll, PollCursor cursor, Instant now) {
        this.partner = partner;
        this.poll = poll;
        this.cursor = cursor;
        this.page = cursor.nextPage();
        this.sweepStartedAt = cursor.nextPage() != null && cursor.sweepStartedAt() != null
                ? Instant.parse(cursor.sweepStartedAt()) : now;
    }

    public String partner() {
        return partner;
    }

    public PollChannel poll() {
        return poll;
    }

    /** Whether the route's loop goes on: another page to read, or the current one to try again. */
    public boolean isActive() {
        return active;
    }

    public long getRetryDelayMillis() {
        return retryDelayMillis;
    }

    public boolean isPageReceived() {
        return pageReceived;
    }

    public String outcome() {
        return outcome;
    }

    public int pages() {
        return pages;
    }

    /** The URL of the page to ask for. */
    String requestUrl() {
        PollChannel.Pagination pagination = poll.pagination();
        String type = pagination == null ? "none" : pagination.type();
        if (page != null && type.equals("next-link")) {
            return URI.create(poll.baseUrl() + poll.path()).resolve(page).toString();
        }
        Map<String, String> query = new LinkedHashMap<>();
        PollChannel.Cursor c = poll.cursor();
        String position = cursor.position() != null ? cursor.position() : c.initial();
        if (position != null) {
            query.put(c.param(), position);
        }
        if (type.equals("cursor-token") && page != null) {
            query.put(pagination.param(), page);
        }
        if (type.equals("page-number")) {
            query.put(pagination.param(), page == null ? "1" : page);
            if (pagination.sizeParam() != null) {
                query.put(pagination.sizeParam(), Integer.toString(pagination.size()));
            }
        }
        StringJoiner joined = new StringJoiner("&");
        query.forEach((k, v) -> joined.add(encode(k) + "=" + encode(v)));
        return poll.baseUrl() + poll.path() + (query.isEmpty() ? "" : "?" + joined);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    void attempted() {
        attempt++;
        retryDelayMillis = 0;
    }

    int attempt() {
        return attempt;
    }

    /** An expired OAuth2 token is refreshed once per page; a second 401 is a configuration problem. */
    boolean refreshTokenOnce() {
        if (tokenRefreshed) {
            return false;
        }
        tokenRefreshed = true;
        return true;
    }

    void retryAfter(long delayMillis) {
        retryDelayMillis = delayMillis;
    }

    void stop(String why) {
        active = false;
        outcome = why;
    }

    void received(byte[] body, Map<String, String> headers) {
        this.pageReceived = true;
        this.body = body;
        this.responseHeaders = headers;
        this.pages++;
    }

    byte[] body() {
        return body;
    }

    String responseHeader(String name) {
        for (Map.Entry<String, String> header : responseHeaders.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    void items(List<JsonNode> items, JsonNode page) {
        this.items = items;
        this.nextCursor = advance(page);
    }

    void unreadable() {
        this.pageUnreadable = true;
    }

    boolean pageUnreadable() {
        return pageUnreadable;
    }

    /** The cursor to persist now that the page's events are durable; null when it must not move (unreadable page). */
    PollCursor nextCursor() {
        return pageUnreadable ? null : nextCursor;
    }

    /** The page's cursor is saved: go on with the next page, or end the run. */
    void cursorSaved(PollCursor saved) {
        boolean caughtUp = saved.nextPage() == null;
        String previousPage = page;
        cursor = saved;
        page = saved.nextPage();
        pageReceived = false;
        attempt = 0;
        tokenRefreshed = false;
        boolean moreWithoutPagination = poll.pagination() == null && poll.cursor().type().equals("last-event-id") && !items.isEmpty();
        if (caughtUp && !moreWithoutPagination) {
            stop("caught-up");
        } else if (pages >= MAX_PAGES_PER_RUN || (page != null && page.equals(previousPage))) {
            stop("page-limit");
        }
        items = List.of();
        body = null;
    }

    /** After an unreadable page (dead-lettered): the cursor stays, the run ends. */
    void pageAbandoned() {
        pageReceived = false;
        stop("unreadable-page");
    }

    private PollCursor advance(JsonNode pageBody) {
        PollChannel.Cursor c = poll.cursor();
        String position = cursor.position();
        if (c.type().equals("last-event-id") && !items.isEmpty()) {
            JsonNode id = items.get(items.size() - 1).at(c.pointer());
            if (!id.isMissingNode() && !id.isNull()) {
                position = id.asText();
            }
        }
        String next = nextPage(pageBody);
        String now = Instant.now().toString();
        if (next == null && c.type().equals("changed-since")) {
            int overlap = c.overlapSeconds() == null ? 60 : c.overlapSeconds();
            return new PollCursor(sweepStartedAt.minus(Duration.ofSeconds(overlap)).toString(), null, null, now);
        }
        return new PollCursor(position, next, next == null ? null : sweepStartedAt.toString(), now);
    }

    private String nextPage(JsonNode pageBody) {
        PollChannel.Pagination pagination = poll.pagination();
        if (pagination == null) {
            return null;
        }
        if (pagination.type().equals("page-number")) {
            int current = page == null ? 1 : Integer.parseInt(page);
            return items.size() >= pagination.size() ? Integer.toString(current + 1) : null;
        }
        String value;
        if (pagination.header() != null) {
            value = responseHeader(pagination.header());
            if (value != null && pagination.type().equals("next-link") && value.trim().startsWith("<")) {
                value = linkHeaderNext(value);
            }
        } else {
            JsonNode node = pageBody.at(pagination.pointer());
            value = node.isMissingNode() || node.isNull() ? null : node.asText();
        }
        return value == null || value.isBlank() || items.isEmpty() ? null : value.trim();
    }

    /** The rel="next" target of an RFC 8288 Link header, or null. */
    static String linkHeaderNext(String header) {
        for (String link : header.split(",")) {
            String[] parts = link.split(";");
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].trim().replace("\"", "").equalsIgnoreCase("rel=next")) {
                    return parts[0].trim().replaceAll("^<|>$", "");
                }
            }
        }
        return null;
    }

    List<JsonNode> items() {
        return new ArrayList<>(items);
    }
}
