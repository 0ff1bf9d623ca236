package io.portalinvite.settings;

import io.portalinvite.common.Violations;

/**
 * How a practice's messages go out: the SMS notice, the outbox's pace and how often staff may
 * resend an invitation. Part of {@link PortalSettings}.
 *
 * @param smsNotice whether an SMS notice accompanies the email when a mobile is known
 * @param messagesPerMinute outbound messages per minute and channel the outbox may send for this
 *     practice (its SMTP relay and SMS account are not flooded by a bulk invitation); 0 = unlimited
 * @param maxResendsPerHour resends allowed per invitation within any hour
 * @param maxResendsPerDay resends allowed per invitation within any 24 hours
 */
public record DeliveryRules(boolean smsNotice, int messagesPerMinute, int maxResendsPerHour, int maxResendsPerDay) {

    /** Highest pacing accepted: {@value} messages per minute and channel. */
    public static final int MAX_MESSAGES_PER_MINUTE = 100_000;

    /**
     * Validates every field and reports all problems together, each under its setting's name
     * ({@code settings.messagesPerMinute}, {@code settings.maxResendsPerHour},
     * {@code settings.maxResendsPerDay}).
     */
    public DeliveryRules {
        Violations v = new Violations();
        if (messagesPerMinute < 0 || messagesPerMinute > MAX_MESSAGES_PER_MINUTE) {
            v.add(
                    "settings.messagesPerMinute",
                    "range",
                    "must be between 0 (unlimited) and " + MAX_MESSAGES_PER_MINUTE);
        }
        if (maxResendsPerHour < 1 || maxResendsPerHour > 10) {
            v.add("settings.maxResendsPerHour", "range", "must be between 1 and 10");
        }
        if (maxResendsPerDay < maxResendsPerHour || maxResendsPerDay > 50) {
            v.add("settings.maxResendsPerDay", "range", "must be between the hourly limit and 50");
        }
        v.throwIfAny();
    }

    /**
     * Tells whether the outbox paces this practice's messages.
     *
     * @return true when {@link #messagesPerMinute()} is above zero
     */
    public boolean paced() {
        return messagesPerMinute > 0;
    }
}
