package dev.ferry.rest;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/** Applies {@code response.http.headers.config} rules to a response, as Jetty's header filter does for Apache. */
final class ResponseHeaders {

    private ResponseHeaders() {
    }

    static void apply(List<RestSettings.HeaderRule> rules, HttpServletResponse response) {
        for (RestSettings.HeaderRule rule : rules) {
            switch (rule.action()) {
                case SET -> response.setHeader(rule.name(), rule.value());
                case ADD -> response.addHeader(rule.name(), rule.value());
                case SET_DATE -> response.setDateHeader(rule.name(), dateFrom(rule.value()));
                case ADD_DATE -> response.addDateHeader(rule.name(), dateFrom(rule.value()));
                default -> throw new IllegalStateException("Unhandled header action " + rule.action());
            }
        }
    }

    /** A date rule's value is milliseconds from now. */
    private static long dateFrom(String offsetMillis) {
        return System.currentTimeMillis() + Long.parseLong(offsetMillis);
    }
}
