package io.portalinvite.common;

import java.util.Objects;

/**
 * Who did something, as the audit trail records it: a staff member, an account holder, the invitee
 * following a link, an anonymous visitor, or the library itself.
 *
 * @param value the recorded form: {@code staff:<id>}, {@code account:<id>}, {@code invitee},
 *     {@code anonymous} or {@code system}
 */
public record Actor(String value) {

    /** The library itself: the dispatcher, the maintenance sweep, an automatic rule. */
    public static final Actor SYSTEM = new Actor("system");
    /** The person following an invitation link, before they have an account. */
    public static final Actor INVITEE = new Actor("invitee");
    /** Someone not signed in and not identified by a link, e.g. a "forgot password" request. */
    public static final Actor ANONYMOUS = new Actor("anonymous");

    /** Checks presence. */
    public Actor {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A staff member of the practice.
     *
     * @param staff the staff member
     * @return the actor
     */
    public static Actor staff(StaffId staff) {
        return new Actor("staff:" + staff.value());
    }

    /**
     * The holder of a portal account.
     *
     * @param account the account
     * @return the actor
     */
    public static Actor account(AccountId account) {
        return new Actor("account:" + account.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
