package io.portalinvite.examples.quarkus;

import java.io.Serial;
import java.time.LocalDateTime;

/** The appointment slot was booked already; the booking transaction rolls back. */
public class SlotTakenException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param slot the slot asked for
     */
    public SlotTakenException(LocalDateTime slot) {
        super("the slot " + slot + " is booked already");
    }
}
