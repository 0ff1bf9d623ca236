package io.portalinvite.examples.demo;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /}: links to the staff screens, the Patient Portal and the mailbox. */
@Controller
public class HomeController {

    private final Practice practice;

    /**
     * Creates the controller.
     *
     * @param practice the practice
     */
    public HomeController(Practice practice) {
        this.practice = practice;
    }

    /**
     * Shows the landing page.
     *
     * @param model the view model
     * @return the view
     */
    @GetMapping("/")
    public String index(Model model) {
        model.addAttribute("area", "home");
        model.addAttribute("portalEnabled", practice.settings().enabled());
        return "index";
    }
}
