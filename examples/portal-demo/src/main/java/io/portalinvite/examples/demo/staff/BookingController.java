package io.portalinvite.examples.demo.staff;

import io.portalinvite.common.ValidationException;
import io.portalinvite.examples.demo.FieldErrors;
import io.portalinvite.examples.demo.Practice;
import io.portalinvite.examples.demo.patients.NewPatientBooking;
import io.portalinvite.examples.demo.patients.PatientRepository;
import io.portalinvite.examples.demo.patients.PracticeService;
import io.portalinvite.party.Relationship;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /staff/appointments}: the Appointment Booking screen (a day's appointments) and its New
 * Patient form with the two Patient Portal toggles.
 */
@Controller
public class BookingController {

    private static final LocalTime FIRST_SLOT = LocalTime.of(8, 0);
    private static final LocalTime LAST_SLOT = LocalTime.of(17, 45);

    private final PatientRepository patients;
    private final PracticeService service;
    private final Practice practice;

    /**
     * Creates the controller.
     *
     * @param patients the practice's records
     * @param service the host service
     * @param practice the practice
     */
    public BookingController(PatientRepository patients, PracticeService service, Practice practice) {
        this.patients = patients;
        this.service = service;
        this.practice = practice;
    }

    /**
     * Shows a day's appointments.
     *
     * @param date the day, yyyy-MM-dd; today by default
     * @param model the view model
     * @return the view
     */
    @GetMapping("/staff/appointments")
    public String day(@RequestParam(name = "date", required = false) @Nullable String date, Model model) {
        LocalDate day = practice.today();
        if (date != null) {
            try {
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                // keep today: a bad date in the address is not worth an error page
            }
        }
        model.addAttribute("area", "staff");
        model.addAttribute("section", "appointments");
        model.addAttribute("day", day);
        model.addAttribute("today", practice.today());
        model.addAttribute("appointments", patients.appointmentsOn(day));
        return "staff/appointments";
    }

    /**
     * Shows the New Patient form.
     *
     * @param date the appointment day, yyyy-MM-dd; today by default
     * @param model the view model
     * @return the view
     */
    @GetMapping("/staff/appointments/new-patient")
    public String newPatient(@RequestParam(name = "date", required = false) @Nullable String date, Model model) {
        LocalDate day = practice.today();
        if (date != null) {
            try {
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                // keep today
            }
        }
        // the next quarter hour from now today, else the first slot of the day
        LocalTime now = LocalTime.now(practice.zone());
        LocalTime next = now.truncatedTo(ChronoUnit.HOURS).plusMinutes((now.getMinute() / 15 + 1) * 15L);
        LocalTime slot =
                day.equals(practice.today()) && now.isBefore(LAST_SLOT) && next.isAfter(now) ? next : FIRST_SLOT;
        return form(model, NewPatientBooking.blank(day, slot.toString()), FieldErrors.none());
    }

    /**
     * Saves the new patient and the appointment, and sends Patient Portal access when asked.
     *
     * @param booking what staff typed
     * @param model the view model
     * @param response to answer 422 with errors
     * @param redirect for the outcome message
     * @return a redirect to the patient's record, or the form with errors
     */
    @PostMapping("/staff/appointments/new-patient")
    public String book(
            @ModelAttribute("form") NewPatientBooking booking,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        PracticeService.Booked booked;
        try {
            booked = service.bookNewPatient(booking);
        } catch (ValidationException e) {
            response.setStatus(StaffForms.UNPROCESSABLE);
            return form(model, booking, FieldErrors.of(e, StaffForms::inputName, StaffForms.PATIENT_LABELS));
        }
        List<String> lines = new ArrayList<>();
        lines.add(booked.patient().fullName() + " was added and booked.");
        if (booked.invite() != null) {
            lines.addAll(StaffForms.describe(booked.invite(), booked.patient().fullName()));
        }
        redirect.addFlashAttribute("noticeLines", lines);
        return "redirect:/staff/patients/" + booked.patient().id();
    }

    private String form(Model model, NewPatientBooking booking, FieldErrors errors) {
        model.addAttribute("area", "staff");
        model.addAttribute("section", "appointments");
        model.addAttribute("form", booking);
        model.addAttribute("errors", errors);
        model.addAttribute("practitioners", PracticeService.PRACTITIONERS);
        model.addAttribute("times", times());
        model.addAttribute("relationships", Relationship.values());
        model.addAttribute("portalEnabled", practice.settings().enabled());
        return "staff/new-patient";
    }

    private static List<String> times() {
        List<String> times = new ArrayList<>();
        for (LocalTime t = FIRST_SLOT; !t.isAfter(LAST_SLOT); t = t.plusMinutes(15)) {
            times.add(t.toString());
        }
        return times;
    }
}
