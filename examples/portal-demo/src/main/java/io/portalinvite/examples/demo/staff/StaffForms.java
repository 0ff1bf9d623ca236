package io.portalinvite.examples.demo.staff;

import io.portalinvite.invitation.InviteResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the staff forms share: the 422 status, field names and labels, and invitation outcomes in words. */
final class StaffForms {

    /** The status of a form shown again with validation errors. */
    static final int UNPROCESSABLE = 422;

    /** Each patient input's label, for messages such as "Email is not a valid email address". */
    static final Map<String, String> PATIENT_LABELS = Map.ofEntries(
            Map.entry("givenName", "Given name"),
            Map.entry("familyName", "Family name"),
            Map.entry("dateOfBirth", "Date of birth"),
            Map.entry("email", "Email"),
            Map.entry("mobile", "Mobile"),
            Map.entry("appointmentDate", "Date"),
            Map.entry("appointmentTime", "Time"),
            Map.entry("practitioner", "Practitioner"),
            Map.entry("sendPortalAccess", "Patient Portal access"),
            Map.entry("portalAccess", "Patient Portal access"),
            Map.entry("carerGivenName", "Given name"),
            Map.entry("carerFamilyName", "Family name"),
            Map.entry("carerRelationship", "Relationship"),
            Map.entry("carerEmail", "Email"),
            Map.entry("carerMobile", "Mobile"));

    private StaffForms() {}

    /**
     * Turns a library or host field name into the form's input name: {@code patient.email} is
     * {@code email}, {@code carer.mobile} is {@code carerMobile}, {@code appointment.time} is
     * {@code appointmentTime}.
     *
     * @param field the field name
     * @return the input name, or null when the form has no such input
     */
    static @Nullable String inputName(String field) {
        if (field.startsWith("patient.")) {
            String name = field.substring("patient.".length());
            return "id".equals(name) ? null : name;
        }
        if (field.startsWith("carer.")) {
            return "carer" + capitalised(field.substring("carer.".length()));
        }
        if (field.startsWith("appointment.")) {
            String name = field.substring("appointment.".length());
            return "practitioner".equals(name) ? name : "appointment" + capitalised(name);
        }
        if ("sendPortalAccess".equals(field) || "portalAccess".equals(field)) {
            return field;
        }
        return null;
    }

    /**
     * Describes what an invite did, for the message shown after saving.
     *
     * @param result the invite's result
     * @param who the patient's name
     * @return the lines to show
     */
    static List<String> describe(InviteResult result, String who) {
        List<String> lines = new ArrayList<>();
        var invitation = result.invitation();
        String to = invitation == null ? "" : invitation.invitee().email().value();
        switch (result.outcome()) {
            case INVITED -> lines.add("Patient Portal access sent to " + to + " for " + who + ".");
            case RESENT -> lines.add("A new invitation link was sent to " + to + ".");
            case ALREADY_INVITED ->
                lines.add("An invitation to " + to + " is already open; nothing was sent "
                        + "again. Use Resend on the patient's record for a new link.");
            case ALREADY_REGISTERED -> lines.add("Nothing was sent.");
        }
        lines.addAll(result.notices());
        return lines;
    }

    private static String capitalised(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
